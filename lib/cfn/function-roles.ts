import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { deployedText, Evaluation, isLiteral, lastSegment, opaqueKey, stackKey } from './deployed-text';
import { judgedWith, resolved, ResolvedResource, RunCache } from './resolve';
import { placementOf, placeOf } from './stack-origin';
import { alternatives, describeIntrinsic } from './values';

/**
 * Which functions run with which execution role, across every stack a run judges together (the stacks of one app
 * or stage, the templates of one `bulkhead check`).
 */

const FUNCTION_TYPE = 'AWS::Lambda::Function';
/** `arn:<partition>:iam::<account>:role/<path/>name`. */
const ROLE_ARN = /^arn:[^:]*:iam::([^:]*):role\/(.*)$/s;

/** One role a function may run with (one per side of an `Fn::If`). */
export interface RoleIdentity {
  /** Keys of the role: two functions whose keys meet run with one role. */
  readonly keys: readonly string[];
  /** How messages name the role, seen from the function's own stack. */
  readonly label: string;
}

/**
 * The roles a function's `Role` value may name, however it is written. Role names are unique per account, and an
 * execution role is always in its function's account (iam:PassRole passes no other), so a role is its account
 * and name: `GetAtt Role.Arn` of a role named `orders-api` (any `Path`), `arn:aws:iam::111111111111:role/orders-api`,
 * a `Fn::Sub`/`Fn::Join` with `${AWS::AccountId}`, `${Role}` or a parameter's default, `Fn::ImportValue` of an
 * export whose value is any of these, in any stack of the run, are one role. A role whose name CloudFormation
 * generates is its resource; a parameter without a default, an import of an export no stack of the run makes, or
 * any other expression is itself: equal to the same one in the same stack (or the same import), never guessed
 * equal to anything else.
 */
export function roleIdentities(role: unknown, stack: Stack): RoleIdentity[] {
  const found: RoleIdentity[] = [];
  for (const side of alternatives(role)) {
    if (side === undefined || side === null) continue;
    const identity = identityOf(side, stack);
    if (!found.some((f) => f.keys[0] === identity.keys[0])) found.push(identity);
  }
  return found;
}

function identityOf(value: unknown, stack: Stack): RoleIdentity {
  const seen: Evaluation = { roles: [] };
  const text = deployedText(value, stack, seen);
  const placement = placementOf(stack);
  const arn = ROLE_ARN.exec(text);
  const name = arn ? lastSegment(arn[2]) : text;
  const label = (fallback: string): string => (seen.roles.length === 1 ? placeOf(seen.roles[0], stack) : fallback);
  const opaque = opaqueKey(name);
  if (opaque !== undefined && (arn || isBareReference(value))) return { keys: [opaque], label: label(describeOpaque(opaque, value)) };
  if (name !== '' && isLiteral(name) && (arn || (isBareReference(value) && seen.roles.length === 1))) {
    const account = arn && /^\d{12}$/.test(arn[1]) ? `account:${arn[1]}` : placement.account;
    const keys = [`name:${account}:${name.toLowerCase()}`];
    // A literal account in a stack that states none is that stack's account: the same role as `${AWS::AccountId}`.
    if (account !== placement.account && placement.accountId === undefined) keys.push(`name:${placement.account}:${name.toLowerCase()}`);
    return { keys, label: label(typeof value === 'string' ? value : `role/${arn ? arn[2] : name}`) };
  }
  return { keys: [`expression:${stackKey(stack)}:${JSON.stringify(value)}`], label: `the same ${describeIntrinsic(value)} expression` };
}

/** A Ref, GetAtt or import standing alone (not text around one). */
function isBareReference(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ['Ref', 'Fn::GetAtt', 'Fn::ImportValue'].includes(keys[0]);
}

function describeOpaque(key: string, value: unknown): string {
  if (key.startsWith('import:')) {
    return `imported from export ${key.split('|').slice(2).join('|')} (made by no stack checked with this one)`;
  }
  if (key.startsWith('parameter:')) return `Ref ${key.slice(key.indexOf('/') + 1)} (a parameter without a default)`;
  return `the same ${describeIntrinsic(value)} expression`;
}

/** The functions the run judges together, by role key, and each function's roles. */
interface Sharing {
  readonly byKey: Map<string, ResolvedResource[]>;
  readonly byFunction: Map<CfnResource, RoleIdentity[]>;
}

const sharingByRun = new RunCache<string | IConstruct, Sharing>();

function sharing(node: IConstruct): Sharing {
  const { scopes, key } = judgedWith(node);
  return sharingByRun.get(key, () => {
    const byKey = new Map<string, ResolvedResource[]>();
    const byFunction = new Map<CfnResource, RoleIdentity[]>();
    const visited = new Set<IConstruct>();
    for (const scope of scopes) {
      for (const c of scope.node.findAll()) {
        if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== FUNCTION_TYPE || visited.has(c)) continue;
        visited.add(c);
        const fn = resolved(c);
        const roles = roleIdentities(fn.properties.Role, Stack.of(c));
        byFunction.set(c, roles);
        for (const k of new Set(roles.flatMap((r) => r.keys))) {
          const list = byKey.get(k);
          if (list) list.push(fn);
          else byKey.set(k, [fn]);
        }
      }
    }
    return { byKey, byFunction };
  });
}

/** A role of a function and the other functions of the run that use it. */
export interface SharedRole {
  /** The role, named as seen from the function's stack. */
  readonly label: string;
  /** The other functions, in construct-tree order. */
  readonly others: readonly ResolvedResource[];
}

/**
 * The roles `fn` (an AWS::Lambda::Function) may run with, each with the other functions of the run that may run with
 * it; undefined when the function states no role.
 */
export function roleSharing(fn: CfnResource): SharedRole[] | undefined {
  const { byKey, byFunction } = sharing(fn);
  const roles = byFunction.get(fn) ?? roleIdentities(resolved(fn).properties.Role, Stack.of(fn));
  if (roles.length === 0) return undefined;
  return roles.map((role) => {
    const others = new Set<ResolvedResource>();
    for (const k of role.keys) for (const other of byKey.get(k) ?? []) if (other.node !== fn) others.add(other);
    return { label: role.label, others: [...others] };
  });
}
