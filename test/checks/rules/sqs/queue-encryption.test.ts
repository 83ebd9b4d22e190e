import { CfnResource, Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, flagged, newStack } from '../../support';

describe('QueueEncryption', () => {
  it('passes a queue with a customer-managed key (L2)', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'K') });
    expect(flagged(stack, 'QueueEncryption')).toEqual([]);
  });

  it('flags the CDK default, SSE-SQS and the AWS-managed key (L2)', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Default');
    new sqs.Queue(stack, 'SqsManaged', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new sqs.Queue(stack, 'KmsManaged', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    const found = findingsOf(stack, 'QueueEncryption');
    expect(found).toHaveLength(3);
    const message = (id: string) => found.find((f) => f.resourcePath === `Test/${id}/Resource`)!.message;
    expect(message('Default')).toContain('KmsMasterKeyId is not set (at most SSE-SQS, a key AWS owns)');
    expect(message('SqsManaged')).toContain('KmsMasterKeyId is not set (SqsManagedSseEnabled only: SSE-SQS, a key AWS owns)');
    expect(message('KmsManaged')).toContain('KmsMasterKeyId is the AWS-managed key alias/aws/sqs, not a customer-managed key');
  });

  it('reads intrinsic keys (L1): references pass, alias ARNs built by Fn::Sub and NoValue branches fail', () => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'Imported', { kmsMasterKeyId: Fn.importValue('QueueKey') });
    new sqs.CfnQueue(stack, 'AliasArn', {
      kmsMasterKeyId: Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sqs'),
    });
    new CfnResource(stack, 'Optional', {
      type: 'AWS::SQS::Queue',
      properties: { KmsMasterKeyId: Fn.conditionIf('IsProd', { Ref: 'KeyParam' }, { Ref: 'AWS::NoValue' }) },
    });
    expect(flagged(stack, 'QueueEncryption')).toEqual(['AliasArn', 'Optional']);
  });
});
