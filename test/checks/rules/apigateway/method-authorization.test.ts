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
    expect(findingsOf(stack, 'MethodAuthorization').find((f) => f.logicalId === 'Missing')!.message).toContain('GET method: AuthorizationType is not set (NONE)');
  });
});
