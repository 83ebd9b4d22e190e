import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BulkheadValidationError } from '../../lib/core/errors';
import { SecureFunction } from '../../lib/function';

const base = { code: lambda.Code.fromInline('exports.handler = async () => 1;'), handler: 'index.handler' };

function setup() {
  const stack = new Stack(new App(), 'S');
  const fn = new SecureFunction(stack, 'Fn', base);
  const dlq = new sqs.Queue(stack, 'Dlq');
  const queue = new sqs.Queue(stack, 'In', {
    visibilityTimeout: Duration.seconds(60),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
  });
  return { stack, fn, queue };
}

describe("addSqsSource: AWS limits as aws-cdk-lib's SqsEventSource checks them", () => {
  test('a batch over 10 without a batching window is refused, naming the method, the value and the limit', () => {
    const { fn, queue } = setup();
    expect(() => fn.addSqsSource(queue, { batchSize: 500 })).toThrow(BulkheadValidationError);
    expect(() => fn.addSqsSource(queue, { batchSize: 500 })).toThrow(
      /^S\/Fn: addSqsSource options is "refused by aws-cdk-lib"; allowed: .*between 1 and 10 inclusive \(given 500\) when batching window is not specified.* Fix: /,
    );
  });

  test('with a batching window, 500 is accepted', () => {
    const { stack, fn, queue } = setup();
    fn.addSqsSource(queue, { batchSize: 500, maxBatchingWindow: Duration.seconds(5) });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('maxConcurrency outside 2-1000 is refused by the same path', () => {
    const { fn, queue } = setup();
    expect(() => fn.addSqsSource(queue, { maxConcurrency: 1 })).toThrow(/addSqsSource options .*maxConcurrency must be between 2 and 1000/);
  });
});

describe('the inherited addEventSource goes through the same checks', () => {
  test('an SQS queue without a dead-letter queue is refused', () => {
    const { stack, fn } = setup();
    const bare = new sqs.Queue(stack, 'Bare', { visibilityTimeout: Duration.seconds(60) });
    expect(() => fn.addEventSource(new SqsEventSource(bare))).toThrow(
      /^S\/Fn: queue is "S\/Bare"; allowed: a queue with a dead-letter queue/,
    );
  });

  test('an SQS queue whose visibility timeout is under 6 × the function timeout is refused', () => {
    const { stack, fn } = setup();
    const dlq = new sqs.Queue(stack, 'D2');
    const short = new sqs.Queue(stack, 'Short', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(() => fn.addEventSource(new SqsEventSource(short))).toThrow(/queue visibilityTimeout is "30 seconds"/);
  });

  test("a Kinesis source with AWS's unbounded defaults is refused, every missing bound named at once", () => {
    const { stack, fn } = setup();
    const stream = new kinesis.Stream(stack, 'St');
    let message = '';
    try {
      fn.addEventSource(new KinesisEventSource(stream, { startingPosition: lambda.StartingPosition.LATEST }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^S\/Fn: 4 problems/);
    for (const prop of ['retryAttempts', 'maxRecordAge', 'bisectBatchOnError', 'onFailure']) expect(message).toContain(`. ${prop} is`);
  });

  test('a bounded Kinesis source passes', () => {
    const { stack, fn } = setup();
    const stream = new kinesis.Stream(stack, 'St');
    fn.addEventSource(
      new KinesisEventSource(stream, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        retryAttempts: 2,
        maxRecordAge: Duration.hours(1),
        bisectBatchOnError: true,
        onFailure: new SqsDlq(fn.failureQueue),
      }),
    );
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });
});

describe('the inherited addFunctionUrl', () => {
  test('authType NONE is refused, pointing to the explicit opt-in', () => {
    const { fn } = setup();
    expect(() => fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(
      /^S\/Fn: authType is "NONE"; .*addSecureFunctionUrl\(\{ authType: NONE, allowPublicAccess: true \}\)/,
    );
  });

  test('AWS_IAM (its default) is accepted', () => {
    const { stack, fn } = setup();
    fn.addFunctionUrl();
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  });
});
