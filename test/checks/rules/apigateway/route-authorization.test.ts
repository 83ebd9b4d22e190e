import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { findingsOf, flagged, newStack } from '../../support';

describe('RouteAuthorization', () => {
  it('flags HTTP API routes without auth (CDK default) and passes IAM ones (L2)', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Http', { createDefaultStage: false });
    const integration = new HttpUrlIntegration('Url', 'https://example.com');
    api.addRoutes({ path: '/open', methods: [apigwv2.HttpMethod.GET], integration });
    api.addRoutes({ path: '/iam', methods: [apigwv2.HttpMethod.GET], integration, authorizer: new HttpIamAuthorizer() });
    api.addRoutes({ path: '/open', methods: [apigwv2.HttpMethod.OPTIONS], integration });
    const found = findingsOf(stack, 'RouteAuthorization');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('route GET /open: AuthorizationType is NONE');
  });

  it('judges only $connect of a WebSocket API (L1 Api and routes)', () => {
    const stack = newStack();
    const ws = new apigwv2.CfnApi(stack, 'Ws', { name: 'ws', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
    const route = (id: string, routeKey: string, authorizationType?: string) =>
      new apigwv2.CfnRoute(stack, id, { apiId: ws.ref, routeKey, authorizationType });
    route('Connect', '$connect', 'NONE');
    route('Disconnect', '$disconnect');
    route('Send', 'sendMessage', 'NONE');
    expect(flagged(stack, 'RouteAuthorization')).toEqual(['Connect']);
  });

  it('guesses the protocol from the route key when the API is imported, and reads intrinsics', () => {
    const stack = newStack();
    const apiId = Fn.importValue('ApiId');
    const route = (id: string, routeKey: string, authorizationType?: string) =>
      new apigwv2.CfnRoute(stack, id, { apiId, routeKey, authorizationType });
    route('WsMessage', 'sendMessage');
    route('HttpDefault', '$default');
    route('HttpJwt', 'POST /orders', 'JWT');
    route('HttpPreflight', 'OPTIONS /orders');
    route('HttpMaybeOpen', 'GET /orders', Fn.conditionIf('IsProd', 'AWS_IAM', 'NONE').toString());
    route('HttpParam', 'GET /items', new CfnParameter(stack, 'Auth', { allowedValues: ['AWS_IAM', 'JWT'] }).valueAsString);
    expect(flagged(stack, 'RouteAuthorization')).toEqual(['HttpDefault', 'HttpMaybeOpen']);
  });
});

describe("RouteAuthorization on an HTTP API's inline OpenAPI Body (what SAM writes)", () => {
  it('flags routes without a JWT, Lambda or IAM authorizer; WebSocket APIs are left to their $connect route', () => {
    const stack = newStack();
    const schemes = {
      Jwt: {
        type: 'oauth2',
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['a'] },
          identitySource: '$request.header.Authorization',
        },
      },
      AWS_IAM: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
    };
    new apigwv2.CfnApi(stack, 'Http', {
      body: {
        openapi: '3.0.1',
        paths: {
          '/open': { get: {} },
          '/jwt': { get: { security: [{ Jwt: ['read'] }] } },
          '/iam': { post: { security: [{ AWS_IAM: [] }] } },
          $default: { 'x-amazon-apigateway-any-method': {} },
        },
        components: { securitySchemes: schemes },
      },
    });
    new apigwv2.CfnApi(stack, 'Ws', { protocolType: 'WEBSOCKET', body: { openapi: '3.0.1', paths: { '/x': { get: {} } } } });
    expect(
      findingsOf(stack, 'RouteAuthorization')
        .map((f) => `${f.logicalId} ${f.findingId}`)
        .sort(),
    ).toEqual(['Http Bulkhead-RouteAuthorization[ANY $default]', 'Http Bulkhead-RouteAuthorization[GET /open]']);
  });
});
