import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureFunction } from '../../../../lib/function';
import { findings, newStack } from '../../support';

/** The rules of this folder that judge T4, T5 and T8. */
const OURS = [
  'ReservedConcurrency',
  'AsyncFailureHandling',
  'StreamMapping',
  'SqsSourceRedrive',
  'SqsVisibilityTimeout',
  'UninvokedFunction',
  'DeprecatedRuntime',
].map((r) => `Bulkhead-${r}`);
const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');

function ourFindings(scope: Parameters<typeof findings>[0]): string[] {
  return findings(scope)
    .filter((f) => OURS.includes(f.ruleId))
    .map((f) => `${f.findingId} ${f.logicalId}: ${f.message}`);
}

describe('SecureFunction defaults give no T4/T5/T8 findings', () => {
  test('with a grantInvoke trigger', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler' });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(ourFindings(stack)).toEqual([]);
  });

  test('with SQS (DLQ, long visibility), Kinesis and DynamoDB stream sources', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler' });
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Queue', {
      visibilityTimeout: Duration.seconds(60),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    fn.addSqsSource(queue);
    fn.addKinesisSource(new kinesis.Stream(stack, 'Stream'));
    fn.addDynamoStreamSource(
      new dynamodb.Table(stack, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      }),
    );
    expect(ourFindings(stack)).toEqual([]);
  });

  test('with maxEnvironmentAge: the recycler function and its EventBridge rule', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler', maxEnvironmentAge: Duration.hours(4) });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(stack.node.tryFindChild('BulkheadRecycler')).toBeDefined();
    expect(ourFindings(stack)).toEqual([]);
  });

  test('without a trigger, only the UninvokedFunction warning', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler' });
    expect(ourFindings(stack).map((f) => f.split(' ')[0])).toEqual(['Bulkhead-UninvokedFunction']);
  });
});
