import { CfnResource, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, flagged, newStack } from '../../support';

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const l2 = (scope: any, id: string, role?: iam.IRole) =>
  new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, role });

/** A raw function resource, as an included template would hold it. */
const raw = (scope: any, id: string, role: unknown) =>
  new CfnResource(scope, id, {
    type: 'AWS::Lambda::Function',
    properties: { Role: role, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' } },
  });

describe('SharedRole', () => {
  it('passes functions that each have their own role (L2 default)', () => {
    const stack = newStack();
    l2(stack, 'A');
    l2(stack, 'B');
    expect(flagged(stack, 'SharedRole')).toEqual([]);
  });

  it('flags every L2 function on one role and names the role and the others', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const a = l2(stack, 'A', role);
    l2(stack, 'B', role);
    l2(stack, 'Own');
    const ids = flagged(stack, 'SharedRole');
    expect(ids).toHaveLength(2);
    const found = findingsOf(a, 'SharedRole');
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('error');
    expect(found[0].message).toMatch(/Role Shared[A-F0-9]{8} is also the role of function B[A-F0-9]{8}/);
  });

  it('treats GetAtt X.Arn and GetAtt [X, Arn] as the same role (L1, short and long form)', () => {
    const stack = newStack();
    new CfnResource(stack, 'R', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: {} } });
    raw(stack, 'Long', { 'Fn::GetAtt': ['R', 'Arn'] });
    raw(stack, 'Short', { 'Fn::GetAtt': 'R.Arn' });
    raw(stack, 'Other', 'arn:aws:iam::111111111111:role/other');
    expect(flagged(stack, 'SharedRole')).toEqual(['Long', 'Short']);
  });

  it('matches literal ARNs and identical intrinsic expressions (parameters, imports, Sub)', () => {
    const stack = newStack();
    raw(stack, 'L1', 'arn:aws:iam::111111111111:role/ops');
    raw(stack, 'L2', 'arn:aws:iam::111111111111:role/ops');
    raw(stack, 'I1', Fn.importValue('SharedRoleArn'));
    raw(stack, 'I2', Fn.importValue('SharedRoleArn'));
    raw(stack, 'S1', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/one' });
    raw(stack, 'S2', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/two' });
    expect(flagged(stack, 'SharedRole')).toEqual(['I1', 'I2', 'L1', 'L2']);
    expect(findingsOf(stack, 'SharedRole').find((f) => f.logicalId === 'I1')!.message).toContain(
      'Role imported from export SharedRoleArn (made by no stack checked with this one) is also the role of function I2',
    );
  });

  it('1,000 functions on one role are all judged and the detail stays short', () => {
    const stack = newStack();
    new CfnResource(stack, 'R', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: {} } });
    for (let i = 0; i < 1000; i++) raw(stack, `F${i}`, { 'Fn::GetAtt': ['R', 'Arn'] });
    const found = findingsOf(stack, 'SharedRole');
    expect(found).toHaveLength(1000);
    expect(found[0].message).toContain('999 other functions: F1, F2, F3, F4, F5 and 994 more');
  });
});
