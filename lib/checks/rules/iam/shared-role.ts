import { functionsByRole, roleIdentity } from '../../../cfn/function-roles';
import { props, resolved, StackIndex } from '../../../cfn/resolve';
import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';

const MAX_NAMED = 5;

/** A Lambda function whose execution role is also used by another function, however each writes the role (T1). */
export const SharedRole = defineRule('SharedRole', ['AWS::Lambda::Function'], (node) => {
  const index = StackIndex.of(node);
  const identity = roleIdentity(props(node).Role, index);
  if (!identity) return NOT_APPLICABLE;
  const self = resolved(node).logicalId;
  const others = (functionsByRole(index).get(identity.key) ?? []).filter((id) => id !== self);
  if (others.length === 0) return violationIf(undefined);
  const named = others.slice(0, MAX_NAMED).join(', ') + (others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : '');
  return violationIf(
    `Role ${identity.label} is also the role of ${others.length === 1 ? 'function' : `${others.length} other functions:`} ${named}`,
  );
});
