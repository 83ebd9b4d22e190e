import { props, StackIndex } from '../../../cfn/resolve';
import { referencedId } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, violationIf, violations } from '../../rule';
import { openOperations } from '../../shared/openapi-operations';
import { exactText } from '../../../cfn/values';
import { openAuthProblem } from '../../shared/open-auth-type';

/** Logical IDs of the stack's WebSocket APIs, built once per stack. */
function webSocketApis(index: StackIndex): Set<string> {
  return index.memo(
    'RouteAuthorization:webSocketApis',
    () =>
      new Set(
        index
          .ofType('AWS::ApiGatewayV2::Api')
          .filter((api) => exactText(api.properties.ProtocolType)?.toUpperCase() === 'WEBSOCKET')
          .map((api) => api.logicalId),
      ),
  );
}

/**
 * HTTP and WebSocket API routes without authorization (T7). A WebSocket API authorizes once, on $connect, so its
 * other routes are not applicable. When the API is not in the stack (an imported ApiId), a route key without a
 * method (`$disconnect`, `sendMessage`) can only be a WebSocket route. `OPTIONS` routes of HTTP APIs answer CORS
 * preflights and are exempt. An HTTP API's inline OpenAPI `Body` (what SAM writes) is judged operation by operation,
 * keyed `<METHOD> <path>`; an API made by quick-create (`Target`) has a route without authorization.
 */
export const RouteAuthorization = defineRule('RouteAuthorization', ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api'], (node) => {
  const p = props(node);
  if (node.cfnResourceType === 'AWS::ApiGatewayV2::Api') {
    // Quick-create (`Target`) makes a route with no authorizer: anyone can call the target.
    const quick =
      p.Target === undefined
        ? []
        : [
            {
              key: exactText(p.RouteKey) ?? '$default',
              detail: `quick-create (Target) makes route ${exactText(p.RouteKey) ?? '$default'} with no authorization: anyone can invoke the target`,
            },
          ];
    const open = exactText(p.ProtocolType)?.toUpperCase() === 'WEBSOCKET' ? undefined : openOperations(p.Body);
    if (open === undefined && quick.length === 0) return NOT_APPLICABLE;
    return violations([
      ...quick,
      ...(open ?? []).map((o) => ({ key: `${o.method} ${o.path}`, detail: `route ${o.method} ${o.path} in the API's Body: ${o.reason}` })),
    ]);
  }
  const routeKey = exactText(p.RouteKey);
  const index = StackIndex.of(node);
  const apiId = referencedId(p.ApiId);
  const api = apiId !== undefined ? index.byId.get(apiId) : undefined;
  const webSocket =
    api?.type === 'AWS::ApiGatewayV2::Api'
      ? webSocketApis(index).has(api.logicalId)
      : routeKey !== undefined && routeKey !== '$default' && !routeKey.includes(' ');
  if (webSocket && routeKey !== '$connect') return NOT_APPLICABLE;
  if (!webSocket && routeKey !== undefined && /^OPTIONS\s/i.test(routeKey)) return NOT_APPLICABLE;
  const problem = openAuthProblem(node, p.AuthorizationType, 'AuthorizationType', true);
  return violationIf(problem === undefined ? undefined : `route ${routeKey ?? '(key known at deploy time)'}: ${problem}`);
});
