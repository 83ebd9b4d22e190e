import { Stack } from 'aws-cdk-lib';
import { roleSharing } from '../../../cfn/function-roles';
import { placeOf } from '../../../cfn/stack-origin';
import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';

const MAX_NAMED = 5;

/** A Lambda function whose execution role another function of the app also uses, however and in whichever stack each writes it (T1). */
export const SharedRole = defineRule('SharedRole', ['AWS::Lambda::Function'], (node) => {
  const roles = roleSharing(node);
  if (!roles) return NOT_APPLICABLE;
  const stack = Stack.of(node);
  const details = roles
    .filter((r) => r.others.length > 0)
    .map((r) => {
      const names = r.others.map((o) => placeOf(o, stack));
      const named = names.slice(0, MAX_NAMED).join(', ') + (names.length > MAX_NAMED ? ` and ${names.length - MAX_NAMED} more` : '');
      return `Role ${r.label} is also the role of ${names.length === 1 ? 'function' : `${names.length} other functions:`} ${named}`;
    });
  return violationIf(details.length === 0 ? undefined : details.join('; '));
});
