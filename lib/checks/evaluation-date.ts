import { utcToday } from '../core/clock';

/**
 * The date rules judge dated facts against (a runtime's deprecation), set by the pack for the length of one check so
 * rules stay functions of the resource; outside a check it is today (UTC).
 */
let current: string | undefined;

/** The date of the check in progress (YYYY-MM-DD). */
export function evaluationDate(): string {
  return current ?? utcToday();
}

/** Runs `body` with `date` as the evaluation date (undefined: keep the enclosing one). */
export function withEvaluationDate<T>(date: string | undefined, body: () => T): T {
  const previous = current;
  current = date ?? previous;
  try {
    return body();
  } finally {
    current = previous;
  }
}
