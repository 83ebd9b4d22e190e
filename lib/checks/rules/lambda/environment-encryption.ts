import { props } from '../../../cfn/resolve';
import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';
import { alternatives, ifCondition } from '../../../cfn/values';
import { customerKeyProblem } from '../../shared/customer-managed-key';

/** True when some alternative of Environment carries variables (an intrinsic Variables map counts: it may). */
function mayHaveVariables(environment: unknown): boolean {
  return alternatives(environment).some(
    (env) =>
      typeof env === 'object' &&
      env !== null &&
      alternatives((env as { Variables?: unknown }).Variables).some(
        (vars) => typeof vars === 'object' && vars !== null && (Array.isArray(vars) || Object.keys(vars).length > 0),
      ),
  );
}

/** Functions with environment variables but no customer-managed key (`KmsKeyArn`) (T3). */
export const EnvironmentEncryption = defineRule('EnvironmentEncryption', ['AWS::Lambda::Function'], (node) => {
  const p = props(node);
  if (!mayHaveVariables(p.Environment)) return NOT_APPLICABLE;
  const variables = ifCondition(p.Environment) !== undefined ? 'Environment (Fn::If) may hold variables' : 'Environment.Variables is set';
  const problem = customerKeyProblem(p.KmsKeyArn, 'KmsKeyArn');
  return violationIf(problem === undefined ? undefined : `${variables} but ${problem}`);
});
