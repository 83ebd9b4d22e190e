import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { findingsOf, flagged, newStack } from '../../support';

const mock = () => new apigw.MockIntegration();

describe('MethodAuthorization', () => {
  it('flags a RestApi method without auth (CDK default), API key or not, and exempts CORS preflight (L2)', () => {
    const stack = newStack();
    const api = new apigw.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] } });
    api.root.addMethod('GET', mock());
    api.root.addResource('keyed').addMethod('POST', mock(), { apiKeyRequired: true });
    const found = findingsOf(stack, 'MethodAuthorization');
    expect(found.map((f) => f.resourcePath).sort()).toEqual(['Test/Api/Default/GET/Resource', 'Test/Api/Default/keyed/POST/Resource']);
    expect(found.find((f) => f.resourcePath.endsWith('/GET/Resource'))!.message).toContain('GET method: AuthorizationType is NONE');
    expect(found.find((f) => f.resourcePath.endsWith('/POST/Resource'))!.message).toContain('ApiKeyRequired is not authorization');
  });

  it('passes IAM-authorized methods (L2 defaultMethodOptions)', () => {
    const stack = newStack();
    const api = new apigw.RestApi(stack, 'Api', { defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM } });
    api.root.addMethod('GET', mock());
    expect(flagged(stack, 'MethodAuthorization')).toEqual([]);
  });

  it('judges NONE, Fn::If and parameters on L1 methods', () => {
    const stack = newStack();
    const api = new apigw.CfnRestApi(stack, 'Api', { name: 'a' });
    const method = (id: string, authorizationType: string | undefined, httpMethod = 'GET') =>
      new apigw.CfnMethod(stack, id, { restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod, authorizationType });
    method('None', 'NONE');
    method('Iam', 'AWS_IAM');
    method('Cognito', 'COGNITO_USER_POOLS');
    method('Preflight', 'NONE', 'OPTIONS');
    method('DevOpen', Fn.conditionIf('IsProd', 'AWS_IAM', 'NONE').toString());
    method('Chosen', new CfnParameter(stack, 'Auth', { allowedValues: ['AWS_IAM', 'CUSTOM'] }).valueAsString);
    method('Free', new CfnParameter(stack, 'FreeAuth').valueAsString);
    method('Missing', undefined);
    expect(flagged(stack, 'MethodAuthorization')).toEqual(['DevOpen', 'Free', 'Missing', 'None']);
    expect(findingsOf(stack, 'MethodAuthorization').find((f) => f.logicalId === 'Missing')!.message).toContain(
      'GET method: AuthorizationType is not set (NONE)',
    );
  });
});

describe('MethodAuthorization on an inline OpenAPI Body (SpecRestApi, and what SAM writes)', () => {
  const integration = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:f/invocations',
  };
  const stack = newStack();
  new apigw.CfnRestApi(stack, 'Spec', {
    body: {
      swagger: '2.0',
      paths: {
        '/open': { get: { 'x-amazon-apigateway-integration': integration }, options: { 'x-amazon-apigateway-integration': integration } },
        '/iam': { post: { security: [{ sigv4: [] }], 'x-amazon-apigateway-integration': integration } },
        '/keyed': { put: { security: [{ api_key: [] }], 'x-amazon-apigateway-integration': integration } },
        '/any': { 'x-amazon-apigateway-any-method': { security: [{ Pool: [] }], 'x-amazon-apigateway-integration': integration } },
      },
      securityDefinitions: {
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        Pool: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': {
            type: 'cognito_user_pools',
            providerARNs: ['arn:aws:cognito-idp:eu-west-1:111111111111:userpool/p'],
          },
        },
      },
    },
  });
  new apigw.CfnRestApi(stack, 'Global', {
    body: {
      swagger: '2.0',
      security: [{ sigv4: [] }],
      paths: { '/x': { get: {} }, '/y': { get: { security: [] } } },
      securityDefinitions: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } },
    },
  });
  new apigw.CfnRestApi(stack, 'FromS3', { bodyS3Location: { bucket: 'b', key: 'k' } });
  const found = findingsOf(stack, 'MethodAuthorization');

  it('flags each operation that nothing authenticates, keyed METHOD path; an API key alone does not count; OPTIONS is exempt', () => {
    expect(
      found
        .filter((f) => f.logicalId === 'Spec')
        .map((f) => f.findingId)
        .sort(),
    ).toEqual(['Bulkhead-MethodAuthorization[GET /open]', 'Bulkhead-MethodAuthorization[PUT /keyed]']);
    expect(found.find((f) => f.findingId.endsWith('[PUT /keyed]'))!.message).toMatch(
      /security \(api_key\) names no scheme that authenticates/,
    );
  });

  it('a top-level security applies to operations without their own; an empty security list opts out of it', () => {
    expect(found.filter((f) => f.logicalId === 'Global').map((f) => f.findingId)).toEqual(['Bulkhead-MethodAuthorization[GET /y]']);
  });

  it('a Body the template does not hold is not judged', () => {
    expect(found.filter((f) => f.logicalId === 'FromS3')).toEqual([]);
  });
});
