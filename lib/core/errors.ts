import { IConstruct } from 'constructs';

/**
 * The error every Bulkhead validation throws: it names the prop, the value, the limit and the fix,
 * and the construct path, so a failed `cdk synth` says exactly what to change.
 */
export class BulkheadValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkheadValidationError';
    Object.setPrototypeOf(this, BulkheadValidationError.prototype);
  }
}

/** How a value appears in a message; secrets are never passed here (pass a description instead). */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return String(value);
}

/**
 * Builds the standard validation error.
 *
 * @param scope the construct (its path is shown) or a plain name such as `IsolatedStages`
 * @param prop the prop's name as the user wrote it, e.g. `retryAttempts`
 * @param value the offending value (never a secret: pass a description of it instead)
 * @param limit what is allowed, e.g. `0-2 (threat T4: bounded async retries)`
 * @param fix what to do, e.g. `set retryAttempts to 0, 1 or 2`
 */
export function invalidProp(scope: IConstruct | string, prop: string, value: unknown, limit: string, fix: string): BulkheadValidationError {
  const where = typeof scope === 'string' ? scope : scope.node.path;
  return new BulkheadValidationError(`${where}: ${prop} is ${show(value)}; allowed: ${limit}. Fix: ${fix}.`);
}
