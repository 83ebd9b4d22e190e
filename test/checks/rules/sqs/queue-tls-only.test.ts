import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, flagged, newStack } from '../../support';

const tlsDeny = (resource: unknown, extra: { [k: string]: unknown } = {}) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'sqs:*',
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});
const rawQueue = (scope: any, id: string) => new CfnResource(scope, id, { type: 'AWS::SQS::Queue', properties: {} });
const rawPolicy = (scope: any, id: string, queues: unknown[], statements: unknown[]) =>
  new CfnResource(scope, id, {
    type: 'AWS::SQS::QueuePolicy',
    properties: { Queues: queues, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
  });

describe('QueueTlsOnly', () => {
  it('passes enforceSSL queues and flags the CDK default (L2)', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Safe', { enforceSSL: true });
    new sqs.Queue(stack, 'Default');
    const found = findingsOf(stack, 'QueueTlsOnly');
    expect(found.map((f) => f.resourcePath)).toEqual(['Test/Default/Resource']);
    expect(found[0].message).toContain('no AWS::SQS::QueuePolicy of the stack lists the queue in Queues');
  });

  it('does not count a queue policy without the TLS deny (L2 addToResourcePolicy)', () => {
    const stack = newStack();
    const q = new sqs.Queue(stack, 'Q');
    q.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sqs:SendMessage'], resources: [q.queueArn] }),
    );
    expect(findingsOf(stack, 'QueueTlsOnly')).toHaveLength(1);
  });

  it('accepts "*" actions, boolean false, BoolIfExists and Principal "*" (L1)', () => {
    const stack = newStack();
    rawQueue(stack, 'A');
    rawQueue(stack, 'B');
    rawPolicy(
      stack,
      'PA',
      [{ Ref: 'A' }],
      [tlsDeny({ 'Fn::GetAtt': ['A', 'Arn'] }, { Action: '*', Condition: { Bool: { 'aws:SecureTransport': false } } })],
    );
    rawPolicy(
      stack,
      'PB',
      [{ Ref: 'B' }],
      [tlsDeny('*', { Principal: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': ['false'] } } })],
    );
    expect(flagged(stack, 'QueueTlsOnly')).toEqual([]);
  });

  it('rejects denies that do not cover the queue, every caller, every action or plain HTTP (L1)', () => {
    const stack = newStack();
    for (const id of ['OtherResource', 'OnePrincipal', 'SendOnly', 'WrongCondition', 'Allow', 'Unlisted']) rawQueue(stack, id);
    rawQueue(stack, 'Covered');
    rawPolicy(stack, 'P1', [{ Ref: 'OtherResource' }, { Ref: 'Covered' }], [tlsDeny({ 'Fn::GetAtt': ['Covered', 'Arn'] })]);
    rawPolicy(stack, 'P2', [{ Ref: 'OnePrincipal' }], [tlsDeny('*', { Principal: { AWS: 'arn:aws:iam::111111111111:root' } })]);
    rawPolicy(stack, 'P3', [{ Ref: 'SendOnly' }], [tlsDeny('*', { Action: 'sqs:SendMessage' })]);
    rawPolicy(stack, 'P4', [{ Ref: 'WrongCondition' }], [tlsDeny('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]);
    rawPolicy(stack, 'P5', [{ Ref: 'Allow' }], [tlsDeny('*', { Effect: 'Allow' })]);
    rawPolicy(stack, 'P6', [], [tlsDeny('*')]);
    expect(flagged(stack, 'QueueTlsOnly')).toEqual(['Allow', 'OnePrincipal', 'OtherResource', 'SendOnly', 'Unlisted', 'WrongCondition']);
  });
});
