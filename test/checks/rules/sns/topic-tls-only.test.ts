import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { findingsOf, flagged, newStack } from '../../support';

const tlsDeny = (action: string, resource: unknown = '*') => ({
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});
const rawTopic = (scope: any, id: string) => new CfnResource(scope, id, { type: 'AWS::SNS::Topic', properties: {} });

describe('TopicTlsOnly', () => {
  it('passes enforceSSL topics and flags the CDK default (L2)', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Safe', { enforceSSL: true });
    new sns.Topic(stack, 'Default');
    const found = findingsOf(stack, 'TopicTlsOnly');
    expect(found.map((f) => f.resourcePath)).toEqual(['Test/Default/Resource']);
    expect(found[0].message).toContain('no AWS::SNS::TopicPolicy (Topics) or AWS::SNS::TopicInlinePolicy (TopicArn)');
  });

  it('does not count a topic policy without the TLS deny (L2 addToResourcePolicy)', () => {
    const stack = newStack();
    const t = new sns.Topic(stack, 'T');
    t.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sns:Publish'], resources: [t.topicArn] }),
    );
    expect(findingsOf(stack, 'TopicTlsOnly')).toHaveLength(1);
  });

  it('reads TopicPolicy Topics and TopicInlinePolicy TopicArn, accepting sns:Publish, sns:* and * (L1)', () => {
    const stack = newStack();
    for (const id of ['ByPolicy', 'ByInline', 'ByStar', 'SubscribeOnly']) rawTopic(stack, id);
    new sns.CfnTopicPolicy(stack, 'P', {
      topics: [{ Ref: 'ByPolicy' } as any, { Ref: 'ByStar' } as any],
      policyDocument: { Statement: [tlsDeny('sns:*'), tlsDeny('*')] },
    });
    new sns.CfnTopicInlinePolicy(stack, 'I', {
      topicArn: { Ref: 'ByInline' } as any,
      policyDocument: { Statement: [tlsDeny('SNS:Publish', { Ref: 'ByInline' })] },
    });
    new CfnResource(stack, 'S', {
      type: 'AWS::SNS::TopicPolicy',
      properties: { Topics: [{ Ref: 'SubscribeOnly' }], PolicyDocument: { Statement: [tlsDeny('sns:Subscribe')] } },
    });
    expect(flagged(stack, 'TopicTlsOnly')).toEqual(['SubscribeOnly']);
  });
});
