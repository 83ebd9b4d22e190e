import * as path from 'path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SecureFunction } from '../../lib/function';
import { CEILINGS } from './config';
import { CardsTable } from './cards-table';

export interface ConsumersProps {
  readonly key: kms.IKey;
  readonly cards: CardsTable;
}

const HANDLERS = path.join(__dirname, 'handlers');

/**
 * The two event consumers: settlements from an SQS queue (encrypted, TLS-only, with a dead-letter queue, T3/T5) and
 * fraud scoring from a Kinesis stream encrypted with the stage key (bounded retries and record age, T4/T5).
 */
export class Consumers extends Construct {
  public readonly settlementQueue: sqs.Queue;
  public readonly settlePayment: SecureFunction;
  public readonly transactions: kinesis.Stream;
  public readonly scoreTransaction: SecureFunction;

  constructor(scope: Construct, id: string, props: ConsumersProps) {
    super(scope, id);
    const encrypted = { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: props.key, enforceSSL: true };

    this.settlePayment = new SecureFunction(this, 'SettlePayment', {
      code: lambda.Code.fromAsset(path.join(HANDLERS, 'settle-payment')),
      handler: 'index.handler',
      description: 'Records each captured payment once (idempotent conditional write)',
      timeout: Duration.seconds(20),
      reservedConcurrentExecutions: CEILINGS.settlePayment,
      environment: { CARDS_TABLE: props.cards.table.tableName },
    });
    props.cards.grant(this.settlePayment, ['dynamodb:PutItem']);
    const poison = new sqs.Queue(this, 'SettlementDeadLetters', { ...encrypted, retentionPeriod: Duration.days(14) });
    Validations.of(poison).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        "This is the settlement queue's dead-letter queue, the last stop for poison messages: a redrive policy on it would need another queue, which would need one too.",
    });
    this.settlementQueue = new sqs.Queue(this, 'Settlements', {
      ...encrypted,
      // T5: at least 6 x the function timeout, so a message in flight is not delivered twice.
      visibilityTimeout: Duration.seconds(6 * 20),
      deadLetterQueue: { queue: poison, maxReceiveCount: 3 },
    });
    this.settlePayment.addSqsSource(this.settlementQueue, { batchSize: 10, maxConcurrency: 2 });

    this.scoreTransaction = new SecureFunction(this, 'ScoreTransaction', {
      code: lambda.Code.fromAsset(path.join(HANDLERS, 'score-transaction')),
      handler: 'index.handler',
      description: 'Flags cards whose transactions exceed the review limit',
      reservedConcurrentExecutions: CEILINGS.scoreTransaction,
      environment: { CARDS_TABLE: props.cards.table.tableName, REVIEW_LIMIT_MINOR: '500000' },
    });
    props.cards.grant(this.scoreTransaction, ['dynamodb:UpdateItem']);
    this.transactions = new kinesis.Stream(this, 'Transactions', {
      shardCount: 1,
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: props.key,
      retentionPeriod: Duration.hours(24),
    });
    Validations.of(this.transactions).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason:
        'THREATS.md T3 requires a customer-managed key with rotation for data at rest; the cost KDS3 warns about is the stage key shared by every resource ($1/month) plus KMS requests, which the single-shard stream bounds.',
    });
    this.scoreTransaction.addKinesisSource(this.transactions, { retryAttempts: 2, maxRecordAge: Duration.hours(1) });
  }
}
