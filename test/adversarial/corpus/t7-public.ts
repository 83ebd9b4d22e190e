import { ACCOUNT, AdversarialCase, bad, clean, fn, tpl } from './case';

/** T7: endpoints and permissions that let anyone invoke a function, including the ways around per-method checks. */

const T = 'T7';
const fnArn = { 'Fn::GetAtt': ['Fn', 'Arn'] };
const lambdaUri = { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' };
const restApi = (extra: object = {}): object => ({ Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'orders', ...extra } });
const method = (auth: unknown, httpMethod = 'POST', extra: object = {}): object => ({
  Type: 'AWS::ApiGateway::Method',
  Properties: {
    RestApiId: { Ref: 'Api' },
    ResourceId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
    HttpMethod: httpMethod,
    ...(auth === undefined ? {} : { AuthorizationType: auth }),
    Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: lambdaUri },
    ...extra,
  },
});
const httpApi = (extra: object = {}): object => ({
  Type: 'AWS::ApiGatewayV2::Api',
  Properties: { Name: 'orders', ProtocolType: 'HTTP', ...extra },
});
const route = (key: string, auth: unknown, extra: object = {}): object => ({
  Type: 'AWS::ApiGatewayV2::Route',
  Properties: {
    ApiId: { Ref: 'Api' },
    RouteKey: key,
    ...(auth === undefined ? {} : { AuthorizationType: auth }),
    Target: { 'Fn::Sub': 'integrations/${Integration}' },
    ...extra,
  },
});
const integration = {
  Type: 'AWS::ApiGatewayV2::Integration',
  Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn, PayloadFormatVersion: '2.0' },
};
const permission = (props: object): object => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, ...props },
});
const openApi = (security: boolean): object => ({
  openapi: '3.0.1',
  info: { title: 'orders', version: '1' },
  ...(security
    ? {
        components: {
          securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } },
        },
      }
    : {}),
  paths: {
    '/orders': {
      post: {
        ...(security ? { security: [{ sigv4: [] }] } : {}),
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
        },
      },
    },
  },
});

const URL_RULE = ['FunctionUrlAuth'];
const PERMISSION_RULE = ['OpenPermission'];

export const T7_CASES: AdversarialCase[] = [
  bad(
    't7-url-none',
    T,
    'function-url',
    URL_RULE,
    tpl({ Fn: fn('fn'), Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: fnArn, AuthType: 'NONE' } } }),
  ),
  bad(
    't7-url-param-default-none',
    T,
    'function-url',
    URL_RULE,
    tpl(
      { Fn: fn('fn'), Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: fnArn, AuthType: { Ref: 'UrlAuth' } } } },
      { Parameters: { UrlAuth: { Type: 'String', Default: 'NONE' } } },
    ),
  ),
  bad(
    't7-url-if-none',
    T,
    'function-url',
    URL_RULE,
    tpl(
      {
        Fn: fn('fn'),
        Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: fnArn, AuthType: { 'Fn::If': ['Dev', 'NONE', 'AWS_IAM'] } } },
      },
      { Conditions: { Dev: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] } } },
    ),
  ),
  bad('t7-method-none', T, 'rest-method', ['MethodAuthorization'], tpl({ Fn: fn('fn'), Api: restApi(), Method: method('NONE') })),
  bad(
    't7-method-missing',
    T,
    'rest-method',
    ['MethodAuthorization'],
    tpl({ Fn: fn('fn'), Api: restApi(), Method: method(undefined, 'ANY') }),
  ),
  bad(
    't7-method-lowercase',
    T,
    'rest-method',
    ['MethodAuthorization'],
    tpl({ Fn: fn('fn'), Api: restApi(), Method: method('none', 'GET') }),
  ),
  bad(
    't7-method-api-key-only',
    T,
    'rest-method',
    ['MethodAuthorization'],
    tpl({ Fn: fn('fn'), Api: restApi(), Method: method('NONE', 'POST', { ApiKeyRequired: true }) }),
  ),
  bad(
    't7-method-options-lookalike',
    T,
    'rest-method',
    ['MethodAuthorization'],
    tpl({ Fn: fn('fn'), Api: restApi(), Method: method('NONE', 'options ') }),
  ),
  bad(
    't7-route-none',
    T,
    'http-route',
    ['RouteAuthorization'],
    tpl({ Fn: fn('fn'), Api: httpApi(), Integration: integration, Route: route('POST /orders', 'NONE') }),
  ),
  bad(
    't7-route-proxy-missing',
    T,
    'http-route',
    ['RouteAuthorization'],
    tpl({ Fn: fn('fn'), Api: httpApi(), Integration: integration, Route: route('ANY /{proxy+}', undefined) }),
  ),
  bad(
    't7-route-default',
    T,
    'http-route',
    ['RouteAuthorization'],
    tpl({ Fn: fn('fn'), Api: httpApi(), Integration: integration, Route: route('$default', undefined) }),
  ),
  bad('t7-quick-create', T, 'http-quick-create', ['RouteAuthorization'], tpl({ Fn: fn('fn'), Api: httpApi({ Target: fnArn }) })),
  bad(
    't7-quick-create-route-key',
    T,
    'http-quick-create',
    ['RouteAuthorization'],
    tpl({ Fn: fn('fn'), Api: httpApi({ Target: fnArn, RouteKey: 'POST /orders' }) }),
  ),
  bad('t7-openapi-rest-body', T, 'openapi-body', ['MethodAuthorization'], tpl({ Fn: fn('fn'), Api: restApi({ Body: openApi(false) }) })),
  bad(
    't7-openapi-http-body',
    T,
    'openapi-body',
    ['RouteAuthorization'],
    tpl({ Fn: fn('fn'), Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: openApi(false) } } }),
  ),
  bad(
    't7-websocket-connect-none',
    T,
    'websocket-connect',
    ['RouteAuthorization'],
    tpl({
      Fn: fn('fn'),
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' },
      },
      Integration: integration,
      Route: route('$connect', 'NONE'),
    }),
  ),
  bad(
    't7-websocket-connect-missing',
    T,
    'websocket-connect',
    ['RouteAuthorization'],
    tpl({
      Fn: fn('fn'),
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' },
      },
      Integration: integration,
      Route: route('$connect', undefined),
    }),
  ),
  bad('t7-permission-star', T, 'open-permission', PERMISSION_RULE, tpl({ Fn: fn('fn'), Perm: permission({ Principal: '*' }) })),
  bad(
    't7-permission-star-url-none',
    T,
    'open-permission',
    PERMISSION_RULE,
    tpl({ Fn: fn('fn'), Perm: permission({ Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }) }),
  ),
  bad(
    't7-permission-s3-no-source',
    T,
    'open-permission',
    PERMISSION_RULE,
    tpl({ Fn: fn('fn'), Perm: permission({ Principal: 's3.amazonaws.com' }) }),
  ),
  bad(
    't7-permission-sns-no-source',
    T,
    'open-permission',
    PERMISSION_RULE,
    tpl({ Fn: fn('fn'), Perm: permission({ Principal: 'sns.amazonaws.com' }) }),
  ),
  bad(
    't7-permission-apigw-no-source',
    T,
    'open-permission',
    PERMISSION_RULE,
    tpl({ Fn: fn('fn'), Perm: permission({ Principal: 'apigateway.amazonaws.com' }) }),
  ),
  bad(
    't7-permission-star-wildcard-source',
    T,
    'open-permission',
    PERMISSION_RULE,
    tpl({ Fn: fn('fn'), Perm: permission({ Principal: '*', SourceArn: 'arn:aws:*' }) }),
  ),
  bad(
    't7-permission-if-novalue-source',
    T,
    'open-permission',
    PERMISSION_RULE,
    tpl(
      {
        Fn: fn('fn'),
        Perm: permission({
          Principal: 's3.amazonaws.com',
          SourceAccount: { 'Fn::If': ['Shared', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::AccountId' }] },
        }),
      },
      { Conditions: { Shared: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } } },
    ),
  ),

  clean(
    't7-ok-url-iam',
    T,
    'lookalike-url',
    tpl({ Fn: fn('fn'), Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: fnArn, AuthType: 'AWS_IAM' } } }),
  ),
  clean('t7-ok-method-iam', T, 'lookalike-method', tpl({ Fn: fn('fn'), Api: restApi(), Method: method('AWS_IAM') })),
  clean(
    't7-ok-method-options',
    T,
    'lookalike-method',
    tpl({ Fn: fn('fn'), Api: restApi(), Method: method('NONE', 'OPTIONS', { Integration: { Type: 'MOCK' } }) }),
  ),
  clean(
    't7-ok-route-jwt',
    T,
    'lookalike-route',
    tpl({ Fn: fn('fn'), Api: httpApi(), Integration: integration, Route: route('GET /orders', 'JWT', { AuthorizerId: 'abc123' }) }),
  ),
  clean(
    't7-ok-websocket-message-route',
    T,
    'lookalike-websocket',
    tpl({
      Fn: fn('fn'),
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' },
      },
      Integration: integration,
      Connect: route('$connect', 'AWS_IAM'),
      Send: route('sendMessage', 'NONE'),
    }),
  ),
  clean('t7-ok-openapi-with-security', T, 'lookalike-openapi', tpl({ Fn: fn('fn'), Api: restApi({ Body: openApi(true) }) })),
  clean(
    't7-ok-http-api-no-target',
    T,
    'lookalike-quick-create',
    tpl({ Fn: fn('fn'), Api: httpApi(), Integration: integration, Route: route('POST /orders', 'AWS_IAM') }),
  ),
  clean(
    't7-ok-permission-s3-scoped',
    T,
    'lookalike-permission',
    tpl({
      Fn: fn('fn'),
      Perm: permission({ Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::orders-uploads-111111111111', SourceAccount: ACCOUNT }),
    }),
  ),
  clean(
    't7-ok-permission-events',
    T,
    'lookalike-permission',
    tpl({
      Fn: fn('fn'),
      Perm: permission({
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::Sub': 'arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/orders-nightly' },
      }),
    }),
  ),
  clean('t7-ok-permission-account', T, 'lookalike-permission', tpl({ Fn: fn('fn'), Perm: permission({ Principal: ACCOUNT }) })),
  clean(
    't7-ok-permission-apigw-scoped',
    T,
    'lookalike-permission',
    tpl({
      Fn: fn('fn'),
      Api: restApi(),
      Method: method('AWS_IAM'),
      Perm: permission({
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/' },
      }),
    }),
  ),
  clean(
    't7-ok-permission-org',
    T,
    'lookalike-permission',
    tpl({ Fn: fn('fn'), Perm: permission({ Principal: '*', PrincipalOrgID: 'o-fakeexample1' }) }),
  ),
];
