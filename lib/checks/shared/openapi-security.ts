/**
 * Operations of an OpenAPI definition (the `Body` of `AWS::ApiGateway::RestApi` or `AWS::ApiGatewayV2::Api`) that
 * require no authorization (T7), shared by MethodAuthorization and RouteAuthorization. An operation is secured by
 * its own `security`, or by the document's top-level `security`, with at least one requirement; an empty list
 * (`security: []`) switches security off. OPTIONS operations answer CORS preflights and are exempt.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'x-amazon-apigateway-any-method'];

function isMap(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function secured(security: unknown): boolean {
  return Array.isArray(security) && security.length > 0;
}

/** `POST /orders`-style names of the open operations; empty for a body that is not an OpenAPI document. */
export function openOperations(body: unknown): string[] {
  if (!isMap(body) || !isMap(body.paths)) return [];
  const global = body.security;
  const open: string[] = [];
  for (const [route, item] of Object.entries(body.paths)) {
    if (!isMap(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method.toLowerCase()) || !isMap(operation)) continue;
      const security = operation.security !== undefined ? operation.security : global;
      if (!secured(security)) open.push(`${method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase()} ${route}`);
    }
  }
  return open;
}
