import { CfnOutput, CfnResource, CustomResource, Duration, Fn } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { findingsOf, flagged, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
type TestStack = ReturnType<typeof newStack>;

function fn(stack: TestStack, id: string, extra: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, ...extra });
}

/** Whether the function with construct id `id` is flagged. */
function isFlagged(stack: TestStack, id: string): boolean {
  return flagged(stack, 'UninvokedFunction').some((logicalId) => logicalId.startsWith(id));
}

describe('UninvokedFunction', () => {
  test('a function nothing names is flagged, with the stack and the function name', () => {
    const stack = newStack();
    fn(stack, 'Lonely', { functionName: 'lonely-fn' });
    expect(flagged(stack, 'UninvokedFunction')).toEqual([expect.stringMatching(/^Lonely/)]);
    expect(findingsOf(stack, 'UninvokedFunction')[0]).toEqual(expect.objectContaining({ level: 'warning', threat: 'T8' }));
    expect(findingsOf(stack, 'UninvokedFunction')[0].message).toMatch(
      /no resource of stack Test invokes function Lonely\w+ \(FunctionName lonely-fn\)/,
    );
  });

  describe('L2 invokers make it invoked', () => {
    const cases: { [name: string]: (stack: TestStack, f: lambda.Function) => void } = {
      'permission (grantInvoke to a service)': (_s, f) => f.grantInvoke(new iam.ServicePrincipal('iot.amazonaws.com')),
      'SQS event source mapping': (s, f) => f.addEventSource(new sources.SqsEventSource(new sqs.Queue(s, 'Q'))),
      'function URL': (_s, f) => f.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM }),
      'EventBridge rule target': (s, f) =>
        new events.Rule(s, 'R', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(f)] }),
      'API Gateway integration': (s, f) => new apigw.LambdaRestApi(s, 'Api', { handler: f }),
      'Step Functions task': (s, f) =>
        new sfn.StateMachine(s, 'Sm', {
          definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'Invoke', { lambdaFunction: f })),
        }),
      'SNS subscription': (s, f) => new sns.Topic(s, 'T').addSubscription(new subs.LambdaSubscription(f)),
      'S3 notification': (s, f) => new s3.Bucket(s, 'B').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(f)),
      'IAM policy granting invoke to another role': (s, f) =>
        f.grantInvoke(new iam.Role(s, 'Caller', { assumedBy: new iam.AccountRootPrincipal() })),
      'custom resource ServiceToken': (s, f) => new CustomResource(s, 'Cr', { serviceToken: f.functionArn }),
      'alarm action': (s, f) =>
        new CfnResource(s, 'Alarm', {
          type: 'AWS::CloudWatch::Alarm',
          properties: {
            AlarmActions: [f.functionArn],
            MetricName: 'm',
            Namespace: 'n',
            ComparisonOperator: 'GreaterThanThreshold',
            EvaluationPeriods: 1,
            Threshold: 1,
            Period: 60,
            Statistic: 'Sum',
          },
        }),
      'on-success destination of another function': (s, f) =>
        fn(s, 'Caller', { onSuccess: new destinations.LambdaDestination(f) }).grantInvoke(new iam.ServicePrincipal('sns.amazonaws.com')),
      'log subscription filter': (s, f) =>
        new logs.SubscriptionFilter(s, 'Sub', {
          logGroup: new logs.LogGroup(s, 'Lg'),
          destination: new logDestinations.LambdaDestination(f),
          filterPattern: logs.FilterPattern.allEvents(),
        }),
      'an invoker of an alias': (_s, f) => f.addAlias('live').grantInvoke(new iam.ServicePrincipal('iot.amazonaws.com')),
      'an event source on a version': (s, f) => f.currentVersion.addEventSource(new sources.SqsEventSource(new sqs.Queue(s, 'Q'))),
      'an Output with an Export (another stack may invoke it)': (s, f) =>
        new CfnOutput(s, 'Out', { value: f.functionArn, exportName: 'TheFunctionArn' }),
    };
    for (const [name, wire] of Object.entries(cases)) {
      test(name, () => {
        const stack = newStack();
        const f = fn(stack, 'Target');
        expect(isFlagged(stack, 'Target')).toBe(true);
        wire(stack, f);
        expect(isFlagged(stack, 'Target')).toBe(false);
      });
    }
  });

  describe('references that do not invoke leave it flagged', () => {
    const cases: { [name: string]: (stack: TestStack, f: lambda.Function) => void } = {
      'alarm on its metrics and a dashboard': (s, f) => {
        const alarm = f.metricErrors().createAlarm(s, 'Errors', { threshold: 1, evaluationPeriods: 1 });
        new cloudwatch.Dashboard(s, 'Dash', { widgets: [[new cloudwatch.AlarmWidget({ alarm })]] });
      },
      'EventInvokeConfig (retries, destination elsewhere)': (s, f) =>
        f.configureAsyncInvoke({ retryAttempts: 1, onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Dlq')) }),
      'log group named after it': (s, f) => new logs.LogGroup(s, 'Lg', { logGroupName: `/aws/lambda/${f.functionName}` }),
      'IAM statement that does not grant invoke': (s, f) =>
        new iam.Role(s, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }).addToPolicy(
          new iam.PolicyStatement({ actions: ['lambda:GetFunction', 'lambda:UpdateFunctionConfiguration'], resources: [f.functionArn] }),
        ),
      'invoke granted to its own role (it can only call itself)': (_s, f) =>
        f.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [f.functionArn] })),
      'named in an EventBridge rule Input, not as a target': (s, f) =>
        new events.Rule(s, 'R', {
          schedule: events.Schedule.rate(Duration.hours(1)),
          targets: [new targets.LambdaFunction(fn(s, 'Other'), { event: events.RuleTargetInput.fromObject({ name: f.functionName }) })],
        }),
      'a wildcard lambda:InvokeFunction on *': (s) =>
        new iam.Role(s, 'Broad', { assumedBy: new iam.AccountRootPrincipal() }).addToPolicy(
          new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: ['*'] }),
        ),
      'an Output without Export': (s, f) => new CfnOutput(s, 'Out', { value: f.functionName }),
    };
    for (const [name, wire] of Object.entries(cases)) {
      test(name, () => {
        const stack = newStack();
        const f = fn(stack, 'Target');
        wire(stack, f);
        expect(isFlagged(stack, 'Target')).toBe(true);
      });
    }
  });

  test('L1 and intrinsics: literal names and ARNs in permissions, rule targets and Fn::Sub/Fn::Join URIs count', () => {
    const stack = newStack();
    const lambdaFn = (id: string, name: string): CfnResource =>
      new CfnResource(stack, id, {
        type: 'AWS::Lambda::Function',
        properties: {
          FunctionName: name,
          Code: { ZipFile: 'x' },
          Role: 'arn:aws:iam::111111111111:role/r',
          Runtime: 'nodejs22.x',
          Handler: 'i.h',
        },
      });
    lambdaFn('ByName', 'by-name');
    lambdaFn('ByRuleArn', 'by-rule-arn');
    lambdaFn('BySub', 'by-sub');
    lambdaFn('ByJoin', 'by-join');
    lambdaFn('Nobody', 'nobody');
    new CfnResource(stack, 'Perm', {
      type: 'AWS::Lambda::Permission',
      properties: { Action: 'lambda:InvokeFunction', FunctionName: 'by-name', Principal: 's3.amazonaws.com' },
    });
    new CfnResource(stack, 'Rule', {
      type: 'AWS::Events::Rule',
      properties: {
        ScheduleExpression: 'rate(1 hour)',
        Targets: [{ Id: '1', Arn: 'arn:aws:lambda:eu-west-1:111111111111:function:by-rule-arn' }],
      },
    });
    new CfnResource(stack, 'Method', {
      type: 'AWS::ApiGateway::Method',
      properties: {
        HttpMethod: 'GET',
        ResourceId: 'r',
        RestApiId: 'a',
        AuthorizationType: 'AWS_IAM',
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: Fn.sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${BySub.Arn}/invocations'),
        },
      },
    });
    new CfnResource(stack, 'Sub', {
      type: 'AWS::SNS::Subscription',
      properties: {
        Protocol: 'lambda',
        TopicArn: 't',
        Endpoint: Fn.join('', ['arn:', Fn.ref('AWS::Partition'), ':lambda:eu-west-1:111111111111:function:by-join']),
      },
    });
    new CfnResource(stack, 'Lg', { type: 'AWS::Logs::LogGroup', properties: { LogGroupName: '/aws/lambda/nobody' } });
    expect(flagged(stack, 'UninvokedFunction')).toEqual(['Nobody']);
  });
});
