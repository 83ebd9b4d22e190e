import { CfnParameter, CfnResource, Duration, Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
type TestStack = ReturnType<typeof newStack>;

function fn(stack: TestStack, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
}

function mapping(stack: TestStack, id: string, properties: { [key: string]: unknown }): CfnResource {
  return new CfnResource(stack, id, {
    type: 'AWS::Lambda::EventSourceMapping',
    properties: { FunctionName: 'my-function', ...properties },
  });
}

/** findingId of every StreamMapping finding, per logical ID. */
function keys(stack: TestStack): { [logicalId: string]: string[] } {
  const out: { [logicalId: string]: string[] } = {};
  for (const f of findingsOf(stack, 'StreamMapping')) (out[f.logicalId] ??= []).push(f.findingId.replace('Bulkhead-StreamMapping', ''));
  return out;
}

const ALL = ['[MaximumRetryAttempts]', '[MaximumRecordAgeInSeconds]', '[BisectBatchOnFunctionError]', '[OnFailure]'];
const BOUNDED = {
  MaximumRetryAttempts: 2,
  MaximumRecordAgeInSeconds: 3600,
  BisectBatchOnFunctionError: true,
  DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:111111111111:dlq' } },
};
const DDB_STREAM = 'arn:aws:dynamodb:eu-west-1:111111111111:table/t/stream/2024-01-01T00:00:00.000';

describe('StreamMapping', () => {
  test('L2 Kinesis and DynamoDB sources with CDK defaults: one finding per missing bound', () => {
    const stack = newStack();
    const f = fn(stack);
    f.addEventSource(
      new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST }),
    );
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    f.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }));
    const found = keys(stack);
    expect(Object.keys(found)).toHaveLength(2);
    for (const k of Object.values(found)) expect(k).toEqual(ALL);
    const messages = findingsOf(stack, 'StreamMapping')
      .map((x) => x.message)
      .join('\n');
    expect(messages).toMatch(/MaximumRetryAttempts is unset: the Kinesis stream mapping retries a failing batch until its records expire/);
    expect(messages).toMatch(/DynamoDB stream mapping/);
  });

  test('L2 sources with every bound set are compliant', () => {
    const stack = newStack();
    const f = fn(stack);
    const dlq = new sqs.Queue(stack, 'Dlq');
    const bounds = {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      retryAttempts: 2,
      maxRecordAge: Duration.hours(1),
      bisectBatchOnError: true,
      onFailure: new sources.SqsDlq(dlq),
    };
    f.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), bounds));
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    f.addEventSource(new sources.DynamoEventSource(table, bounds));
    expect(keys(stack)).toEqual({});
  });

  test('only the missing bounds are reported (L2 with retries but no destination)', () => {
    const stack = newStack();
    fn(stack).addEventSource(
      new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), {
        startingPosition: lambda.StartingPosition.LATEST,
        retryAttempts: 3,
        maxRecordAge: Duration.minutes(5),
        bisectBatchOnError: true,
      }),
    );
    expect(Object.values(keys(stack))).toEqual([['[OnFailure]']]);
  });

  test('L1: -1 and out-of-range values are flagged with the value; 0 retries is a bound', () => {
    const stack = newStack();
    mapping(stack, 'Infinite', {
      ...BOUNDED,
      EventSourceArn: DDB_STREAM,
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
    });
    mapping(stack, 'TooMany', {
      ...BOUNDED,
      EventSourceArn: DDB_STREAM,
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 10000,
      MaximumRecordAgeInSeconds: '30',
    });
    mapping(stack, 'Zero', {
      ...BOUNDED,
      EventSourceArn: DDB_STREAM,
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 0,
      BisectBatchOnFunctionError: 'true',
    });
    expect(keys(stack)).toEqual({
      Infinite: ['[MaximumRetryAttempts]', '[MaximumRecordAgeInSeconds]'],
      TooMany: ['[MaximumRetryAttempts]', '[MaximumRecordAgeInSeconds]'],
    });
    const messages = findingsOf(stack, 'StreamMapping')
      .map((x) => x.message)
      .join('\n');
    expect(messages).toMatch(/MaximumRetryAttempts is -1 \(infinite/);
    expect(messages).toMatch(/MaximumRetryAttempts is 10000; the pack allows 0-10/);
    expect(messages).toMatch(/MaximumRecordAgeInSeconds is "30"; set 60-604800/);
  });

  test('sources recognised: stream consumer GetAtt, literal and Fn::Sub ARNs; a deploy-time ARN with StartingPosition', () => {
    const stack = newStack();
    const stream = new kinesis.CfnStream(stack, 'Stream', { shardCount: 1 });
    const consumer = new kinesis.CfnStreamConsumer(stack, 'Consumer', { consumerName: 'c', streamArn: stream.attrArn });
    const param = new CfnParameter(stack, 'SourceArn');
    mapping(stack, 'ViaConsumer', { EventSourceArn: consumer.attrConsumerArn, StartingPosition: 'LATEST' });
    mapping(stack, 'LiteralDdb', { EventSourceArn: DDB_STREAM, StartingPosition: 'LATEST' });
    mapping(stack, 'SubKinesis', {
      EventSourceArn: Fn.sub('arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/orders'),
      StartingPosition: 'LATEST',
    });
    mapping(stack, 'ParamStream', { EventSourceArn: param.valueAsString, StartingPosition: 'TRIM_HORIZON' });
    expect(Object.keys(keys(stack)).sort()).toEqual(['LiteralDdb', 'ParamStream', 'SubKinesis', 'ViaConsumer']);
  });

  test('not applicable: SQS, Kafka, MQ and a deploy-time ARN without StartingPosition', () => {
    const stack = newStack();
    const f = fn(stack);
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue')));
    const param = new CfnParameter(stack, 'QueueArn');
    mapping(stack, 'Msk', {
      EventSourceArn: 'arn:aws:kafka:eu-west-1:111111111111:cluster/c/abc',
      Topics: ['t'],
      StartingPosition: 'LATEST',
    });
    mapping(stack, 'Mq', { EventSourceArn: 'arn:aws:mq:eu-west-1:111111111111:broker:b:id', Queues: ['q'] });
    mapping(stack, 'SqsLiteral', { EventSourceArn: 'arn:aws:sqs:eu-west-1:111111111111:q' });
    mapping(stack, 'ParamQueue', { EventSourceArn: param.valueAsString });
    expect(keys(stack)).toEqual({});
  });

  test('bounds only known at deploy time are accepted', () => {
    const stack = newStack();
    const retries = new CfnParameter(stack, 'Retries', { type: 'Number' });
    const dest = new CfnParameter(stack, 'Dest');
    mapping(stack, 'Params', {
      EventSourceArn: DDB_STREAM,
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: retries.valueAsNumber,
      MaximumRecordAgeInSeconds: 60,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: dest.valueAsString } },
    });
    expect(keys(stack)).toEqual({});
  });
});

describe('StreamMapping: parameter Defaults are judged like literals', () => {
  it('reports a Default of -1 and names the parameter', () => {
    const stack = newStack();
    const retries = new CfnParameter(stack, 'Retries', { type: 'Number', default: -1 });
    const bounded = new CfnParameter(stack, 'Bounded', { type: 'Number', default: 2 });
    const bounds = {
      EventSourceArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/s',
      StartingPosition: 'LATEST',
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:111111111111:dlq' } },
    };
    mapping(stack, 'Infinite', { ...bounds, MaximumRetryAttempts: retries.valueAsNumber });
    mapping(stack, 'Fine', { ...bounds, MaximumRetryAttempts: bounded.valueAsNumber });
    expect(keys(stack)).toEqual({ Infinite: ['[MaximumRetryAttempts]'] });
    expect(findingsOf(stack, 'StreamMapping')[0].message).toContain('MaximumRetryAttempts is "-1" (from Ref Retries) (infinite');
  });
});
