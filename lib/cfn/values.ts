/**
 * Reading CloudFormation values that may be intrinsic functions, for the rules of every service: text rebuilt from
 * Fn::Join/Fn::Sub, the sides of Fn::If, parameters, numbers and booleans written as strings.
 */

/** Stands for a part of a string only known at deploy time (a Ref, a GetAtt, a pseudo parameter). */
export const UNKNOWN = '\u0000';

/**
 * The text a value evaluates to, with `UNKNOWN` for every part only known at deploy time: literals as they are,
 * `Fn::Join` and `Fn::Sub` evaluated over their literal parts. Lets rules match ARNs such as CDK's
 * `Fn::Join ['', ['arn:', {Ref: AWS::Partition}, ':iam::aws:policy/AdministratorAccess']]`.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return UNKNOWN;
  const v = value as { [key: string]: any };
  const join = v['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(textOf).join(join[0]);
  }
  const sub = v['Fn::Sub'];
  if (typeof sub === 'string') return substitute(sub, {});
  if (Array.isArray(sub) && typeof sub[0] === 'string')
    return substitute(sub[0], typeof sub[1] === 'object' && sub[1] !== null ? sub[1] : {});
  return UNKNOWN;
}

/** The value's text when it is fully known before deployment (literals, or Join/Sub of literals only). */
export function exactText(value: unknown): string | undefined {
  const text = textOf(value);
  return text.includes(UNKNOWN) ? undefined : text;
}

/** `${Name}` from the Sub's own variables, `${!Literal}` as `${Literal}`, anything else unknown. */
function substitute(template: string, vars: { [name: string]: unknown }): string {
  return template.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
    if (bang === '!') return '${' + name + '}';
    return Object.prototype.hasOwnProperty.call(vars, name) ? textOf(vars[name]) : UNKNOWN;
  });
}

/** True when the value is `{ Ref: 'AWS::NoValue' }` (the property is removed at deploy time). */
export function isNoValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';
}

/** The condition name of an `Fn::If`, when the value is one. */
export function ifCondition(value: unknown): string | undefined {
  const args = typeof value === 'object' && value !== null ? (value as { 'Fn::If'?: unknown })['Fn::If'] : undefined;
  return Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? args[0] : undefined;
}

/** One value a property may take at deploy time, and the Fn::If condition that chooses it. */
export interface Branch {
  readonly value: unknown;
  readonly condition?: string;
}

/**
 * The values a property may take once CloudFormation picks the sides of its (nested) `Fn::If`s, each with the
 * condition that chooses it; `Ref: AWS::NoValue` becomes `undefined` (the property is absent on that side).
 */
export function branches(value: unknown, condition?: string): Branch[] {
  if (isNoValue(value)) return [{ value: undefined, condition }];
  const name = ifCondition(value);
  if (name === undefined) return [{ value, condition }];
  const [, whenTrue, whenFalse] = (value as { 'Fn::If': unknown[] })['Fn::If'];
  return [...branches(whenTrue, name), ...branches(whenFalse, name)];
}

/** Every value a property may take (the values of `branches`). */
export function alternatives(value: unknown): unknown[] {
  return branches(value).map((b) => b.value);
}

/** ` on one side of Fn::If X` for a branch of a Fn::If, '' otherwise: tells the user which side is at fault. */
export function whenCondition(branch: Branch): string {
  return branch.condition === undefined ? '' : ` on one side of Fn::If ${branch.condition}`;
}

/**
 * The text of a literal string, `Fn::Sub` or `Fn::Join`, with `UNKNOWN` for deploy-time parts; undefined for any
 * other value (a bare Ref, an import, a number).
 */
export function templateText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  return 'Fn::Sub' in value || 'Fn::Join' in value ? textOf(value) : undefined;
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

/** A short, value-free description of an intrinsic for details, e.g. `Ref Stage` or `Fn::If IsProd`. */
export function describeIntrinsic(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const [fn, arg] = Object.entries(value)[0] ?? ['?', undefined];
  if (fn === 'Ref') return `Ref ${String(arg)}`;
  if (fn === 'Fn::GetAtt') return `Fn::GetAtt ${Array.isArray(arg) ? arg.join('.') : String(arg)}`;
  if (fn === 'Fn::If') return `Fn::If ${ifCondition(value)}`;
  if (fn === 'Fn::ImportValue') return `Fn::ImportValue ${typeof arg === 'string' ? arg : textOf(arg).split(UNKNOWN).join('…')}`;
  return fn;
}

/**
 * Every value the property at `path` under `value` may take, whichever `Fn::If` applies at each level (AWS::NoValue
 * and a missing key are `undefined`; a deploy-time value on the way stops the walk and is returned as it is).
 * `DestinationConfig: { OnFailure: { Destination: Fn::If [c, arn, NoValue] } }` yields `arn` and `undefined`.
 */
export function alternativesAt(value: unknown, path: readonly string[]): unknown[] {
  const found: unknown[] = [];
  for (const alt of alternatives(value)) {
    if (path.length === 0 || alt === undefined || alt === null) found.push(path.length === 0 ? alt : undefined);
    else if (typeof alt !== 'object' || Array.isArray(alt)) found.push(undefined);
    else if (Object.keys(alt).length === 1 && (Object.keys(alt)[0] === 'Ref' || Object.keys(alt)[0].startsWith('Fn::'))) found.push(alt);
    else found.push(...alternativesAt((alt as { [k: string]: unknown })[path[0]], path.slice(1)));
  }
  return found;
}
