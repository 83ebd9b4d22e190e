import { CfnCondition, CfnResource, Fn } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, flagged, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
type TestStack = ReturnType<typeof newStack>;

function fn(stack: TestStack, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, timeout: undefined });
}

function mapping(stack: TestStack, id: string, eventSourceArn: unknown): CfnResource {
  return new CfnResource(stack, id, {
    type: 'AWS::Lambda::EventSourceMapping',
    properties: { FunctionName: 'my-function', EventSourceArn: eventSourceArn },
  });
}

function queue(stack: TestStack, id: string, properties: { [key: string]: unknown } = {}): CfnResource {
  return new CfnResource(stack, id, { type: 'AWS::SQS::Queue', properties });
}

describe('SqsSourceRedrive', () => {
  test('L2: a queue without a dead-letter queue is flagged on the mapping, naming the queue', () => {
    const stack = newStack();
    const f = fn(stack);
    const bare = new sqs.Queue(stack, 'Bare');
    const safe = new sqs.Queue(stack, 'Safe', { deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 3 } });
    f.addEventSource(new sources.SqsEventSource(bare));
    f.addEventSource(new sources.SqsEventSource(safe));
    expect(flagged(stack, 'SqsSourceRedrive')).toEqual([expect.stringMatching(/SqsEventSourceTestBare/)]);
    expect(findingsOf(stack, 'SqsSourceRedrive')[0].message).toMatch(/queue Bare\w+ has no RedrivePolicy/);
  });

  test('L1: RedrivePolicy as a JSON string (with Fn::Sub) is compliant; without deadLetterTargetArn or invalid JSON it is flagged', () => {
    const stack = newStack();
    queue(stack, 'Dlq');
    queue(stack, 'Good', { RedrivePolicy: Fn.sub('{"deadLetterTargetArn": "${Dlq.Arn}", "maxReceiveCount": 4}') });
    queue(stack, 'GoodJson', { RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:111111111111:dlq", "maxReceiveCount": 4}' });
    queue(stack, 'NoTarget', { RedrivePolicy: { maxReceiveCount: 4 } });
    queue(stack, 'Broken', { RedrivePolicy: '{not json' });
    for (const q of ['Good', 'GoodJson', 'NoTarget', 'Broken']) mapping(stack, `From${q}`, Fn.getAtt(q, 'Arn'));
    expect(flagged(stack, 'SqsSourceRedrive')).toEqual(['FromBroken', 'FromNoTarget']);
  });

  test('queues of the stack named by literal ARN (QueueName) or Fn::Sub are judged; foreign queues are not applicable', () => {
    const stack = newStack();
    queue(stack, 'Named', { QueueName: 'orders' });
    mapping(stack, 'ByLiteralArn', 'arn:aws:sqs:eu-west-1:111111111111:orders');
    mapping(stack, 'BySub', Fn.sub('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Named.QueueName}'));
    mapping(stack, 'Foreign', 'arn:aws:sqs:eu-west-1:111111111111:somebody-elses');
    mapping(stack, 'Imported', Fn.importValue('OtherStack-QueueArn'));
    expect(flagged(stack, 'SqsSourceRedrive')).toEqual(['ByLiteralArn', 'BySub']);
  });

  test('Fn::If: a redrive policy missing on one side is flagged with the condition; a deploy-time policy is accepted', () => {
    const stack = newStack();
    const cond = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    queue(stack, 'Conditional', {
      RedrivePolicy: Fn.conditionIf(
        cond.logicalId,
        { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dlq', maxReceiveCount: 3 },
        Fn.ref('AWS::NoValue'),
      ),
    });
    queue(stack, 'Imported', { RedrivePolicy: Fn.importValue('Shared-Redrive') });
    mapping(stack, 'FromConditional', Fn.getAtt('Conditional', 'Arn'));
    mapping(stack, 'FromImported', Fn.getAtt('Imported', 'Arn'));
    expect(flagged(stack, 'SqsSourceRedrive')).toEqual(['FromConditional']);
    expect(findingsOf(stack, 'SqsSourceRedrive')[0].message).toMatch(/has no RedrivePolicy on one side of Fn::If IsProd/);
  });

  test('stream mappings are not applicable', () => {
    const stack = newStack();
    fn(stack).addEventSource(
      new sources.KinesisEventSource(new kinesis.Stream(stack, 'S'), { startingPosition: lambda.StartingPosition.LATEST }),
    );
    expect(flagged(stack, 'SqsSourceRedrive')).toEqual([]);
  });
});
