import { CfnResource, Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { findingsOf, flagged, newStack } from '../../support';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const keySchema = [{ attributeName: 'pk', keyType: 'HASH' }];
const attributeDefinitions = [{ attributeName: 'pk', attributeType: 'S' }];

describe('TableEncryption', () => {
  it('passes a customer-managed key and flags the CDK default and the AWS managed key (L2 Table)', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Customer', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: new kms.Key(stack, 'K'),
    });
    new dynamodb.Table(stack, 'Default', { partitionKey });
    new dynamodb.Table(stack, 'AwsManaged', { partitionKey, encryption: dynamodb.TableEncryption.AWS_MANAGED });
    const found = findingsOf(stack, 'TableEncryption');
    const message = (id: string) => found.find((f) => f.resourcePath === `Test/${id}/Resource`)?.message;
    expect(found).toHaveLength(2);
    expect(message('Default')).toContain('SSESpecification is not set (an AWS owned key)');
    expect(message('AwsManaged')).toContain('SSESpecification.KMSMasterKeyId is not set (the AWS managed key alias/aws/dynamodb)');
  });

  it('checks every replica key of a GlobalTable (L2 TableV2)', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Global', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'K'), {
        'us-east-1': 'arn:aws:kms:us-east-1:111111111111:key/abc',
      }),
      replicas: [{ region: 'us-east-1' }],
    });
    new dynamodb.TableV2(stack, 'GlobalDefault', { partitionKey });
    expect(findingsOf(stack, 'TableEncryption').map((f) => f.resourcePath)).toEqual(['Test/GlobalDefault/Resource']);
  });

  it('flags a GlobalTable replica without its key and reads intrinsics (L1)', () => {
    const stack = newStack();
    new dynamodb.CfnGlobalTable(stack, 'MissingReplicaKey', {
      keySchema,
      attributeDefinitions,
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
      replicas: [{ region: 'eu-west-1', sseSpecification: { kmsMasterKeyId: Fn.importValue('KeyEu') } }, { region: 'us-east-1' }],
    });
    new dynamodb.CfnTable(stack, 'ParamKey', {
      keySchema,
      attributeDefinitions,
      sseSpecification: { sseEnabled: true, kmsMasterKeyId: Fn.ref('KeyParam') },
    });
    new CfnResource(stack, 'Disabled', {
      type: 'AWS::DynamoDB::Table',
      properties: { SSESpecification: { SSEEnabled: false, KMSMasterKeyId: 'alias/mine' } },
    });
    new CfnResource(stack, 'MaybeOff', {
      type: 'AWS::DynamoDB::Table',
      properties: { SSESpecification: { SSEEnabled: Fn.conditionIf('IsProd', true, false), KMSMasterKeyId: 'alias/mine' } },
    });
    const found = findingsOf(stack, 'TableEncryption');
    expect(found.map((f) => f.logicalId).sort()).toEqual(['Disabled', 'MaybeOff', 'MissingReplicaKey']);
    expect(found.find((f) => f.logicalId === 'MissingReplicaKey')!.message).toContain(
      'Replicas[us-east-1].SSESpecification is not set (the AWS managed key alias/aws/dynamodb)',
    );
    expect(found.find((f) => f.logicalId === 'Disabled')!.message).toContain('SSESpecification.SSEEnabled is false');
  });

  it('flags the AWS managed alias named explicitly', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Alias', {
      keySchema,
      attributeDefinitions,
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/aws/dynamodb' },
    });
    expect(flagged(stack, 'TableEncryption')).toEqual(['Alias']);
  });
});
