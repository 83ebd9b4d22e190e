import * as path from 'path';
import { Aws, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SecureFunction } from '../../lib/function';
import { CEILINGS } from './config';
import { BY_DAY_INDEX, CardsTable } from './cards-table';

export interface ReconcileJobProps {
  readonly key: kms.IKey;
  readonly cards: CardsTable;
}

/**
 * The nightly reconciliation: an EventBridge schedule invoking a SecureFunction. Failed deliveries are retried twice
 * by EventBridge and then land in the function's encrypted DLQ, so a missed night is visible (T5).
 */
export class ReconcileJob extends Construct {
  public readonly fn: SecureFunction;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ReconcileJobProps) {
    super(scope, id);
    this.fn = new SecureFunction(this, 'Reconcile', {
      code: lambda.Code.fromAsset(path.join(__dirname, 'handlers', 'reconcile')),
      handler: 'index.handler',
      description: "Totals yesterday's settlements per currency, once",
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: CEILINGS.reconcile,
      // A scheduled run retried later would total the same day: one retry is enough, and EventBridge retries too.
      retryAttempts: 1,
      environment: { CARDS_TABLE: props.cards.table.tableName, BY_DAY_INDEX },
    });
    props.cards.grant(this.fn, ['dynamodb:Query'], { byDayIndex: true });
    props.cards.grant(this.fn, ['dynamodb:PutItem']);

    this.rule = new events.Rule(this, 'Nightly', {
      description: 'Nightly settlement reconciliation (02:15 UTC)',
      schedule: events.Schedule.cron({ minute: '15', hour: '2' }),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.fn, {
        deadLetterQueue: this.fn.failureQueue,
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
      }),
    );
    // EventBridge writes failed deliveries to the DLQ, which is encrypted with the stage key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeDeadLettersOfThisAccountsRules',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/*` } },
      }),
    );
  }
}
