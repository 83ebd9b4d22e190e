import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** A customer-managed key with rotation on; its default policy gives administration to the account root only (T3). */
export function createKey(scope: Construct, id: string): kms.Key {
  return new kms.Key(scope, id, {
    enableKeyRotation: true,
    description: `Encrypts environment, DLQ and logs of ${scope.node.path}/${id.replace(/Key$/, '')} (cdk-bulkhead, T3)`,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

const LOGS_GRANTED = Symbol.for('cdk-bulkhead.LogsKeyGrant');

/**
 * Lets CloudWatch Logs of this account and region use the key for log groups only (the encryption-context
 * condition), once per key even when several functions share it.
 */
export function allowCloudWatchLogs(key: kms.IKey): void {
  if ((key as any)[LOGS_GRANTED]) return;
  (key as any)[LOGS_GRANTED] = true;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsOfThisAccountOnly',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
      },
    }),
  );
}
