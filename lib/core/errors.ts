import { IConstruct } from 'constructs';

/** Brands on the errors, Symbol.for keys so several loaded copies of the library recognise each other's errors. */
const VALIDATION_ERROR = Symbol.for('cdk-bulkhead.BulkheadValidationError');
const DEPLOY_GUARD_FAULT = Symbol.for('cdk-bulkhead.DeployGuardFault');

/**
 * The error every Bulkhead validation throws: it names the prop, the value, the limit and the fix,
 * and the construct path, so a failed `cdk synth` says exactly what to change.
 * (jsii cannot export a subclass of `Error`: other languages recognise it with `BulkheadErrors.isValidationError`;
 * TypeScript can also import the class from `cdk-bulkhead/lib/core/errors`.)
 */
export class BulkheadValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkheadValidationError';
    Object.setPrototypeOf(this, BulkheadValidationError.prototype);
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/** A fault of the deploy guard (no assembly, unknown stage, credentials, STS): never a verdict, exit 2, one line. */
export class DeployGuardFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployGuardFault';
    Object.setPrototypeOf(this, DeployGuardFault.prototype);
    Object.defineProperty(this, DEPLOY_GUARD_FAULT, { value: true });
  }
}

/** Recognises cdk-bulkhead's errors in a `catch`, in every language the library is published for. */
export class BulkheadErrors {
  /**
   * True when `x` is the error a refused prop throws at synth (`BulkheadValidationError`): its message names the
   * construct path, the prop, the value, the limit and the fix.
   */
  public static isValidationError(x: any): boolean {
    return x !== null && typeof x === 'object' && x[VALIDATION_ERROR] === true;
  }

  /**
   * True when `x` is a fault of `DeployGuard.verify` (`DeployGuardFault`): the check could not be made (missing
   * assembly or stage, no or expired credentials, access denied, throttling, an unreachable STS), so nothing is known
   * about the account. Treat it as "do not deploy".
   */
  public static isDeployGuardFault(x: any): boolean {
    return x !== null && typeof x === 'object' && x[DEPLOY_GUARD_FAULT] === true;
  }

  private constructor() {}
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
