import { props, referencedId, resolved, StackIndex } from '../../resolve';
import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';
import { describeIntrinsic } from '../../shared/template-values';

/** How a function's Role is written, reduced to an identity: the role resource, or the exact expression. */
function roleIdentity(role: unknown): { key: string; label: string } | undefined {
  if (role === undefined || role === null) return undefined;
  if (typeof role === 'string') return { key: `arn:${role}`, label: role };
  const id = referencedId(role);
  // GetAtt X.Arn and GetAtt [X, Arn] (and a Ref to a parameter) name the same role however they are spelled.
  if (id !== undefined) return { key: `id:${id}`, label: id };
  return { key: `expr:${JSON.stringify(role)}`, label: `the same ${describeIntrinsic(role)} expression` };
}

/** Role identity → logical IDs of the functions of the stack that run with it, built once per stack. */
function functionsByRole(index: StackIndex): Map<string, string[]> {
  return index.memo('SharedRole:functionsByRole', () => {
    const map = new Map<string, string[]>();
    for (const fn of index.ofType('AWS::Lambda::Function')) {
      const identity = roleIdentity(fn.properties.Role);
      if (!identity) continue;
      const list = map.get(identity.key) ?? [];
      list.push(fn.logicalId);
      map.set(identity.key, list);
    }
    return map;
  });
}

const MAX_NAMED = 5;

/** A Lambda function whose execution role is also used by another function (T1). */
export const SharedRole = defineRule('SharedRole', ['AWS::Lambda::Function'], (node) => {
  const identity = roleIdentity(props(node).Role);
  if (!identity) return NOT_APPLICABLE;
  const self = resolved(node).logicalId;
  const others = (functionsByRole(StackIndex.of(node)).get(identity.key) ?? []).filter((id) => id !== self);
  if (others.length === 0) return violationIf(undefined);
  const named = others.slice(0, MAX_NAMED).join(', ') + (others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : '');
  return violationIf(`Role ${identity.label} is also the role of ${others.length === 1 ? 'function' : `${others.length} other functions:`} ${named}`);
});
