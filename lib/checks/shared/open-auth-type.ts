import { CfnResource } from 'aws-cdk-lib';
import { parameterOf, possibleStrings } from '../../cfn/stack-parameters';
import { describeIntrinsic, ifCondition } from '../../cfn/values';

/**
 * Why an authorization-type property (function URL AuthType, API Gateway AuthorizationType) may leave an endpoint
 * open, or undefined when every value it can take requires authentication (T7). Shared by FunctionUrlAuth,
 * MethodAuthorization and RouteAuthorization.
 *
 * Fails closed: a value only known at deploy time (a parameter without AllowedValues, an import) may be NONE, and
 * a public endpoint is serious enough that the template must show it is not. A parameter restricted by
 * AllowedValues, or an `Fn::If` over literals, is judged by every value it allows.
 */
export function openAuthProblem(node: CfnResource, value: unknown, property: string, absentMeansOpen: boolean): string | undefined {
  const choices = possibleStrings(node, value);
  const how = describeSource(node, value);
  if (choices.values.some((v) => v !== undefined && v.toUpperCase() === 'NONE')) return `${property} is NONE${how}`;
  if (absentMeansOpen && choices.values.includes(undefined)) {
    return ifCondition(value) === undefined ? `${property} is not set (NONE)` : `${property} is removed (AWS::NoValue, so NONE)${how}`;
  }
  if (choices.unknown.length > 0) {
    return `${property} is ${choices.unknown.join(' or ')}, only known at deploy time, so NONE cannot be ruled out`;
  }
  return undefined;
}

/** Where a NONE comes from, for the detail: a branch of Fn::If, or a parameter's AllowedValues. */
function describeSource(node: CfnResource, value: unknown): string {
  const condition = ifCondition(value);
  if (condition !== undefined) return ` in a branch of Fn::If ${condition}`;
  const parameter = parameterOf(node, value);
  if (parameter !== undefined) return ` among the AllowedValues of parameter ${parameter.name}`;
  if (typeof value === 'object' && value !== null) return ` (${describeIntrinsic(value)} of literals)`;
  return '';
}
