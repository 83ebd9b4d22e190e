import { Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { findingsOf, flagged, newStack } from '../../support';

describe('TopicEncryption', () => {
  it('passes a topic with a customer-managed key and flags the CDK default (L2)', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Encrypted', { masterKey: new kms.Key(stack, 'K') });
    new sns.Topic(stack, 'Default');
    const found = findingsOf(stack, 'TopicEncryption');
    expect(found.map((f) => f.resourcePath)).toEqual(['Test/Default/Resource']);
    expect(found[0].message).toContain('KmsMasterKeyId is not set');
  });

  it('flags the AWS-managed alias, literal or as an alias ARN, and passes references (L1)', () => {
    const stack = newStack();
    new sns.CfnTopic(stack, 'Alias', { kmsMasterKeyId: 'alias/aws/sns' });
    new sns.CfnTopic(stack, 'AliasArn', {
      kmsMasterKeyId: Fn.join('', ['arn:', Fn.ref('AWS::Partition'), ':kms:eu-west-1:111111111111:alias/aws/sns']),
    });
    new sns.CfnTopic(stack, 'Customer', { kmsMasterKeyId: 'alias/payments' });
    new sns.CfnTopic(stack, 'Imported', { kmsMasterKeyId: Fn.importValue('TopicKey') });
    expect(flagged(stack, 'TopicEncryption')).toEqual(['Alias', 'AliasArn']);
    expect(findingsOf(stack, 'TopicEncryption')[0].message).toContain('KmsMasterKeyId is the AWS-managed key alias/aws/sns');
  });
});
