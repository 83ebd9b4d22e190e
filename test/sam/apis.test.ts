import { expand, samFunction } from './support';

const route = (Type: string, Path: string, Method: string, extra: object = {}): object => ({
  Type,
  Properties: { Path, Method, ...extra },
});

describe('APIs', () => {
  it('the implicit ServerlessRestApi: one Body with every route, its integration and its authorization; a stage and a deployment', () => {
    const { resources, sources } = expand({
      Orders: samFunction({
        Events: { List: route('Api', '/orders', 'get'), Create: route('Api', '/orders', 'post', { Auth: { Authorizer: 'AWS_IAM' } }) },
      }),
      Health: samFunction({ Events: { Ping: route('Api', '/health', 'any', { Auth: { ApiKeyRequired: true } }) } }),
    });
    const body = resources.ServerlessRestApi.Properties.Body;
    expect(body.swagger).toBe('2.0');
    expect(body.paths['/orders'].get.security).toBeUndefined();
    expect(body.paths['/orders'].post.security).toEqual([{ AWS_IAM: [] }]);
    expect(body.paths['/health']['x-amazon-apigateway-any-method'].security).toEqual([{ api_key: [] }]);
    expect(body.securityDefinitions.AWS_IAM['x-amazon-apigateway-authtype']).toBe('awsSigv4');
    expect(body.paths['/orders'].get['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy',
      uri: { 'Fn::Sub': [expect.any(String), { __FunctionArn__: { 'Fn::GetAtt': ['Orders', 'Arn'] } }] },
    });
    expect(resources.ServerlessRestApiProdStage.Properties).toMatchObject({ RestApiId: { Ref: 'ServerlessRestApi' }, StageName: 'Prod' });
    // Named as the transform names it: <Function><Event>Permission<Stage>.
    expect(resources.OrdersListPermissionProd.Properties).toMatchObject({
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { Ref: 'Orders' },
    });
    // Findings on a route point at the event that added it.
    expect(sources.get('ServerlessRestApi')!.byKey!['POST /orders']).toMatchObject({
      resource: 'Orders',
      part: 'event Create, route POST /orders of ServerlessRestApi',
    });
    expect(sources.get('ServerlessRestApi')!.byKey!['ANY /health']).toMatchObject({ resource: 'Health' });
  });

  it('an explicit Api: its DefinitionBody kept, event routes added, the default authorizer set on every operation that has none', () => {
    const { resources } = expand({
      Api: {
        Type: 'AWS::Serverless::Api',
        Properties: {
          StageName: 'v1',
          TracingEnabled: true,
          Auth: { DefaultAuthorizer: 'Corp', Authorizers: { Corp: { UserPoolArn: 'arn:aws:cognito-idp:eu-west-1:1:userpool/p' } } },
          DefinitionBody: { swagger: '2.0', paths: { '/docs': { get: {} }, '/public': { get: { security: [] } } } },
        },
      },
      F: samFunction({
        Events: {
          A: route('Api', '/items', 'get', { RestApiId: { Ref: 'Api' } }),
          B: route('Api', '/open', 'get', { RestApiId: { Ref: 'Api' }, Auth: { Authorizer: 'NONE' } }),
        },
      }),
    });
    const body = resources.Api.Properties.Body;
    expect(body.paths['/docs'].get.security).toEqual([{ Corp: [] }]);
    expect(body.paths['/public'].get.security).toEqual([]);
    expect(body.paths['/items'].get.security).toEqual([{ Corp: [] }]);
    expect(body.paths['/open'].get.security).toBeUndefined();
    expect(body.securityDefinitions.Corp['x-amazon-apigateway-authtype']).toBe('cognito_user_pools');
    expect(resources.Apiv1Stage.Properties).toMatchObject({ StageName: 'v1', TracingEnabled: true });
    expect(resources.ServerlessRestApi).toBeUndefined();
  });

  it('the implicit ServerlessHttpApi and an explicit HttpApi: OpenAPI 3 with JWT or IAM schemes', () => {
    const { resources } = expand({
      Http: {
        Type: 'AWS::Serverless::HttpApi',
        Properties: {
          Auth: {
            DefaultAuthorizer: 'Jwt',
            Authorizers: {
              Jwt: {
                JwtConfiguration: { issuer: 'https://i.example.com', audience: ['a'] },
                IdentitySource: '$request.header.Authorization',
              },
            },
          },
        },
      },
      F: samFunction({
        Events: {
          A: route('HttpApi', '/x', 'get', { ApiId: { Ref: 'Http' } }),
          B: { Type: 'HttpApi', Properties: { Auth: { Authorizer: 'AWS_IAM' } } },
        },
      }),
    });
    expect(resources.Http.Properties.Body.paths['/x'].get.security).toEqual([{ Jwt: [] }]);
    expect(resources.Http.Properties.Body.components.securitySchemes.Jwt.type).toBe('oauth2');
    expect(resources.ServerlessHttpApi.Properties.Body.paths.$default['x-amazon-apigateway-any-method'].security).toEqual([
      { AWS_IAM: [] },
    ]);
    expect(resources.ServerlessHttpApiApiGatewayDefaultStage.Properties).toMatchObject({
      ApiId: { Ref: 'ServerlessHttpApi' },
      StageName: '$default',
    });
  });

  it('a DefinitionUri (a file outside the template) is reported as not judged, not passed silently', () => {
    const { resources, notices } = expand({
      Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1', DefinitionUri: 'openapi.yaml' } },
    });
    expect(resources.Api.Properties.Body).toBeUndefined();
    expect(notices).toEqual([
      expect.objectContaining({
        resource: 'Api',
        key: 'DefinitionUri',
        message: expect.stringMatching(/not read, so the authorization of the routes it defines is not judged/),
      }),
    ]);
  });

  it("RestApiId / ApiId given as the API's logical ID (a plain string, as SAM also accepts) routes to that API", () => {
    const { resources } = expand({
      Rest: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod' } },
      Http: { Type: 'AWS::Serverless::HttpApi' },
      F: samFunction({
        Events: {
          R: { Type: 'Api', Properties: { RestApiId: 'Rest', Path: '/r', Method: 'get' } },
          H: { Type: 'HttpApi', Properties: { ApiId: 'Http', Path: '/h', Method: 'get' } },
        },
      }),
    });
    expect(Object.keys(resources.Rest.Properties.Body.paths)).toEqual(['/r']);
    expect(Object.keys(resources.Http.Properties.Body.paths)).toEqual(['/h']);
    expect(resources.ServerlessRestApi).toBeUndefined();
    expect(resources.FRPermissionprod.Type).toBe('AWS::Lambda::Permission');
    expect(resources.FHPermission.Type).toBe('AWS::Lambda::Permission');
    expect(() =>
      expand({ F: samFunction({ Events: { R: { Type: 'Api', Properties: { RestApiId: 'Nothing', Path: '/r', Method: 'get' } } } }) }),
    ).toThrow('Events.R.Properties.RestApiId must be a Ref to (or the logical ID of) an AWS::Serverless::Api of this template');
  });

  it('an HttpApi event on a REST API: the permission only, no route (as the transform does), reported as not judged', () => {
    const { resources, notices } = expand({
      Rest: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod', DefinitionBody: { swagger: '2.0', paths: {} } } },
      F: samFunction({ Events: { H: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'Rest' } } } } }),
    });
    expect(resources.Rest.Properties.Body.paths).toEqual({});
    expect(resources.FHPermission.Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com', FunctionName: { Ref: 'F' } });
    expect(notices).toEqual([
      expect.objectContaining({ resource: 'F', key: 'Events.H', message: expect.stringMatching(/SAM adds no route for it/) }),
    ]);
  });

  it('Lambda authorizers: the permission SAM adds for API Gateway to invoke them (REST unless disabled, HTTP only when enabled)', () => {
    const lambdaAuth = (extra: object): object => ({ FunctionArn: { 'Fn::GetAtt': ['Auth', 'Arn'] }, ...extra });
    const { resources } = expand({
      Auth: samFunction(),
      Rest: {
        Type: 'AWS::Serverless::Api',
        Properties: {
          StageName: 'p',
          Auth: { Authorizers: { On: lambdaAuth({}), Off: lambdaAuth({ DisableFunctionDefaultPermissions: true }) } },
        },
      },
      Http: {
        Type: 'AWS::Serverless::HttpApi',
        Properties: { Auth: { Authorizers: { Asked: lambdaAuth({ EnableFunctionDefaultPermissions: true }), Quiet: lambdaAuth({}) } } },
      },
    });
    expect(resources.RestOnAuthorizerPermission.Properties).toMatchObject({
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': ['Auth', 'Arn'] },
    });
    expect(resources.HttpAskedAuthorizerPermission.Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com' });
    expect(resources.RestOffAuthorizerPermission).toBeUndefined();
    expect(resources.HttpQuietAuthorizerPermission).toBeUndefined();
  });
});
