import { isIntrinsic } from '../../cfn/references';

/** An operation of an inline OpenAPI definition that nothing authenticates. */
export interface OpenOperation {
  /** `GET`, `POST`, ..., or `ANY` (API Gateway's `x-amazon-apigateway-any-method`). */
  readonly method: string;
  readonly path: string;
  /** Why: no security requirement, or only an API key (which identifies, not authenticates). */
  readonly reason: string;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'x-amazon-apigateway-any-method']);

type Json = { [key: string]: unknown };
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A security scheme authenticates when API Gateway runs an authorizer for it: IAM (SigV4), Cognito, a Lambda or JWT
 * authorizer (`x-amazon-apigateway-authtype` / `x-amazon-apigateway-authorizer`), or OAuth2/OpenID Connect (HTTP APIs'
 * JWT). A plain `apiKey` scheme (`x-api-key`) is metering, not authentication.
 */
function authenticates(scheme: unknown): boolean {
  if (!isMap(scheme)) return false;
  if (scheme['x-amazon-apigateway-authtype'] !== undefined || scheme['x-amazon-apigateway-authorizer'] !== undefined) return true;
  return scheme.type === 'oauth2' || scheme.type === 'openIdConnect';
}

/**
 * The operations of an inline OpenAPI / Swagger definition (a REST or HTTP API's `Body`) that require no
 * authentication: neither the operation's `security` nor the definition's top-level `security` names a scheme that
 * authenticates. OPTIONS operations answer CORS preflights and are left out. Undefined when the body cannot be read
 * (absent, or an intrinsic such as `Fn::Transform` of an included file).
 */
export function openOperations(body: unknown): OpenOperation[] | undefined {
  if (!isMap(body) || isIntrinsic(body) || !isMap(body.paths)) return undefined;
  const schemes: Json = {
    ...(isMap(body.securityDefinitions) ? body.securityDefinitions : {}),
    ...(isMap(body.components) && isMap(body.components.securitySchemes) ? body.components.securitySchemes : {}),
  };
  const open: OpenOperation[] = [];
  for (const [path, item] of Object.entries(body.paths)) {
    if (!isMap(item)) continue;
    for (const [name, operation] of Object.entries(item)) {
      if (!METHODS.has(name.toLowerCase()) || !isMap(operation)) continue;
      const security = operation.security !== undefined ? operation.security : body.security;
      const requirements = Array.isArray(security) ? security.filter(isMap) : [];
      const method = name.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : name.toUpperCase();
      if (requirements.some((r) => Object.keys(r).some((s) => authenticates(schemes[s])))) continue;
      const reason = requirements.some((r) => Object.keys(r).length > 0)
        ? `its security (${requirements.flatMap((r) => Object.keys(r)).join(', ')}) names no scheme that authenticates (an API key identifies, it does not authenticate)`
        : 'it has no security requirement';
      open.push({ method, path, reason });
    }
  }
  return open;
}
