import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { deployedText, Evaluation, isLiteral, lastSegment, opaqueKey, PARTITION, stackKey } from './deployed-text';
import { constructsUnder, judgedWith, resolved, ResolvedResource, RunCache } from './resolve';
import { placementOf, placeOf } from './stack-origin';
import { alternatives, describeIntrinsic } from './values';

/**
 * Which functions run with which execution role, across every stack a run judges together (the stacks of one app
 * or stage, the templates of one `bulkhead check`).
 */

const FUNCTION_TYPE = 'AWS::Lambda::Function';
/** `arn:<partition>:iam::<account>:role/<path/>name`. */
const ROLE_ARN = /^arn:[^:]*:iam::([^:]*):role\/(.*)$/s;

/** One role a function may run with (one per side of an `Fn::If`), as its own template writes it. */
export interface RoleReference {
  /** The role's name (lower case: IAM role names are unique regardless of case), when the template states it. */
  readonly name?: string;
  /** The account its ARN states literally; otherwise the role is in the function's own account. */
  readonly account?: string;
  /** Without a name: what the role is (a role resource CloudFormation names, a parameter, an import, an expression). */
  readonly key?: string;
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
export function roleReferences(role: unknown, stack: Stack): RoleReference[] {
  const found: RoleReference[] = [];
  for (const side of alternatives(role)) {
    if (side === undefined || side === null) continue;
    const reference = referenceOf(side, stack);
    if (!found.some((f) => f.key === reference.key && f.name === reference.name && f.account === reference.account)) found.push(reference);
  }
  return found;
}

function referenceOf(value: unknown, stack: Stack): RoleReference {
  const seen: Evaluation = { roles: [] };
  const text = deployedText(value, stack, seen);
  const arn = ROLE_ARN.exec(text);
  const name = arn ? lastSegment(arn[2]) : text;
  const label = (fallback: string): string => (seen.roles.length === 1 ? placeOf(seen.roles[0], stack) : fallback);
  const opaque = opaqueKey(name);
  if (opaque !== undefined && (arn || isBareReference(value))) return { key: opaque, label: label(describeOpaque(opaque, value)) };
  if (name !== '' && isLiteral(name) && (arn || (isBareReference(value) && seen.roles.length === 1))) {
    return {
      name: name.toLowerCase(),
      account: arn && /^\d{12}$/.test(arn[1]) ? arn[1] : undefined,
      label: label(typeof value === 'string' ? value : `role/${arn ? arn[2] : name}`),
    };
  }
  return { key: `expression:${stackKey(stack)}:${JSON.stringify(value)}`, label: `the same ${describeIntrinsic(value)} expression` };
}

/** A Ref, GetAtt or import standing alone (not text around one). */
function isBareReference(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ['Ref', 'Fn::GetAtt', 'Fn::ImportValue'].includes(keys[0]);
}

function describeOpaque(key: string, value: unknown): string {
  if (key.startsWith('import:')) {
    return `imported from export ${key.split('|').slice(2).join('|').split(PARTITION).join('${AWS::Partition}')} (made by no stack checked with this one)`;
  }
  if (key.startsWith('parameter:')) return `Ref ${key.slice(key.indexOf('/') + 1)} (a parameter without a default)`;
  return `the same ${describeIntrinsic(value)} expression`;
}

/** The functions the run judges together, by role key, and each function's roles with their keys. */
interface Sharing {
  readonly byKey: Map<string, ResolvedResource[]>;
  readonly byFunction: Map<CfnResource, RoleOfFunction[]>;
  /** For stacks that state no account: the one account their functions' role ARNs state, by stack group. */
  readonly inferred: Map<string, string | null>;
}

interface RoleOfFunction {
  readonly keys: string[];
  readonly label: string;
}

const sharingByRun = new RunCache<string | IConstruct, Sharing>();

function sharing(node: IConstruct): Sharing {
  const { scopes, key } = judgedWith(node);
  return sharingByRun.get(key, () => {
    const functions: Array<{ node: CfnResource; fn: ResolvedResource; stack: Stack; references: RoleReference[] }> = [];
    const visited = new Set<IConstruct>();
    for (const scope of scopes) {
      for (const c of constructsUnder(scope)) {
        if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== FUNCTION_TYPE || visited.has(c)) continue;
        visited.add(c);
        const fn = resolved(c);
        functions.push({ node: c, fn, stack: Stack.of(c), references: roleReferences(fn.properties.Role, Stack.of(c)) });
      }
    }
    // A function's role is in the function's account: a literal account in a role ARN says where a stack that
    // states no account deploys, and so where its group's `${AWS::AccountId}` points, when the group names one only.
    const inferred = new Map<string, string | null>();
    for (const f of functions) {
      const placement = placementOf(f.stack);
      if (placement.accountId !== undefined) continue;
      for (const r of f.references) {
        if (r.account === undefined) continue;
        const before = inferred.get(placement.account);
        inferred.set(placement.account, before === undefined || before === r.account ? r.account : null);
      }
    }
    const result: Sharing = { byKey: new Map(), byFunction: new Map(), inferred };
    for (const f of functions) {
      const roles = f.references.map((r) => ({ keys: keysOf(r, f.stack, inferred), label: r.label }));
      result.byFunction.set(f.node, roles);
      for (const k of new Set(roles.flatMap((r) => r.keys))) {
        const list = result.byKey.get(k);
        if (list) list.push(f.fn);
        else result.byKey.set(k, [f.fn]);
      }
    }
    return result;
  });
}

function keysOf(reference: RoleReference, stack: Stack, inferred: Map<string, string | null>): string[] {
  if (reference.key !== undefined) return [reference.key];
  const placement = placementOf(stack);
  const account = reference.account ?? placement.accountId ?? (inferred.get(placement.account) || undefined) ?? `in:${placement.account}`;
  return [`name:${account}:${reference.name}`];
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
  const { byKey, byFunction, inferred } = sharing(fn);
  const stack = Stack.of(fn);
  const roles =
    byFunction.get(fn) ??
    roleReferences(resolved(fn).properties.Role, stack).map((r) => ({ keys: keysOf(r, stack, inferred), label: r.label }));
  if (roles.length === 0) return undefined;
  return roles.map((role) => {
    const others = new Set<ResolvedResource>();
    for (const k of role.keys) for (const other of byKey.get(k) ?? []) if (other.node !== fn) others.add(other);
    return { label: role.label, others: [...others] };
  });
}
