import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** How to build one notification topic. */
export interface AlarmTopicOptions {
  /** Construct id of the key. */
  readonly keyId: string;
  readonly keyDescription: string;
  /** Services that publish to the topic (they need the key to encrypt), e.g. `cloudwatch.amazonaws.com`. */
  readonly publishers: string[];
  /** The account whose services may use the key (aws:SourceAccount). */
  readonly account: string;
  /** Sid of the key policy statement for the publishers. */
  readonly sid?: string;
  readonly topicName?: string;
  readonly displayName?: string;
}

/**
 * A topic encrypted with its own rotating customer-managed key (T3) that refuses non-TLS publishing, whose key the
 * publishing services of this account may use: without that grant, alarm notifications fail silently.
 */
export function encryptedTlsOnlyTopic(scope: Construct, options: AlarmTopicOptions): { topic: sns.Topic; key: kms.Key } {
  const key = new kms.Key(scope, options.keyId, { enableKeyRotation: true, description: options.keyDescription });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      ...(options.sid !== undefined ? { sid: options.sid } : {}),
      principals: options.publishers.map((s) => new iam.ServicePrincipal(s)),
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': options.account } },
    }),
  );
  const topic = new sns.Topic(scope, 'Topic', {
    ...(options.topicName !== undefined ? { topicName: options.topicName } : {}),
    ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
    masterKey: key,
    enforceSSL: true,
  });
  return { topic, key };
}
