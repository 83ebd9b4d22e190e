import { CfnParameter, CfnResource, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, flagged, newStack } from '../../support';

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const l2 = (scope: any, id: string) =>
  new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
const rawUrl = (scope: any, id: string, authType: unknown) =>
  new CfnResource(scope, id, {
    type: 'AWS::Lambda::Url',
    properties: { AuthType: authType, TargetFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:f' },
  });

describe('FunctionUrlAuth', () => {
  it('passes an AWS_IAM URL (L2) and fails a NONE one', () => {
    const stack = newStack();
    l2(stack, 'Private').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    l2(stack, 'Public').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const found = findingsOf(stack, 'FunctionUrlAuth');
    expect(found).toHaveLength(1);
    expect(found[0].resourcePath).toBe('Test/Public/FunctionUrl/Resource');
    expect(found[0].message).toContain('AuthType is NONE');
  });

  it('passes the CDK default (addFunctionUrl() is AWS_IAM in aws-cdk-lib 2.276)', () => {
    const stack = newStack();
    l2(stack, 'Default').addFunctionUrl();
    expect(findingsOf(stack, 'FunctionUrlAuth')).toEqual([]);
  });

  it('judges Fn::If by both branches (L1)', () => {
    const stack = newStack();
    new lambda.CfnUrl(stack, 'OpenInDev', { authType: Fn.conditionIf('IsProd', 'AWS_IAM', 'NONE').toString(), targetFunctionArn: 'arn:x' });
    new lambda.CfnUrl(stack, 'AlwaysIam', {
      authType: Fn.conditionIf('IsProd', 'AWS_IAM', 'AWS_IAM').toString(),
      targetFunctionArn: 'arn:x',
    });
    expect(flagged(stack, 'FunctionUrlAuth')).toEqual(['OpenInDev']);
    expect(findingsOf(stack, 'FunctionUrlAuth')[0].message).toContain('AuthType is NONE in a branch of Fn::If IsProd');
  });

  it('fails closed on a parameter unless its AllowedValues exclude NONE', () => {
    const stack = newStack();
    const free = new CfnParameter(stack, 'FreeAuth', { default: 'AWS_IAM' });
    const iamOnly = new CfnParameter(stack, 'IamOnly', { allowedValues: ['AWS_IAM'] });
    const either = new CfnParameter(stack, 'Either', { allowedValues: ['AWS_IAM', 'NONE'] });
    rawUrl(stack, 'Free', free.valueAsString);
    rawUrl(stack, 'Restricted', iamOnly.valueAsString);
    rawUrl(stack, 'Open', either.valueAsString);
    rawUrl(stack, 'Imported', Fn.importValue('AuthType'));
    rawUrl(stack, 'Missing', undefined);
    const found = findingsOf(stack, 'FunctionUrlAuth');
    expect(found.map((f) => f.logicalId).sort()).toEqual(['Free', 'Imported', 'Missing', 'Open']);
    const message = (id: string) => found.find((f) => f.logicalId === id)!.message;
    expect(message('Free')).toContain(
      'AuthType is Ref FreeAuth (a parameter without AllowedValues, default AWS_IAM), only known at deploy time, so NONE cannot be ruled out',
    );
    expect(message('Open')).toContain('AuthType is NONE among the AllowedValues of parameter Either');
    expect(message('Missing')).toContain('AuthType is not set');
  });
});
