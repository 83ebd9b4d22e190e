import { props } from '../../../cfn/resolve';
import { defineRule, NOT_APPLICABLE, violationIf, violations } from '../../rule';
import { exactText } from '../../../cfn/values';
import { openAuthProblem } from '../../shared/open-auth-type';
import { openOperations } from '../../shared/openapi-security';

/**
 * REST API methods without authorization (T7), written as Method resources or as operations of the API's OpenAPI
 * `Body` (without `security`, see openapi-security.ts). OPTIONS methods answer CORS preflights, which browsers send
 * without credentials, so they are exempt; ApiKeyRequired is metering, not authorization, and does not count.
 */
export const MethodAuthorization = defineRule('MethodAuthorization', ['AWS::ApiGateway::Method', 'AWS::ApiGateway::RestApi'], (node) => {
  const p = props(node);
  if (node.cfnResourceType === 'AWS::ApiGateway::RestApi') {
    return violations(openOperations(p.Body).map((op) => ({ key: op, detail: `Body (OpenAPI) operation ${op} has no security requirement` })));
  }
  if (exactText(p.HttpMethod)?.toUpperCase() === 'OPTIONS') return NOT_APPLICABLE;
  const problem = openAuthProblem(node, p.AuthorizationType, 'AuthorizationType', true);
  const apiKey = p.ApiKeyRequired === true || p.ApiKeyRequired === 'true' ? ' (ApiKeyRequired is not authorization: API keys identify, they do not authenticate)' : '';
  return violationIf(problem === undefined ? undefined : `${exactText(p.HttpMethod) ?? 'the'} method: ${problem}${apiKey}`);
});
