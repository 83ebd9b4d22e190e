/**
 * Whether every intrinsic function of a template has the argument shape CloudFormation accepts. aws-cdk-lib's
 * template reader assumes the shapes and fails with JavaScript's own errors (`value.indexOf is not a function`)
 * when they are wrong; this names the place and the function instead. It never quotes a value (it may be a secret).
 */

type Shape = (args: unknown) => boolean;

const isString = (v: unknown): boolean => typeof v === 'string';
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value some intrinsic computes: judged where it is, not here. */
const isStringOrIntrinsic = (v: unknown): boolean => isString(v) || isObject(v);
const isListOrIntrinsic = (v: unknown): boolean => Array.isArray(v) || isObject(v);
const pair =
  (first: (v: unknown) => boolean, second: (v: unknown) => boolean): Shape =>
  (a) =>
    Array.isArray(a) && a.length === 2 && first(a[0]) && second(a[1]);

/** The shape each intrinsic takes, with how the error message describes it. */
const SHAPES: { readonly [fn: string]: { readonly ok: Shape; readonly takes: string } } = {
  Ref: { ok: isString, takes: 'a logical ID or parameter name' },
  'Fn::GetAtt': {
    ok: (a) => (isString(a) && (a as string).includes('.')) || pair(isString, isStringOrIntrinsic)(a),
    takes: '[logicalId, attribute] or "logicalId.attribute"',
  },
  'Fn::Join': { ok: pair(isString, isListOrIntrinsic), takes: '[delimiter, [values]]' },
  'Fn::Sub': { ok: (a) => isString(a) || pair(isString, isObject)(a), takes: 'a string or [string, {variables}]' },
  'Fn::Select': {
    ok: pair((v) => typeof v === 'number' || isStringOrIntrinsic(v), isListOrIntrinsic),
    takes: '[index, [values]]',
  },
  'Fn::Split': { ok: pair(isString, isStringOrIntrinsic), takes: '[delimiter, string]' },
  'Fn::FindInMap': {
    ok: (a) => Array.isArray(a) && (a.length === 3 || a.length === 4) && a.slice(0, 3).every(isStringOrIntrinsic),
    takes: '[mapName, topLevelKey, secondLevelKey]',
  },
  'Fn::If': { ok: (a) => Array.isArray(a) && a.length === 3 && isString(a[0]), takes: '[conditionName, valueIfTrue, valueIfFalse]' },
  'Fn::Equals': { ok: (a) => Array.isArray(a) && a.length === 2, takes: '[value, value]' },
  'Fn::Not': { ok: (a) => Array.isArray(a) && a.length === 1, takes: '[condition]' },
  'Fn::And': { ok: (a) => Array.isArray(a) && a.length >= 2, takes: '[condition, condition, ...]' },
  'Fn::Or': { ok: (a) => Array.isArray(a) && a.length >= 2, takes: '[condition, condition, ...]' },
  'Fn::Base64': { ok: isStringOrIntrinsic, takes: 'a string' },
  'Fn::ImportValue': { ok: isStringOrIntrinsic, takes: 'an export name' },
  'Fn::GetAZs': { ok: isStringOrIntrinsic, takes: 'a region (or "")' },
  'Fn::Cidr': { ok: (a) => Array.isArray(a) && a.length === 3, takes: '[ipBlock, count, cidrBits]' },
};

/** How a value is described in a message: its kind, never its content. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return 'null';
  return typeof v === 'object' ? 'a map' : `a ${typeof v}`;
}

/** Most nodes read before giving up (a template past CloudFormation's 1 MB has been refused before this). */
const MAX_NODES = 2_000_000;

/**
 * The first intrinsic function whose arguments have a shape CloudFormation rejects, as `<path>: <function> takes
 * <shape>, not <kind>`; undefined when every one is well formed. Iterative, so depth cannot overflow the stack.
 */
export function intrinsicShapeProblem(template: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[template, '']];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen++) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
      continue;
    }
    if (!isObject(value)) continue;
    const entries = Object.entries(value as object);
    if (entries.length === 1 && Object.prototype.hasOwnProperty.call(SHAPES, entries[0][0])) {
      const [fn, args] = entries[0];
      const shape = SHAPES[fn];
      if (!shape.ok(args)) return `${path === '' ? 'the template' : path.slice(1)}: ${fn} takes ${shape.takes}, not ${kindOf(args)}`;
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], `${path}.${entries[i][0]}`]);
  }
  return undefined;
}
