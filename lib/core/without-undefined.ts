/** A copy without the keys whose value is undefined: CDK warns about deprecated props merely present (e.g. logRetention). */
export function withoutUndefined<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}
