import { ExpansionContext } from '../context';
import { FunctionTarget, SamError } from '../types';
import { idPart, isMap, JsonMap, optionalMap, required, sub } from '../values';

/** The API SAM creates when an Api / HttpApi event names none. */
export const IMPLICIT_API: { [type: string]: string } = { Api: 'ServerlessRestApi', HttpApi: 'ServerlessHttpApi' };

/** The method as OpenAPI writes it. */
function operationName(method: string): string {
  const m = method.toLowerCase();
  return m === 'any' ? 'x-amazon-apigateway-any-method' : m;
}

/**
 * An Api or HttpApi event: a route on the API it names (`RestApiId` / `ApiId`, a Ref to an API of the template or its logical ID) or
 * on the implicit `ServerlessRestApi` / `ServerlessHttpApi`, and the permission for API Gateway to invoke the function.
 */
export function expandApiEvent(
  ctx: ExpansionContext,
  fn: FunctionTarget,
  name: string,
  type: string,
  p: JsonMap,
  at: readonly string[],
): void {
  const where = `Events.${name}.Properties`;
  const kind = type as 'Api' | 'HttpApi';
  const apiProperty = kind === 'Api' ? 'RestApiId' : 'ApiId';
  const apiValue = p[apiProperty];
  let apiId = IMPLICIT_API[kind];
  if (apiValue !== undefined) {
    // SAM also takes the API's logical ID as a plain string (its older form) and resolves it the same way.
    const referenced =
      typeof apiValue === 'string' ? apiValue : isMap(apiValue) && typeof apiValue.Ref === 'string' ? apiValue.Ref : undefined;
    const expected = kind === 'Api' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
    if (kind === 'HttpApi' && referenced !== undefined && ctx.inputResource(referenced)?.Type === 'AWS::Serverless::Api') {
      // The transform accepts an HttpApi event on a REST API and adds the permission only, no route: the routes
      // judged are the ones the API's own DefinitionBody defines.
      ctx.notice(
        fn.id,
        `Events.${name}`,
        `event ${name} is an HttpApi event on ${referenced}, a REST API (AWS::Serverless::Api): SAM adds no route for it, only the permission, so the route is judged only if ${referenced}'s DefinitionBody defines it`,
        at,
      );
      addPermission(ctx, fn, name, at, `${fn.id}${name}Permission`, referenced, '*', '$default');
      return;
    }
    if (referenced === undefined || ctx.inputResource(referenced)?.Type !== expected) {
      throw new SamError(
        fn.id,
        `${where}.${apiProperty}`,
        `must be a Ref to (or the logical ID of) an ${expected} of this template (SAM adds the route to it)`,
      );
    }
    apiId = referenced;
  }
  const path = kind === 'Api' ? required(fn.id, `${where}.Path`, p.Path, 'the route path') : (p.Path ?? '$default');
  const method = kind === 'Api' ? required(fn.id, `${where}.Method`, p.Method, 'the HTTP method') : (p.Method ?? 'ANY');
  if (typeof path !== 'string') throw new SamError(fn.id, `${where}.Path`, 'must be a literal path');
  if (typeof method !== 'string') throw new SamError(fn.id, `${where}.Method`, 'must be a literal HTTP method');
  const auth = optionalMap(fn.id, `${where}.Auth`, p.Auth);
  ctx.addRoute(apiId, {
    kind,
    path,
    method: operationName(method),
    functionId: fn.id,
    eventName: name,
    authorizer: auth?.Authorizer,
    apiKeyRequired: auth?.ApiKeyRequired,
    authorizationScopes: auth?.AuthorizationScopes,
    invokeArn: fn.invokeArn,
    eventPath: at,
  });
  addPermission(ctx, fn, name, at, `${fn.id}${name}Permission${kind === 'Api' ? restStageSuffix(ctx, apiId) : ''}`, apiId, method, path);
}

/**
 * The suffix SAM gives a REST API event's permission: the stage name (`Prod` for the implicit API), or `Stage`
 * when the API's StageName is an intrinsic.
 */
function restStageSuffix(ctx: ExpansionContext, apiId: string): string {
  const api = ctx.inputResource(apiId);
  if (!api) return 'Prod';
  const stage = isMap(api.Properties) ? api.Properties.StageName : undefined;
  return typeof stage === 'string' ? idPart(stage) : 'Stage';
}

function addPermission(
  ctx: ExpansionContext,
  fn: FunctionTarget,
  name: string,
  at: readonly string[],
  permissionId: string,
  apiId: string,
  method: string,
  path: string,
): void {
  ctx.add(
    permissionId,
    {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: fn.invokeRef,
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(
          `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/*/${method.toUpperCase() === 'ANY' ? '*' : method.toUpperCase()}${path === '$default' ? '' : path.replace(/\{[^}]*\}/g, '*')}`,
          { __ApiId__: { Ref: apiId } },
        ),
      },
    },
    { resource: fn.id, part: `event ${name} permission`, path: at },
    fn.samResource,
  );
}
