import { CfnMapping, CfnParameter, CfnResource, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, flagged, newStack } from '../../support';

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const l2 = (scope: any, id: string) =>
  new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
const permission = (scope: any, id: string, fn: lambda.Function, properties: { [key: string]: unknown }) =>
  new CfnResource(scope, id, {
    type: 'AWS::Lambda::Permission',
    properties: { Action: 'lambda:InvokeFunction', FunctionName: fn.functionName, ...properties },
  });

describe('OpenPermission', () => {
  // One app for the whole file: each resource below is one verdict.
  const stack = newStack();
  const url = (id: string) => l2(stack, id);
  // A public URL grant with no URL of the function in the template: the URL may be in another stack or come later.
  permission(stack, 'UrlGrantNoUrl', url('Hook'), { Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' });
  permission(stack, 'UrlGrantIf', url('Hook2'), {
    Action: 'lambda:InvokeFunctionUrl',
    Principal: '*',
    FunctionUrlAuthType: Fn.conditionIf('IsProd', 'AWS_IAM', 'NONE'),
  });
  // Without FunctionUrlAuthType, an InvokeFunctionUrl grant holds for a NONE URL too.
  permission(stack, 'UrlGrantAnyAuth', url('Hook3'), { Action: 'lambda:InvokeFunctionUrl', Principal: '*' });
  // With AWS_IAM, callers sign their requests: left to the URL, as before.
  permission(stack, 'UrlGrantIam', url('Hook4'), { Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'AWS_IAM' });
  // The URL is in the template and NONE: FunctionUrlAuth reports it, the permissions CDK adds with it are not reported twice.
  url('Webhook').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  // A Principal decided by a parameter's Default or a mapping is judged like the literal.
  const caller = new CfnParameter(stack, 'Caller', { default: '*' });
  permission(stack, 'FromDefault', url('P1'), { Principal: caller.valueAsString });
  new CfnMapping(stack, 'Callers', { mapping: { prod: { principal: 's3.amazonaws.com' } } });
  permission(stack, 'FromMapping', url('P2'), { Principal: Fn.findInMap('Callers', 'prod', 'principal') });
  // An execute-api SourceArn with a literal API id (lower-case, like a resource-type word) names one API.
  permission(stack, 'ApiScoped', url('P3'), {
    Principal: 'apigateway.amazonaws.com',
    SourceArn: Fn.sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/*/*/*'),
  });
  permission(stack, 'ApiAnyAccount', url('P4'), { Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:*:*:*' });
  const source = new CfnParameter(stack, 'Source', { default: 'arn:aws:s3:::*' });
  permission(stack, 'SourceFromDefault', url('P5'), { Principal: 's3.amazonaws.com', SourceArn: source.valueAsString });
  const bucket = new CfnParameter(stack, 'Bucket', { default: 'arn:aws:s3:::uploads' });
  permission(stack, 'SourceScopedDefault', url('P6'), { Principal: 's3.amazonaws.com', SourceArn: bucket.valueAsString });

  it('reports a public function URL grant whether or not the URL is in the template, exactly once', () => {
    expect(flagged(stack, 'OpenPermission')).toEqual([
      'ApiAnyAccount',
      'FromDefault',
      'FromMapping',
      'SourceFromDefault',
      'UrlGrantAnyAuth',
      'UrlGrantIf',
      'UrlGrantNoUrl',
    ]);
    expect(flagged(stack, 'FunctionUrlAuth')).toEqual([expect.stringMatching(/^WebhookFunctionUrl/)]);
  });

  it('names the property, the value and where it comes from', () => {
    const message = (id: string) => findingsOf(stack, 'OpenPermission').find((f) => f.logicalId === id)!.message;
    expect(message('UrlGrantNoUrl')).toMatch(
      /Principal is "\*" for the function's URL and FunctionUrlAuthType is NONE: anyone on the internet/,
    );
    expect(message('UrlGrantIf')).toContain('FunctionUrlAuthType is NONE in a branch of Fn::If IsProd');
    expect(message('UrlGrantAnyAuth')).toContain('FunctionUrlAuthType is not set (NONE)');
    expect(message('FromDefault')).toContain('Principal is "*" (from Ref Caller)');
    expect(message('FromMapping')).toContain(
      'Principal is the service s3.amazonaws.com (from Fn::FindInMap) without SourceArn or SourceAccount',
    );
  });
});
