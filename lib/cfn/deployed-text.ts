import { CfnOutput, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { constructsUnder, judgedWith, ResolvedResource, RunCache, StackIndex, stackMappings } from './resolve';
import { placementOf } from './stack-origin';
import { stackParameters } from './stack-parameters';
import { UNKNOWN } from './values';

/**
 * The text a value takes once deployed, evaluated across the stacks one run judges together: what `textOf` does
 * within one template, plus the stack's pseudo parameters, parameter defaults, the template's Mappings, the names
 * of its IAM roles, and `Fn::ImportValue` of another stack's export. Parts that stand for something the
 * template does not spell out literally are markers, so two texts are equal only when they name the same thing:
 * `ACCOUNT` (the account the stack deploys to), `PARTITION`, and `opaque(key)` for a role without a literal name,
 * a parameter without a default or an import whose export is not among the stacks (one key per thing, run-wide).
 * Anything else only known at deploy time is `UNKNOWN`: never equal to anything.
 */

export const ACCOUNT = '\u0001';
export const PARTITION = '\u0002';
const OPEN = '\u0003';
const CLOSE = '\u0004';
/** Characters a template's own strings may not use to forge a marker. */
const MARKER_CHARS = [UNKNOWN, ACCOUNT, PARTITION, OPEN, CLOSE];

function replaceMarkers(text: string, by: string): string {
  let out = text;
  for (const c of MARKER_CHARS) if (out.includes(c)) out = out.split(c).join(by);
  return out;
}

/** A part standing for one thing the template does not name literally (a role resource, a parameter, an import). */
export function opaque(key: string): string {
  return `${OPEN}${replaceMarkers(key, '')}${CLOSE}`;
}

/** The key of a text that is exactly one opaque part, else undefined. */
export function opaqueKey(text: string): string | undefined {
  return text.length > 2 && text[0] === OPEN && text.endsWith(CLOSE) && text.indexOf(CLOSE) === text.length - 1
    ? text.slice(1, -1)
    : undefined;
}

/** The last `/`-separated segment of a text (a role's name after its path), an opaque part kept whole. */
export function lastSegment(text: string): string {
  if (text.endsWith(CLOSE)) {
    const open = text.lastIndexOf(OPEN);
    if (open >= 0 && (open === 0 || text[open - 1] === '/')) return text.slice(open);
  }
  return text.slice(text.lastIndexOf('/') + 1);
}

/** True when the text is fully literal: no deploy-time part and no marker. */
export function isLiteral(text: string): boolean {
  return !MARKER_CHARS.some((c) => text.includes(c));
}

const MAX_DEPTH = 10;
const ROLE_TYPE = 'AWS::IAM::Role';

/** What an evaluation met on its way: the role resources it named, for messages. */
export interface Evaluation {
  readonly roles: ResolvedResource[];
}

const stackIds = new WeakMap<Stack, number>();
let nextStackId = 0;

/** A short id of a stack, unique in this process (templates `bulkhead check` includes are all `Template`). */
export function stackKey(stack: Stack): string {
  let id = stackIds.get(stack);
  if (id === undefined) {
    id = nextStackId++;
    stackIds.set(stack, id);
  }
  return `stack${id}`;
}

/** The text `value`, a property of a resource of `stack`, takes once deployed (see the module comment). */
export function deployedText(value: unknown, stack: Stack, seen: Evaluation = { roles: [] }, depth = 0): string {
  if (typeof value === 'string') return replaceMarkers(value, UNKNOWN);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > MAX_DEPTH) return UNKNOWN;
  const keys = Object.keys(value);
  if (keys.length !== 1) return UNKNOWN;
  const arg = (value as { [key: string]: unknown })[keys[0]];
  const next = (v: unknown, s: Stack = stack): string => deployedText(v, s, seen, depth + 1);
  switch (keys[0]) {
    case 'Ref':
      return typeof arg === 'string' ? refText(arg, stack, seen, next) : UNKNOWN;
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(/\.(.*)/s) : [];
      return typeof id === 'string' && attribute === 'Arn' ? roleArnText(id, stack, seen, next) : UNKNOWN;
    }
    case 'Fn::Join':
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return UNKNOWN;
      return arg[1].map((part: unknown) => next(part)).join(arg[0]);
    case 'Fn::Sub':
      return subText(arg, next);
    case 'Fn::ImportValue':
      return importText(next(arg), stack, next);
    case 'Fn::FindInMap':
      return mappingText(arg, stack, next);
    default:
      return UNKNOWN;
  }
}

type Next = (value: unknown, stack?: Stack) => string;

function refText(name: string, stack: Stack, seen: Evaluation, next: Next): string {
  const placement = placementOf(stack);
  switch (name) {
    case 'AWS::AccountId':
      return ACCOUNT;
    case 'AWS::Partition':
      return PARTITION;
    case 'AWS::StackName':
      return placement.stackName ?? UNKNOWN;
    case 'AWS::Region':
      return placement.region.startsWith('region:') ? placement.region.slice('region:'.length) : UNKNOWN;
  }
  const parameter = stackParameters(stack).get(name);
  if (parameter !== undefined) {
    // The default is what deploys unless the deployer passes another value; without one, one parameter is one value.
    return parameter.defaultValue !== undefined ? next(parameter.defaultValue) : opaque(`parameter:${stackKey(stack)}/${name}`);
  }
  const role = roleResource(name, stack);
  return role === undefined ? UNKNOWN : roleNameText(role, stack, seen, next);
}

function roleResource(id: string, stack: Stack): ResolvedResource | undefined {
  const r = StackIndex.of(stack).byId.get(id);
  return r?.type === ROLE_TYPE ? r : undefined;
}

/** A role's name as written, or one opaque part when CloudFormation generates it (or it is only known at deploy time). */
function roleNameText(role: ResolvedResource, stack: Stack, seen: Evaluation, next: Next): string {
  seen.roles.push(role);
  const name = role.properties.RoleName === undefined ? UNKNOWN : next(role.properties.RoleName);
  return isLiteral(name) ? name : opaque(`role:${stackKey(stack)}/${role.logicalId}`);
}

function roleArnText(id: string, stack: Stack, seen: Evaluation, next: Next): string {
  const role = roleResource(id, stack);
  if (role === undefined) return UNKNOWN;
  const rolePath = role.properties.Path === undefined ? '/' : next(role.properties.Path);
  return `arn:${PARTITION}:iam::${ACCOUNT}:role${rolePath}${roleNameText(role, stack, seen, next)}`;
}

function subText(arg: unknown, next: Next): string {
  const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
  if (template === undefined) return UNKNOWN;
  const vars = Array.isArray(arg) && typeof arg[1] === 'object' && arg[1] !== null ? (arg[1] as { [k: string]: unknown }) : {};
  return replaceMarkers(template, UNKNOWN).replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
    if (bang === '!') return '${' + name + '}';
    if (Object.prototype.hasOwnProperty.call(vars, name)) return next(vars[name]);
    const dot = name.indexOf('.');
    return dot < 0 ? next({ Ref: name }) : next({ 'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)] });
  });
}

/**
 * An export's key: exports are per account and region. `${AWS::AccountId}` in a name is the stack's account, the
 * same for every stack that can import it; any other deploy-time part leaves the name unknown.
 */
function exportKey(name: string, stack: Stack): string | undefined {
  if ([UNKNOWN, OPEN, CLOSE].some((c) => name.includes(c))) return undefined;
  const placement = placementOf(stack);
  return `${placement.account}|${placement.region}|${name.split(ACCOUNT).join(placement.accountId ?? '${AWS::AccountId}')}`;
}

function importText(name: string, stack: Stack, next: Next): string {
  const key = exportKey(name, stack);
  if (key === undefined) return UNKNOWN;
  const exported = exportsOf(stack).get(key);
  if (exported === null) return UNKNOWN; // exported twice: CloudFormation would refuse one; do not pick
  if (exported === undefined) return opaque(`import:${key}`);
  return next(exported.value, exported.stack);
}

function mappingText(arg: unknown, stack: Stack, next: Next): string {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return UNKNOWN;
  const first = next(arg[1]);
  const second = next(arg[2]);
  if (!isLiteral(first) || !isLiteral(second)) return UNKNOWN;
  const mapping = stackMappings(stack).get(arg[0]);
  const level = mapping && Object.prototype.hasOwnProperty.call(mapping, first) ? mapping[first] : undefined;
  return level && Object.prototype.hasOwnProperty.call(level, second) ? next(level[second]) : UNKNOWN;
}

/** An export: its value as the producing template holds it. `null`: the name is exported twice. */
type Exported = { readonly value: unknown; readonly stack: Stack } | null;

const exportsByRun = new RunCache<string | IConstruct, Map<string, Exported>>();

/**
 * Every export of the stacks the run judges together, by `account|region|name` (exports are per account and
 * region), built once per run when a value first imports one.
 */
function exportsOf(consumer: Stack): Map<string, Exported> {
  const { scopes, key } = judgedWith(consumer);
  return exportsByRun.get(key, () => {
    const map = new Map<string, Exported>();
    for (const scope of scopes) {
      for (const c of constructsUnder(scope)) {
        if (!(c instanceof CfnOutput) || c.exportName === undefined) continue;
        const stack = Stack.of(c);
        const k = exportKey(deployedText(stack.resolve(c.exportName), stack), stack);
        if (k !== undefined) map.set(k, map.has(k) ? null : { value: stack.resolve(c.value), stack });
      }
    }
    return map;
  });
}
