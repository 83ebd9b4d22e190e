import { CfnCondition, CfnResource, Duration, Fn } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
type TestStack = ReturnType<typeof newStack>;

function fn(stack: TestStack, id: string, extra: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, ...extra });
}

/** Finding ids (without the rule prefix) per construct id prefix of the flagged function. */
function found(stack: TestStack): string[] {
  return findingsOf(stack, 'AsyncFailureHandling')
    .map((f) => `${f.logicalId.replace(/[0-9A-F]{8}$/, '')}${f.findingId.replace('Bulkhead-AsyncFailureHandling', '')}`)
    .sort();
}

const caller = (): iam.IPrincipal => new iam.ServicePrincipal('s3.amazonaws.com');

describe('AsyncFailureHandling', () => {
  test('L2: an async-invocable function without DLQ or on-failure destination is flagged; either one fixes it', () => {
    const stack = newStack();
    fn(stack, 'Bare').grantInvoke(caller());
    fn(stack, 'WithDlq', { deadLetterQueueEnabled: true }).grantInvoke(caller());
    fn(stack, 'WithDestination', { onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failures')) }).grantInvoke(caller());
    expect(found(stack)).toEqual(['Bare[OnFailure]']);
    expect(findingsOf(stack, 'AsyncFailureHandling')[0].message).toMatch(
      /DeadLetterConfig\.TargetArn is unset and no AWS::Lambda::EventInvokeConfig of the function sets DestinationConfig\.OnFailure\.Destination/,
    );
  });

  test('L2: an EventInvokeConfig without on-failure destination is flagged by its qualifier (also for an alias)', () => {
    const stack = newStack();
    const f = fn(stack, 'Retries', { retryAttempts: 1, maxEventAge: Duration.hours(1) });
    f.grantInvoke(caller());
    f.addAlias('live', { onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Q')) });
    const g = fn(stack, 'AliasOnly');
    g.grantInvoke(caller());
    g.addAlias('blue', { retryAttempts: 0 });
    expect(found(stack)).toEqual(['AliasOnly[blue.OnFailure]', 'Retries[$LATEST.OnFailure]']);
  });

  test('L1: retries outside 0-2 and event age outside 60-21600 are flagged; unset (AWS defaults 2 and 6 h) is accepted', () => {
    const stack = newStack();
    const f = fn(stack, 'Fn', { deadLetterQueueEnabled: true, functionName: 'worker' });
    f.grantInvoke(caller());
    new CfnResource(stack, 'Bad', {
      type: 'AWS::Lambda::EventInvokeConfig',
      properties: { FunctionName: 'worker', Qualifier: '$LATEST', MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 30 },
    });
    new CfnResource(stack, 'Defaults', {
      type: 'AWS::Lambda::EventInvokeConfig',
      properties: { FunctionName: 'arn:aws:lambda:eu-west-1:111111111111:function:worker', Qualifier: '3' },
    });
    expect(found(stack)).toEqual(['Fn[$LATEST.MaximumEventAgeInSeconds]', 'Fn[$LATEST.MaximumRetryAttempts]']);
    expect(
      findingsOf(stack, 'AsyncFailureHandling')
        .map((x) => x.message)
        .join('\n'),
    ).toMatch(/EventInvokeConfig Bad \(Qualifier \$LATEST\) has MaximumRetryAttempts 5, outside 0-2/);
  });

  test('not applicable when only synchronous invokers call it: SQS mapping, function URL, API Gateway proxy', () => {
    const stack = newStack();
    fn(stack, 'Polled').addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Q')));
    fn(stack, 'Url').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    new apigw.LambdaRestApi(stack, 'RestApi', { handler: fn(stack, 'Api') });
    const viaUrl = fn(stack, 'ViaUrl');
    viaUrl.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    new CfnResource(stack, 'ViaUrlOnly', {
      type: 'AWS::Lambda::Permission',
      properties: {
        Action: 'lambda:InvokeFunction',
        Principal: '*',
        InvokedViaFunctionUrl: true,
        FunctionName: { Ref: (viaUrl.node.defaultChild as lambda.CfnFunction).logicalId },
      },
    });
    expect(found(stack)).toEqual([]);
  });

  test('applies when an async-capable invoker is added next to a poller, and when nothing known invokes it', () => {
    const stack = newStack();
    const both = fn(stack, 'Both');
    both.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Q')));
    both.grantInvoke(new iam.AccountRootPrincipal());
    fn(stack, 'Nobody');
    expect(found(stack)).toEqual(['Both[OnFailure]', 'Nobody[OnFailure]']);
  });

  test('intrinsics: a DLQ only on one side of Fn::If is flagged with the condition; a deploy-time destination is accepted', () => {
    const stack = newStack();
    const cond = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const f = fn(stack, 'Cond');
    f.grantInvoke(caller());
    (f.node.defaultChild as lambda.CfnFunction).deadLetterConfig = Fn.conditionIf(
      cond.logicalId,
      { TargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dlq' },
      Fn.ref('AWS::NoValue'),
    ) as any;
    const g = fn(stack, 'Imported');
    g.grantInvoke(caller());
    new CfnResource(stack, 'Cfg', {
      type: 'AWS::Lambda::EventInvokeConfig',
      properties: {
        FunctionName: { Ref: (g.node.defaultChild as lambda.CfnFunction).logicalId },
        Qualifier: '$LATEST',
        DestinationConfig: { OnFailure: { Destination: Fn.importValue('Shared-Dlq') } },
      },
    });
    expect(found(stack)).toEqual(['Cond[OnFailure]']);
    expect(findingsOf(stack, 'AsyncFailureHandling')[0].message).toMatch(/unset on one side of Fn::If IsProd/);
  });
});

describe('AsyncFailureHandling: invokers SAM templates use', () => {
  test("an inline OpenAPI Body's Lambda proxy integration invokes synchronously, unless it asks for an Event invocation", () => {
    const stack = newStack();
    const uri = (f: lambda.Function) =>
      Fn.sub('arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${Arn}/invocations', { Arn: f.functionArn });
    const proxied = fn(stack, 'Proxied');
    const queued = fn(stack, 'Queued');
    new apigw.CfnRestApi(stack, 'Api', {
      body: {
        swagger: '2.0',
        paths: {
          '/sync': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: uri(proxied) } } },
          '/async': {
            post: {
              'x-amazon-apigateway-integration': {
                type: 'aws',
                httpMethod: 'POST',
                uri: uri(queued),
                requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" },
              },
            },
          },
        },
      },
    });
    expect(found(stack)).toEqual(['Queued[OnFailure]']);
  });

  test('Cognito triggers of a user pool of the stack invoke synchronously, custom senders asynchronously', () => {
    const stack = newStack();
    const preSignUp = fn(stack, 'PreSignUp');
    const sender = fn(stack, 'Sender');
    const external = fn(stack, 'External');
    const pool = new CfnResource(stack, 'Pool', {
      type: 'AWS::Cognito::UserPool',
      properties: {
        LambdaConfig: {
          PreSignUp: preSignUp.functionArn,
          CustomEmailSender: { LambdaArn: sender.functionArn, LambdaVersion: 'V1_0' },
        },
      },
    });
    for (const [id, f, sourceArn] of [
      ['P1', preSignUp, pool.getAtt('Arn')],
      ['P2', sender, pool.getAtt('Arn')],
      ['P3', external, 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/other'],
    ] as const) {
      new lambda.CfnPermission(stack, id, {
        action: 'lambda:InvokeFunction',
        functionName: f.functionName,
        principal: 'cognito-idp.amazonaws.com',
        sourceArn: sourceArn.toString(),
      });
    }
    // A pool outside the stack may use the function as a custom sender: it is not exempt.
    expect(found(stack)).toEqual(['External[OnFailure]', 'Sender[OnFailure]']);
  });
});
