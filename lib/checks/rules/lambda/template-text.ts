import { isIntrinsic } from '../../resolve';

/**
 * Reading CloudFormation values that may be partly intrinsic, for the Lambda rules: ARNs built with Fn::Sub or
 * Fn::Join, numbers written as strings, and properties switched on or off by Fn::If.
 */

/** Stands for a part only known at deploy time inside a text rebuilt from Fn::Sub or Fn::Join. */
export const UNKNOWN_PART = '\u0000';

/**
 * The text a value will have, with deploy-time parts as UNKNOWN_PART: a literal string, a Fn::Sub template or a
 * Fn::Join of parts. Undefined for anything else (a bare Ref, ImportValue, If...).
 */
export function templateText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > 5 || typeof value !== 'object' || value === null) return undefined;
  const sub = (value as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  if (sub !== undefined) {
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    // `${!Literal}` is Fn::Sub's escape for a literal `${Literal}`.
    return text?.replace(/\$\{(?!!)[^}]*\}/g, UNKNOWN_PART).replace(/\$\{!/g, '${');
  }
  const join = (value as { 'Fn::Join'?: unknown })['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => templateText(part, depth + 1) ?? UNKNOWN_PART).join(join[0]);
  }
  return undefined;
}

/** The AWS service of an ARN (`arn:<partition>:<service>:...`), when the service part is literal. */
export function arnService(value: unknown): string | undefined {
  const text = templateText(value);
  const m = text === undefined ? null : /^arn:[^:]*:([a-z0-9-]+):/.exec(text);
  return m ? m[1] : undefined;
}

/** A number written as a number or a numeric string (YAML templates hold both); undefined otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))) return Number(value);
  return undefined;
}

/** True for `true` and `"true"` (CloudFormation accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** One value a property may take at deploy time, and the Fn::If condition that chooses it. */
export interface Branch {
  readonly value: unknown;
  readonly condition?: string;
}

/**
 * The values a property may take: one branch for a plain value, one per side of a (nested) Fn::If, where
 * `Ref: AWS::NoValue` becomes undefined (the property is absent on that side).
 */
export function branches(value: unknown, condition?: string, depth = 0): Branch[] {
  if (isNoValue(value)) return [{ value: undefined, condition }];
  const ifArgs = typeof value === 'object' && value !== null ? (value as { 'Fn::If'?: unknown })['Fn::If'] : undefined;
  if (depth < 5 && Array.isArray(ifArgs) && ifArgs.length === 3 && typeof ifArgs[0] === 'string') {
    return [...branches(ifArgs[1], ifArgs[0], depth + 1), ...branches(ifArgs[2], ifArgs[0], depth + 1)];
  }
  return [{ value, condition }];
}

/** ` when condition X decides so` for a branch of a Fn::If, '' otherwise: tells the user which side is at fault. */
export function whenCondition(branch: Branch): string {
  return branch.condition === undefined ? '' : ` on one side of Fn::If ${branch.condition}`;
}

function isNoValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';
}

/** A short description of a deploy-time value for messages, e.g. `Ref Param`, `Fn::ImportValue`. */
export function describeValue(value: unknown): string {
  if (!isIntrinsic(value)) return JSON.stringify(value);
  const key = Object.keys(value as object)[0];
  const arg = (value as { [k: string]: unknown })[key];
  return typeof arg === 'string' ? `${key} ${arg}` : key;
}
