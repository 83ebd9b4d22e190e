import { createHash } from 'crypto';
import { ExpansionContext } from './context';
import { IMPLICIT_API } from './events/api-events';
import { ApiRoute, SamError, SamSource } from './types';
import { isIntrinsic, isMap, JsonMap, optionalMap, ref, sub } from './values';

const IAM_SCHEME = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
const API_KEY_SCHEME = { type: 'apiKey', name: 'x-api-key', in: 'header' };

/** REST API properties copied to AWS::ApiGateway::RestApi, and those SAM puts on the stage. */
const REST_API_PROPERTIES = [
  'Name',
  'Description',
  'EndpointConfiguration',
  'BinaryMediaTypes',
  'MinimumCompressionSize',
  'ApiKeySourceType',
  'DisableExecuteApiEndpoint',
  'Mode',
  'FailOnWarnings',
];
const REST_STAGE_PROPERTIES = [
  'TracingEnabled',
  'MethodSettings',
  'AccessLogSetting',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'Variables',
  'CanarySetting',
];
const HTTP_STAGE_PROPERTIES: { [sam: string]: string } = {
  AccessLogSettings: 'AccessLogSettings',
  DefaultRouteSettings: 'DefaultRouteSettings',
  RouteSettings: 'RouteSettings',
  StageVariables: 'StageVariables',
};
/** Properties of APIs this check reads or that change nothing it judges (names, CORS, domains, docs). */
const API_KNOWN = new Set([
  ...REST_API_PROPERTIES,
  ...REST_STAGE_PROPERTIES,
  ...Object.keys(HTTP_STAGE_PROPERTIES),
  'StageName',
  'Auth',
  'DefinitionBody',
  'DefinitionUri',
  'Cors',
  'CorsConfiguration',
  'Domain',
  'GatewayResponses',
  'Models',
  'OpenApiVersion',
  'Tags',
  'PropagateTags',
  'AlwaysDeploy',
  'MergeDefinitions',
]);

function integrationUri(route: ApiRoute): JsonMap {
  return sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations', {
    __FunctionArn__: route.invokeArn,
  });
}

/** The security scheme of an authorizer of `Auth.Authorizers`, as SAM writes it into the definition. */
function authorizerScheme(kind: 'Api' | 'HttpApi', authorizer: JsonMap): JsonMap {
  if (kind === 'HttpApi') {
    if (authorizer.JwtConfiguration !== undefined) {
      return {
        type: 'oauth2',
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          jwtConfiguration: authorizer.JwtConfiguration,
          identitySource: authorizer.IdentitySource,
        },
      };
    }
    return {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authorizer': { type: 'request', authorizerUri: authorizer.FunctionArn ?? '' },
    };
  }
  if (authorizer.UserPoolArn !== undefined) {
    return {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: authorizer.UserPoolArn },
    };
  }
  return {
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': {
      type: authorizer.FunctionPayloadType === 'REQUEST' ? 'request' : 'token',
      authorizerUri: authorizer.FunctionArn ?? '',
    },
  };
}

interface ApiAuth {
  readonly authorizers: JsonMap;
  readonly defaultAuthorizer?: unknown;
  readonly apiKeyRequired?: unknown;
}

function readAuth(apiId: string, kind: 'Api' | 'HttpApi', properties: JsonMap): ApiAuth {
  const auth = optionalMap(apiId, 'Auth', properties.Auth) ?? {};
  const authorizers = optionalMap(apiId, 'Auth.Authorizers', auth.Authorizers) ?? {};
  for (const [name, value] of Object.entries(authorizers)) {
    if (!isMap(value)) throw new SamError(apiId, `Auth.Authorizers.${name}`, 'must be a map');
  }
  return { authorizers, defaultAuthorizer: auth.DefaultAuthorizer, apiKeyRequired: kind === 'Api' ? auth.ApiKeyRequired : undefined };
}

/**
 * The permission SAM adds for API Gateway to invoke each Lambda authorizer's function (`<Api><Authorizer>AuthorizerPermission`),
 * (REST: unless DisableFunctionDefaultPermissions; HTTP: with EnableFunctionDefaultPermissions): API Gateway invokes it synchronously.
 */
function authorizerPermissions(
  ctx: ExpansionContext,
  apiId: string,
  kind: 'Api' | 'HttpApi',
  auth: ApiAuth,
  source: SamSource,
  resource: JsonMap,
): void {
  for (const [name, definition] of Object.entries(auth.authorizers)) {
    const d = definition as JsonMap;
    // REST APIs get it unless disabled; HTTP APIs only when asked for.
    const wanted = kind === 'Api' ? d.DisableFunctionDefaultPermissions !== true : d.EnableFunctionDefaultPermissions === true;
    if (d.FunctionArn === undefined || !wanted) continue;
    ctx.add(
      `${apiId}${name}AuthorizerPermission`,
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: d.FunctionArn,
          Principal: 'apigateway.amazonaws.com',
          SourceArn: sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*', {
            __ApiId__: ref(apiId),
          }),
        },
      },
      { ...source, part: `the permission for its authorizer ${name}` },
      resource,
    );
  }
}

/** The `security` of one operation for an authorizer name (`NONE` and absent: none). */
function security(
  apiId: string,
  kind: 'Api' | 'HttpApi',
  auth: ApiAuth,
  authorizer: unknown,
  scopes: unknown,
  apiKey: boolean,
  schemes: JsonMap,
  where: string,
): unknown[] | undefined {
  const requirements: JsonMap[] = [];
  if (authorizer !== undefined && authorizer !== 'NONE') {
    if (typeof authorizer !== 'string') throw new SamError(apiId, where, 'must be an authorizer name, AWS_IAM or NONE');
    if (authorizer === 'AWS_IAM') {
      schemes.AWS_IAM = IAM_SCHEME;
    } else {
      const definition = auth.authorizers[authorizer];
      if (!isMap(definition)) {
        throw new SamError(
          apiId,
          where,
          `names authorizer '${authorizer}', which is not in the API's Auth.Authorizers (${Object.keys(auth.authorizers).join(', ') || 'none defined'})`,
        );
      }
      schemes[authorizer] = authorizerScheme(kind, definition);
    }
    requirements.push({ [authorizer]: Array.isArray(scopes) ? scopes : [] });
  }
  if (apiKey) {
    schemes.api_key = API_KEY_SCHEME;
    requirements.push({ api_key: [] });
  }
  return requirements.length > 0 ? requirements : undefined;
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Every API SAM would create or complete: the explicit AWS::Serverless::Api / HttpApi resources (their
 * DefinitionBody, with the routes of the events that name them) and the implicit ServerlessRestApi /
 * ServerlessHttpApi when events need them, each with the authorization of every route written into its definition.
 */
export function expandApis(
  ctx: ExpansionContext,
  explicit: Array<{ id: string; type: string; resource: JsonMap; properties: JsonMap }>,
  globals: { [section: string]: JsonMap },
): void {
  const done = new Set<string>();
  for (const api of explicit) {
    const kind = api.type === 'AWS::Serverless::Api' ? 'Api' : 'HttpApi';
    expandApi(ctx, api.id, kind, api.resource, api.properties, { resource: api.id, path: ['Resources', api.id] }, [
      'Resources',
      api.id,
      'Properties',
    ]);
    done.add(api.id);
  }
  for (const [kind, implicitId] of Object.entries(IMPLICIT_API) as Array<['Api' | 'HttpApi', string]>) {
    const routes = ctx.routes.get(implicitId);
    if (!routes || done.has(implicitId)) continue;
    const first = routes[0];
    const source: SamSource = { resource: first.functionId, part: `the implicit API ${implicitId}`, path: first.eventPath };
    // The implicit API's properties are Globals.Api / Globals.HttpApi: what is not judged there is reported there.
    expandApi(ctx, implicitId, kind, { Type: kind }, globals[kind] ?? {}, source, ['Globals', kind]);
  }
}

function expandApi(
  ctx: ExpansionContext,
  apiId: string,
  kind: 'Api' | 'HttpApi',
  resource: JsonMap,
  properties: JsonMap,
  source: SamSource,
  propertiesPath: readonly string[],
): void {
  const routes = ctx.routes.get(apiId) ?? [];
  for (const key of Object.keys(properties)) {
    if (!API_KNOWN.has(key))
      ctx.notice(source.resource, key, `property ${key} of ${apiId} is not one this check expands, so what it configures is not judged`, [
        ...propertiesPath,
        key,
      ]);
  }
  const auth = readAuth(apiId, kind, properties);
  authorizerPermissions(ctx, apiId, kind, auth, source, resource);
  const definition = properties.DefinitionBody;
  let body: JsonMap | undefined;
  if (definition !== undefined && isMap(definition) && !isIntrinsic(definition)) {
    body = deepCopy(definition);
  } else if (definition !== undefined || properties.DefinitionUri !== undefined) {
    const what = definition !== undefined ? 'DefinitionBody (an intrinsic function)' : 'DefinitionUri (a file outside the template)';
    const key = definition !== undefined ? 'DefinitionBody' : 'DefinitionUri';
    ctx.notice(
      source.resource,
      key,
      `${apiId}'s ${what} is not read, so the authorization of the routes it defines is not judged; inline it as DefinitionBody to have them judged`,
      [...propertiesPath, key],
    );
  } else {
    body =
      kind === 'Api'
        ? { swagger: '2.0', info: { version: '1.0', title: ref('AWS::StackName') }, paths: {} }
        : { openapi: '3.0.1', info: { version: '1.0', title: ref('AWS::StackName') }, paths: {} };
  }
  const byKey: { [key: string]: SamSource } = {};
  if (body) {
    const schemes: JsonMap = {};
    const paths = (isMap(body.paths) ? body.paths : (body.paths = {})) as JsonMap;
    const defaultApiKey = auth.apiKeyRequired === true;
    // SAM sets the default authorizer on every operation of the definition that has none, routes of events included.
    for (const [path, item] of Object.entries(paths)) {
      if (!isMap(item)) continue;
      for (const [method, operation] of Object.entries(item)) {
        if (!isMap(operation) || operation.security !== undefined || method === 'options' || method === 'parameters') continue;
        const s = security(apiId, kind, auth, auth.defaultAuthorizer, undefined, defaultApiKey, schemes, 'Auth.DefaultAuthorizer');
        if (s) operation.security = s;
        byKey[`${method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase()} ${path}`] = {
          ...source,
          part: `route ${method.toUpperCase()} ${path} of ${apiId}`,
        };
      }
    }
    for (const route of routes) {
      const item = (isMap(paths[route.path]) ? paths[route.path] : (paths[route.path] = {})) as JsonMap;
      const operation: JsonMap = {
        'x-amazon-apigateway-integration':
          kind === 'Api'
            ? { type: 'aws_proxy', httpMethod: 'POST', uri: integrationUri(route) }
            : { type: 'aws_proxy', httpMethod: 'POST', uri: integrationUri(route), payloadFormatVersion: '2.0' },
        responses: {},
      };
      const authorizer = route.authorizer ?? auth.defaultAuthorizer;
      const apiKey = route.apiKeyRequired === true || (route.apiKeyRequired === undefined && defaultApiKey);
      const s = security(
        route.functionId,
        kind,
        auth,
        authorizer,
        route.authorizationScopes,
        apiKey,
        schemes,
        `Events.${route.eventName}.Properties.Auth.Authorizer`,
      );
      if (s) operation.security = s;
      item[route.method] = operation;
      const label = route.method === 'x-amazon-apigateway-any-method' ? 'ANY' : route.method.toUpperCase();
      byKey[`${label} ${route.path}`] = {
        resource: route.functionId,
        part: `event ${route.eventName}, route ${label} ${route.path} of ${apiId}`,
        path: route.eventPath,
      };
    }
    if (Object.keys(schemes).length > 0) {
      if (kind === 'Api') body.securityDefinitions = { ...(isMap(body.securityDefinitions) ? body.securityDefinitions : {}), ...schemes };
      else {
        const components = (isMap(body.components) ? body.components : (body.components = {})) as JsonMap;
        components.securitySchemes = { ...(isMap(components.securitySchemes) ? components.securitySchemes : {}), ...schemes };
      }
    }
  }
  const hash = createHash('sha1')
    .update(JSON.stringify(body ?? properties))
    .digest('hex')
    .slice(0, 10);
  const carried = resource.Type === kind ? undefined : resource;
  if (kind === 'Api') {
    const api: JsonMap = {};
    for (const key of REST_API_PROPERTIES) if (properties[key] !== undefined) api[key] = properties[key];
    if (body) api.Body = body;
    else if (isMap(properties.DefinitionUri) && !isIntrinsic(properties.DefinitionUri)) api.BodyS3Location = properties.DefinitionUri;
    ctx.add(apiId, { Type: 'AWS::ApiGateway::RestApi', Properties: api }, { ...source, byKey }, carried);
    const stageName = properties.StageName ?? 'Prod';
    const deploymentId = `${apiId}Deployment${hash}`;
    ctx.add(
      deploymentId,
      { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: ref(apiId), Description: `RestApi deployment id: ${hash}` } },
      { ...source, part: `the deployment of ${apiId}` },
      carried,
    );
    const stage: JsonMap = { RestApiId: ref(apiId), DeploymentId: ref(deploymentId), StageName: stageName };
    for (const key of REST_STAGE_PROPERTIES) if (properties[key] !== undefined) stage[key] = properties[key];
    const stageLabel = typeof stageName === 'string' ? stageName.replace(/[^A-Za-z0-9]/g, '') : 'Stage';
    ctx.add(
      `${apiId}${stageLabel}Stage`,
      { Type: 'AWS::ApiGateway::Stage', Properties: stage },
      { ...source, part: `the stage of ${apiId}` },
      carried,
    );
  } else {
    const api: JsonMap = {};
    if (properties.FailOnWarnings !== undefined) api.FailOnWarnings = properties.FailOnWarnings;
    if (properties.DisableExecuteApiEndpoint !== undefined) api.DisableExecuteApiEndpoint = properties.DisableExecuteApiEndpoint;
    if (body) api.Body = body;
    else if (isMap(properties.DefinitionUri) && !isIntrinsic(properties.DefinitionUri)) api.BodyS3Location = properties.DefinitionUri;
    ctx.add(apiId, { Type: 'AWS::ApiGatewayV2::Api', Properties: api }, { ...source, byKey }, carried);
    const stage: JsonMap = { ApiId: ref(apiId), StageName: properties.StageName ?? '$default', AutoDeploy: true };
    for (const [sam, cfn] of Object.entries(HTTP_STAGE_PROPERTIES)) if (properties[sam] !== undefined) stage[cfn] = properties[sam];
    ctx.add(
      `${apiId}ApiGatewayDefaultStage`,
      { Type: 'AWS::ApiGatewayV2::Stage', Properties: stage },
      { ...source, part: `the stage of ${apiId}` },
      carried,
    );
  }
}
