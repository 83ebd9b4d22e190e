import { props } from '../../../cfn/resolve';
import { defineRule, NOT_APPLICABLE, violationIf, violations } from '../../rule';
import { openOperations } from '../../shared/openapi-operations';
import { exactText } from '../../../cfn/values';
import { openAuthProblem } from '../../shared/open-auth-type';

/**
 * REST API methods without authorization (T7): AWS::ApiGateway::Method resources, and the operations of a RestApi's
 * inline OpenAPI `Body` (what SAM writes; one finding per operation, keyed `<METHOD> <path>`). OPTIONS methods answer
 * CORS preflights, which browsers send without credentials, so they are exempt; ApiKeyRequired is metering, not
 * authorization, and does not count. A Body the template does not hold (BodyS3Location, Fn::Transform) is not judged.
 */
export const MethodAuthorization = defineRule('MethodAuthorization', ['AWS::ApiGateway::Method', 'AWS::ApiGateway::RestApi'], (node) => {
  const p = props(node);
  if (node.cfnResourceType === 'AWS::ApiGateway::RestApi') {
    const open = openOperations(p.Body);
    if (open === undefined) return NOT_APPLICABLE;
    return violations(open.map((o) => ({ key: `${o.method} ${o.path}`, detail: `${o.method} ${o.path} in the API's Body: ${o.reason}` })));
  }
  if (exactText(p.HttpMethod)?.toUpperCase() === 'OPTIONS') return NOT_APPLICABLE;
  const problem = openAuthProblem(node, p.AuthorizationType, 'AuthorizationType', true);
  const apiKey =
    p.ApiKeyRequired === true || p.ApiKeyRequired === 'true'
      ? ' (ApiKeyRequired is not authorization: API keys identify, they do not authenticate)'
      : '';
  return violationIf(problem === undefined ? undefined : `${exactText(p.HttpMethod) ?? 'the'} method: ${problem}${apiKey}`);
});
