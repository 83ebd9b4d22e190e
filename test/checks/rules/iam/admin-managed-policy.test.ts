import { CfnResource, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { findingsOf, flagged, newStack } from '../../support';

const lambdaRole = (scope: any, id: string) => new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

describe('AdminManagedPolicy', () => {
  it('passes roles without managed policies and with narrow AWS managed policies (L2)', () => {
    const stack = newStack();
    lambdaRole(stack, 'Plain');
    lambdaRole(stack, 'Basic').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
    lambdaRole(stack, 'ReadOnly').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    expect(flagged(stack, 'AdminManagedPolicy')).toEqual([]);
  });

  it('flags AdministratorAccess written by CDK as Fn::Join with AWS::Partition, keyed by policy name', () => {
    const stack = newStack();
    const role = lambdaRole(stack, 'Admin');
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
    const found = findingsOf(stack, 'AdminManagedPolicy');
    expect(found.map((f) => f.findingId)).toEqual(['Bulkhead-AdminManagedPolicy[AdministratorAccess]']);
    expect(found[0].message).toContain('ManagedPolicyArns includes the AWS managed policy AdministratorAccess');
  });

  it('flags PowerUserAccess and IAMFullAccess on L1 users and groups, literal and Fn::Sub, any partition', () => {
    const stack = newStack();
    new iam.CfnUser(stack, 'User', { managedPolicyArns: ['arn:aws-us-gov:iam::aws:policy/PowerUserAccess'] });
    new iam.CfnGroup(stack, 'Group', { managedPolicyArns: [Fn.sub('arn:${AWS::Partition}:iam::aws:policy/IAMFullAccess')] });
    new iam.CfnGroup(stack, 'Fine', { managedPolicyArns: ['arn:aws:iam::aws:policy/IAMReadOnlyAccess'] });
    expect(flagged(stack, 'AdminManagedPolicy')).toEqual(['Group', 'User']);
  });

  it('flags a branch of Fn::If and the AdministratorAccess-* variants, but not a customer policy of that name', () => {
    const stack = newStack();
    new CfnResource(stack, 'Cond', {
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: {},
        ManagedPolicyArns: [Fn.conditionIf('IsDev', 'arn:aws:iam::aws:policy/AdministratorAccess-Amplify', { Ref: 'AWS::NoValue' })],
      },
    });
    new CfnResource(stack, 'Customer', {
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: {},
        ManagedPolicyArns: ['arn:aws:iam::111111111111:policy/AdministratorAccess', { Ref: 'PolicyParam' }],
      },
    });
    expect(flagged(stack, 'AdminManagedPolicy')).toEqual(['Cond']);
  });

  it('flags the Lambda policies that reach every resource of a service, not the narrow execution roles', () => {
    const stack = newStack();
    lambdaRole(stack, 'Execute').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSLambdaExecute'));
    lambdaRole(stack, 'InvokeAll').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaRole'));
    lambdaRole(stack, 'Sqs').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaSQSQueueExecutionRole'));
    lambdaRole(stack, 'Basic').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
    expect(findingsOf(stack, 'AdminManagedPolicy').map((f) => f.findingId)).toEqual([
      'Bulkhead-AdminManagedPolicy[AWSLambdaExecute]',
      'Bulkhead-AdminManagedPolicy[AWSLambdaRole]',
    ]);
  });
});
