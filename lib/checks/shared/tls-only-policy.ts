import { StackIndex } from '../../cfn/resolve';
import { asList, referencedId, referencedIds } from '../../cfn/references';
import { denies, literalsOf, statementsOf } from '../../cfn/policy-document';
import { alternatives } from '../../cfn/values';

/** How to read one kind of resource policy (QueuePolicy, TopicPolicy, TopicInlinePolicy). */
export interface ResourcePolicyShape {
  /** The policy's CloudFormation type. */
  readonly type: string;
  /** The property listing the resources it applies to (Queues, Topics, TopicArn). */
  readonly targets: string;
  /** Lower-case actions whose denial counts as refusing plain-HTTP requests, e.g. `sqs:*`. */
  readonly actions: readonly string[];
}

/**
 * Logical IDs of the resources of the stack that a policy of `shape` makes TLS-only: an Effect Deny statement for
 * every principal on one of `shape.actions` when `aws:SecureTransport` is false (Bool or BoolIfExists, string or
 * boolean), built once per stack. Shared by QueueTlsOnly and TopicTlsOnly.
 */
export function tlsOnlyTargets(index: StackIndex, shape: ResourcePolicyShape): Set<string> {
  return index.memo(`tls-only:${shape.type}`, () => {
    const covered = new Set<string>();
    for (const policy of index.ofType(shape.type)) {
      const targets = new Set<string>();
      for (const list of alternatives(policy.properties[shape.targets])) {
        for (const item of asList(list)) {
          const id = referencedId(item);
          if (id !== undefined) targets.add(id);
        }
      }
      if (targets.size === 0) continue;
      for (const { statement } of statementsOf(policy.properties.PolicyDocument)) {
        if (!deniesInsecureTransport(statement, shape.actions)) continue;
        for (const id of targets) if (coversResource(statement.Resource, id, index)) covered.add(id);
      }
    }
    return covered;
  });
}

function deniesInsecureTransport(statement: { [key: string]: any }, actions: readonly string[]): boolean {
  if (!denies(statement)) return false;
  if (!literalsOf(statement.Action).values.some((a) => actions.includes(a.toLowerCase()))) return false;
  if (!everyone(statement.Principal)) return false;
  const condition = statement.Condition;
  if (typeof condition !== 'object' || condition === null) return false;
  return ['Bool', 'BoolIfExists'].some((op) => {
    const block = condition[op];
    if (typeof block !== 'object' || block === null) return false;
    return Object.entries(block).some(
      ([key, v]) =>
        key.toLowerCase() === 'aws:securetransport' &&
        asList(v).some((x) => x === false || (typeof x === 'string' && x.toLowerCase() === 'false')),
    );
  });
}

/** `"*"` or `{ AWS: "*" }`: a deny that exempts no caller. */
function everyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return asList((principal as { AWS?: unknown }).AWS).includes('*');
}

/**
 * True when the statement's Resource may be this resource: `*`, a reference to it, or a value that names no other
 * resource of the stack (a literal ARN or a parameter: given the benefit of the doubt, as only the policy's own
 * targets are affected anyway).
 */
function coversResource(resource: unknown, id: string, index: StackIndex): boolean {
  if (resource === undefined) return false;
  for (const item of asList(resource)) {
    if (item === '*') return true;
    const refs = referencedIds(item);
    if (refs.has(id)) return true;
    if (![...refs].some((r) => index.byId.has(r))) return true;
  }
  return false;
}
