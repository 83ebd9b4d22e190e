import { CfnResource, Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, flagged, newStack } from '../../support';

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const l2 = (scope: any, id: string, props: Partial<lambda.FunctionProps> = {}) =>
  new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, ...props });
const raw = (scope: any, id: string, properties: { [k: string]: unknown }) =>
  new CfnResource(scope, id, {
    type: 'AWS::Lambda::Function',
    properties: { Role: 'arn:aws:iam::111111111111:role/r', Code: { ZipFile: 'x' }, ...properties },
  });

describe('EnvironmentEncryption', () => {
  it('passes functions without variables and with a customer-managed key (L2)', () => {
    const stack = newStack();
    l2(stack, 'NoEnv');
    l2(stack, 'Encrypted', { environment: { STAGE: 'prod' }, environmentEncryption: new kms.Key(stack, 'K') });
    expect(flagged(stack, 'EnvironmentEncryption')).toEqual([]);
  });

  it('flags L2 variables without environmentEncryption (the CDK default)', () => {
    const stack = newStack();
    l2(stack, 'Plain', { environment: { STAGE: 'prod' } });
    const found = findingsOf(stack, 'EnvironmentEncryption');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('Environment.Variables is set but KmsKeyArn is not set');
  });

  it('judges intrinsic keys and variables (L1): references pass, NoValue branches and AWS-managed keys fail', () => {
    const stack = newStack();
    raw(stack, 'Imported', { Environment: { Variables: { A: 'b' } }, KmsKeyArn: Fn.importValue('KeyArn') });
    raw(stack, 'Optional', {
      Environment: { Variables: { A: 'b' } },
      KmsKeyArn: Fn.conditionIf('IsProd', { Ref: 'KeyParam' }, { Ref: 'AWS::NoValue' }),
    });
    raw(stack, 'AwsManaged', {
      Environment: { Variables: { A: 'b' } },
      KmsKeyArn: Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/lambda'),
    });
    raw(stack, 'MaybeVars', { Environment: { Variables: Fn.conditionIf('IsProd', { A: 'b' }, { Ref: 'AWS::NoValue' }) } });
    raw(stack, 'EmptyVars', { Environment: { Variables: {} } });
    const found = findingsOf(stack, 'EnvironmentEncryption');
    expect(found.map((f) => f.logicalId).sort()).toEqual(['AwsManaged', 'MaybeVars', 'Optional']);
    expect(found.find((f) => f.logicalId === 'Optional')!.message).toContain(
      'KmsKeyArn is removed (AWS::NoValue) in a branch of Fn::If IsProd',
    );
    expect(found.find((f) => f.logicalId === 'AwsManaged')!.message).toContain('KmsKeyArn is the AWS-managed key alias/aws/lambda');
  });
});
