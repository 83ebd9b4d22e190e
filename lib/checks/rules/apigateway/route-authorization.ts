import { props, StackIndex } from '../../../cfn/resolve';
import { referencedId } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, violationIf, violations, Violation } from '../../rule';
import { exactText } from '../../../cfn/values';
import { openAuthProblem } from '../../shared/open-auth-type';
import { openOperations } from '../../shared/openapi-security';

/** Logical IDs of the stack's WebSocket APIs, built once per stack. */
function webSocketApis(index: StackIndex): Set<string> {
  return index.memo('RouteAuthorization:webSocketApis', () => new Set(index.ofType('AWS::ApiGatewayV2::Api')
    .filter((api) => exactText(api.properties.ProtocolType)?.toUpperCase() === 'WEBSOCKET')
    .map((api) => api.logicalId)));
}

/**
 * HTTP and WebSocket API routes without authorization (T7): Route resources, the route quick-create makes (`Target`
 * on the API: a `$default` or `RouteKey` route with no authorizer, as anyone can call it), and operations of the
 * API's OpenAPI `Body` without `security`. A WebSocket API authorizes once, on $connect, so its other routes are not
 * applicable. When the API is not in the stack (an imported ApiId), a route key without a method (`$disconnect`,
 * `sendMessage`) can only be a WebSocket route. `OPTIONS` routes of HTTP APIs answer CORS preflights and are exempt.
 */
export const RouteAuthorization = defineRule('RouteAuthorization', ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api'], (node) => {
  if (node.cfnResourceType === 'AWS::ApiGatewayV2::Api') return apiRoutes(props(node));
  const p = props(node);
  const routeKey = exactText(p.RouteKey);
  const index = StackIndex.of(node);
  const apiId = referencedId(p.ApiId);
  const api = apiId !== undefined ? index.byId.get(apiId) : undefined;
  const webSocket = api?.type === 'AWS::ApiGatewayV2::Api'
    ? webSocketApis(index).has(api.logicalId)
    : routeKey !== undefined && routeKey !== '$default' && !routeKey.includes(' ');
  if (webSocket && routeKey !== '$connect') return NOT_APPLICABLE;
  if (!webSocket && routeKey !== undefined && /^OPTIONS\s/i.test(routeKey)) return NOT_APPLICABLE;
  const problem = openAuthProblem(node, p.AuthorizationType, 'AuthorizationType', true);
  return violationIf(problem === undefined ? undefined : `route ${routeKey ?? '(key known at deploy time)'}: ${problem}`);
});

/** The routes an API resource makes itself: quick-create (`Target`) and OpenAPI `Body` operations. */
function apiRoutes(p: { [key: string]: any }): ReturnType<typeof violations> {
  const found: Violation[] = [];
  if (p.Target !== undefined) {
    const key = exactText(p.RouteKey) ?? '$default';
    found.push({ key, detail: `quick-create (Target) makes route ${key} with no authorization: anyone can invoke the target` });
  }
  for (const op of openOperations(p.Body)) found.push({ key: op, detail: `Body (OpenAPI) operation ${op} has no security requirement` });
  return violations(found);
}
