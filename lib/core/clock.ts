/** The one place that reads the clock: date-dependent logic takes the date as a parameter and defaults to this. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** True for a calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}
