import { CfnParameter, CfnResource, Duration, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, flagged, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
type TestStack = ReturnType<typeof newStack>;

function mapping(stack: TestStack, id: string, functionName: unknown, eventSourceArn: unknown): CfnResource {
  return new CfnResource(stack, id, {
    type: 'AWS::Lambda::EventSourceMapping',
    properties: { FunctionName: functionName, EventSourceArn: eventSourceArn },
  });
}

function cfnFunction(stack: TestStack, id: string, properties: { [key: string]: unknown } = {}): CfnResource {
  return new CfnResource(stack, id, {
    type: 'AWS::Lambda::Function',
    properties: { Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::111111111111:role/r', Runtime: 'nodejs22.x', Handler: 'i.h', ...properties },
  });
}

function queue(stack: TestStack, id: string, properties: { [key: string]: unknown } = {}): CfnResource {
  return new CfnResource(stack, id, { type: 'AWS::SQS::Queue', properties });
}

describe('SqsVisibilityTimeout', () => {
  test('L2: default visibility (30 s) under 6 x a 10 s timeout is flagged with both values; 60 s is enough', () => {
    const stack = newStack();
    const f = new lambda.Function(stack, 'Fn', {
      code: CODE,
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
    });
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Short')));
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Long', { visibilityTimeout: Duration.seconds(60) })));
    expect(flagged(stack, 'SqsVisibilityTimeout')).toEqual([expect.stringMatching(/SqsEventSourceTestShort/)]);
    expect(findingsOf(stack, 'SqsVisibilityTimeout')[0].message).toMatch(
      /queue Short\w+ has VisibilityTimeout 30 s \(the default, unset\), under 6 x the Timeout of function Fn\w+ \(10 s\) = 60 s/,
    );
  });

  test('L1: the function default timeout (3 s) fits the default visibility; 10 s visibility does not', () => {
    const stack = newStack();
    cfnFunction(stack, 'Fn', { FunctionName: 'worker' });
    queue(stack, 'Unset');
    queue(stack, 'Tight', { VisibilityTimeout: '10' });
    mapping(stack, 'FromUnset', { Ref: 'Fn' }, Fn.getAtt('Unset', 'Arn'));
    mapping(stack, 'FromTight', 'worker', Fn.getAtt('Tight', 'Arn'));
    expect(flagged(stack, 'SqsVisibilityTimeout')).toEqual(['FromTight']);
    expect(findingsOf(stack, 'SqsVisibilityTimeout')[0].message).toMatch(/Timeout of function Fn \(3 s \(the default, unset\)\) = 18 s/);
  });

  test('the function is found by literal ARN, partial ARN, alias ARN and a Ref to an alias', () => {
    const stack = newStack();
    cfnFunction(stack, 'Fn', { FunctionName: 'worker', Timeout: 30 });
    new CfnResource(stack, 'Live', {
      type: 'AWS::Lambda::Alias',
      properties: { FunctionName: { Ref: 'Fn' }, FunctionVersion: '1', Name: 'live' },
    });
    queue(stack, 'Q', { VisibilityTimeout: 60 });
    mapping(stack, 'ByArn', 'arn:aws:lambda:eu-west-1:111111111111:function:worker', Fn.getAtt('Q', 'Arn'));
    mapping(stack, 'ByPartial', '111111111111:function:worker', Fn.getAtt('Q', 'Arn'));
    mapping(stack, 'ByAliasArn', 'arn:aws:lambda:eu-west-1:111111111111:function:worker:live', Fn.getAtt('Q', 'Arn'));
    mapping(stack, 'ByAliasRef', { Ref: 'Live' }, Fn.getAtt('Q', 'Arn'));
    mapping(stack, 'OtherFunction', 'not-in-this-stack', Fn.getAtt('Q', 'Arn'));
    expect(flagged(stack, 'SqsVisibilityTimeout')).toEqual(['ByAliasArn', 'ByAliasRef', 'ByArn', 'ByPartial']);
  });

  test('L2: an alias as target resolves to its function', () => {
    const stack = newStack();
    const f = new lambda.Function(stack, 'Fn', {
      code: CODE,
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: Duration.seconds(20),
    });
    f.addAlias('live').addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Q', { visibilityTimeout: Duration.seconds(100) })));
    expect(flagged(stack, 'SqsVisibilityTimeout')).toHaveLength(1);
  });

  test('deploy-time values cannot be compared; queues and functions outside the stack are not applicable', () => {
    const stack = newStack();
    const visibility = new CfnParameter(stack, 'Visibility', { type: 'Number' });
    cfnFunction(stack, 'Fn', { Timeout: 60 });
    queue(stack, 'Param', { VisibilityTimeout: visibility.valueAsNumber });
    mapping(stack, 'FromParam', { Ref: 'Fn' }, Fn.getAtt('Param', 'Arn'));
    mapping(stack, 'Foreign', { Ref: 'Fn' }, 'arn:aws:sqs:eu-west-1:111111111111:elsewhere');
    expect(flagged(stack, 'SqsVisibilityTimeout')).toEqual([]);
  });
});

describe('SqsVisibilityTimeout: a parameter Default is judged like a literal', () => {
  it('compares the Default visibility timeout with the function timeout', () => {
    const stack = newStack();
    const visibility = new CfnParameter(stack, 'Visibility', { type: 'Number', default: 30 });
    const queue = new CfnResource(stack, 'Q', {
      type: 'AWS::SQS::Queue',
      properties: {
        VisibilityTimeout: visibility.valueAsNumber,
        RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dlq', maxReceiveCount: 3 },
      },
    });
    const fn = new lambda.Function(stack, 'Fn', {
      code: CODE,
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
    });
    mapping(stack, 'M', fn.functionName, queue.getAtt('Arn'));
    expect(findingsOf(stack, 'SqsVisibilityTimeout').map((f) => f.message)).toEqual([
      expect.stringContaining('has VisibilityTimeout 30 s (from Ref Visibility), under 6 x the Timeout of function'),
    ]);
  });
});
