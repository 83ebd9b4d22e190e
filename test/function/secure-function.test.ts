import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BulkheadValidationError } from '../../lib/core/errors';
import { runtimeDeprecation } from '../../lib/core/runtime-deprecations';
import { BulkheadToday } from '../../lib/core/today';
import { FunctionProfiles, SecureFunction, SecureFunctionProps } from '../../lib/function';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
const base = { code: CODE, handler: 'index.handler' };
const env = { env: { account: '111111111111', region: 'eu-west-1' } };

describe('defaults of a minimal SecureFunction', () => {
  let t: Template;
  let fn: SecureFunction;
  beforeAll(() => {
    const stack = new Stack(new App(), 'S', env);
    fn = new SecureFunction(stack, 'UpdateCard', base);
    t = Template.fromStack(stack);
  });

  test('explicit runtime, arm64, memory, timeout, concurrency, tracing, own log group, encrypted environment', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
      ReservedConcurrentExecutions: 10,
      TracingConfig: { Mode: 'Active' },
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('UpdateCardKey'), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('UpdateCardLogGroup') } },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('UpdateCardDeadLetterQueue'), 'Arn'] } },
    });
  });

  test('bounded async retries and event age, DLQ as on-failure destination', () => {
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('UpdateCardDeadLetterQueue'), 'Arn'] } } },
    });
    expect(fn.maxRetryAttempts).toBe(2);
    expect(fn.maxEventAge.toSeconds()).toBe(3600);
  });

  test('key with rotation; CloudWatch Logs allowed only for log groups of this account', () => {
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogsOfThisAccountOnly',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  test('DLQ: KMS-encrypted with the key, 14 days, TLS only', () => {
    t.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('UpdateCardKey'), 'Arn'] },
      MessageRetentionPeriod: 1209600,
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  test('log group encrypted, one month retention', () => {
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyId: Match.anyValue() });
  });

  test('own role: no managed policies, logs scoped to its log group, Resource * only for X-Ray, inline', () => {
    const roles = t.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(1);
    const role = Object.values(roles)[0].Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies).toEqual([
      {
        PolicyName: 'XRayWrite',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'XRayWriteNoResourceLevelPermissions',
              Effect: 'Allow',
              Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
              Resource: '*',
            },
          ],
        },
      },
    ]);
    const policies = Object.values(t.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1); // the DefaultPolicy: the X-Ray writes need no policy resource of their own
    const statements = policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const logsStatement = statements.find((s: any) => s.Sid === 'WriteOwnLogGroupOnly');
    expect(logsStatement.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/UpdateCardLogGroup/), 'Arn'] });
    expect(statements.filter((s: any) => s.Resource === '*')).toEqual([]);
    expect(statements.some((s: any) => [s.Action].flat().some((a: string) => a.includes('*')))).toBe(false);
  });

  test("DLQ and on-failure destination: sqs:SendMessage and the key's two send actions, nothing more", () => {
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const onQueue = statements.filter((s: any) => JSON.stringify(s.Resource).includes('UpdateCardDeadLetterQueue'));
    expect(onQueue.flatMap((s: any) => [s.Action].flat())).toEqual(['sqs:SendMessage']);
    const onKey = statements.filter((s: any) => JSON.stringify(s.Resource).includes('UpdateCardKey'));
    expect(onKey.flatMap((s: any) => [s.Action].flat()).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  test('four alarms: errors, throttles, DLQ depth >= 1, estimated cost from metric math', () => {
    t.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    const cost = Object.values(t.findResources('AWS::CloudWatch::Alarm')).find((a: any) => a.Properties.Metrics);
    const expr = cost!.Properties.Metrics.find((m: any) => m.Expression).Expression as string;
    // 256 MB arm64 at 0.0000133334 USD per GB-second: 0.25 × 0.0000133334 / 1000 per ms
    // Plain decimals: CloudWatch metric math (and aws-cdk-lib's check) reads the `e` of 2e-7 as a metric id.
    expect(expr).toBe('FILL(inv, 0) * 0.0000002 + FILL(dur, 0) * 0.00000000333335');
    // half the worst case: 0.5 × 10 × 0.25 GB × 3600 s × price
    expect(cost!.Properties.Threshold).toBeCloseTo(0.5 * 10 * 0.25 * 3600 * 0.0000133334, 4);
    expect(fn.alarms).toHaveLength(4);
  });

  test('no CDK warning: the cost expression is valid metric math', () => {
    Annotations.fromStack(fn.stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('bad input fails at synth naming prop, value and limit', () => {
  const cases: Array<[string, Partial<SecureFunctionProps>, RegExp]> = [
    ['retries above 2', { retryAttempts: 3 }, /retryAttempts is 3; allowed: an integer 0-2/],
    ['negative retries', { retryAttempts: -1 }, /retryAttempts is -1/],
    ['event age under 60 s', { maxEventAge: Duration.seconds(59) }, /maxEventAge is "59 seconds"; allowed: 60-21600/],
    ['event age over 6 h', { maxEventAge: Duration.hours(7) }, /maxEventAge is "25200 seconds"/],
    ['zero concurrency', { reservedConcurrentExecutions: 0 }, /reservedConcurrentExecutions is 0; allowed: a whole number >= 1/],
    ['negative concurrency', { reservedConcurrentExecutions: -5 }, /reservedConcurrentExecutions is -5/],
    ['fractional concurrency', { reservedConcurrentExecutions: 1.5 }, /reservedConcurrentExecutions is 1.5/],
    ['timeout over 900 s', { timeout: Duration.seconds(901) }, /timeout is "901 seconds"; allowed: 1-900/],
    ['memory under 128', { memorySize: 64 }, /memorySize is 64; allowed: an integer 128-10240 MB/],
    ['memory over 10240', { memorySize: 10241 }, /memorySize is 10241/],
    ['env name with dash', { environment: { 'MY-VAR': 'x' } }, /environment name is "MY-VAR"; allowed: a letter followed/],
    ['env name starting with digit', { environment: { '1VAR': 'x' } }, /environment name is "1VAR"/],
    [
      'reserved env name',
      { environment: { AWS_REGION: 'eu-west-1' } },
      /environment name is "AWS_REGION"; allowed: a name Lambda does not reserve/,
    ],
    ['recycle age under 15 min', { maxEnvironmentAge: Duration.minutes(10) }, /maxEnvironmentAge is "600 seconds"; allowed: 900-86400/],
    ['recycle age over 24 h', { maxEnvironmentAge: Duration.hours(25) }, /maxEnvironmentAge is "90000 seconds"/],
    [
      'deadLetterQueueEnabled false (JavaScript callers can still pass it)',
      { deadLetterQueueEnabled: false } as Partial<SecureFunctionProps>,
      /deadLetterQueueEnabled is false/,
    ],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    const stack = new Stack(new App(), 'S');
    expect(() => new SecureFunction(stack, 'Fn', { ...base, ...props })).toThrow(BulkheadValidationError);
    expect(() => new SecureFunction(new Stack(new App(), 'S'), 'Fn', { ...base, ...props })).toThrow(message);
  });

  test('every problem of one construct is reported in one error, each naming its prop', () => {
    let message = '';
    try {
      new SecureFunction(new Stack(new App(), 'S'), 'Fn', {
        ...base,
        retryAttempts: 5,
        memorySize: 64,
        reservedConcurrentExecutions: 0,
        environment: { 'BAD-NAME': 'x' },
      });
    } catch (e) {
      expect(e).toBeInstanceOf(BulkheadValidationError);
      message = (e as Error).message;
    }
    expect(message.split('\n')[0]).toBe('S/Fn: 4 problems');
    expect(message).toMatch(/\n {2}1\. retryAttempts is 5; allowed: an integer 0-2 .* Fix: /);
    expect(message).toMatch(/\n {2}2\. memorySize is 64; /);
    expect(message).toMatch(/\n {2}3\. reservedConcurrentExecutions is 0; /);
    expect(message).toMatch(/\n {2}4\. environment name is "BAD-NAME"; /);
  });

  test('errors name the construct path and the fix', () => {
    expect(() => new SecureFunction(new Stack(new App(), 'S'), 'Fn', { ...base, retryAttempts: 5 })).toThrow(
      /^S\/Fn: retryAttempts is 5; .* Fix: set retryAttempts/,
    );
  });

  test('secret-looking values are refused without echoing the value', () => {
    const fake = 'AKIA' + 'FAKEFAKEFAKEFAKE';
    let message = '';
    try {
      new SecureFunction(new Stack(new App(), 'S'), 'Fn', { ...base, environment: { UPSTREAM: fake } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/environment\.UPSTREAM/);
    expect(message).toMatch(/AWS access key ID/);
    expect(message).toMatch(/SecretReference/);
    expect(message).not.toContain(fake);
    const password = 'x9' + 'Qz!7pLw#2mVr';
    expect(() => new SecureFunction(new Stack(new App(), 'S2'), 'Fn', { ...base, environment: { DB_PASSWORD: password } })).toThrow(
      /environment\.DB_PASSWORD/,
    );
  });

  test('addEnvironment after construction is checked too', () => {
    const fn = new SecureFunction(new Stack(new App(), 'S'), 'Fn', base);
    expect(() => fn.addEnvironment('API_TOKEN', 'ghp_' + 'a'.repeat(36))).toThrow(/API_TOKEN.*GitHub token/);
    expect(() => fn.addEnvironment('TABLE_NAME', 'cards')).not.toThrow();
  });

  test('a role used by another SecureFunction is refused (T1)', () => {
    const stack = new Stack(new App(), 'S');
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new SecureFunction(stack, 'A', { ...base, role });
    expect(() => new SecureFunction(stack, 'B', { ...base, role })).toThrow(
      /S\/B: role is "S\/Shared"; allowed: a role used by this function only \(T1\); it already serves S\/A/,
    );
  });

  test('tokens are references, not rejected', () => {
    const stack = new Stack(new App(), 'S');
    const queue = new sqs.Queue(stack, 'Q');
    expect(
      () => new SecureFunction(stack, 'Fn', { ...base, environment: { QUEUE_URL: queue.queueUrl, API_TOKEN: queue.queueArn } }),
    ).not.toThrow();
  });

  test('public function URL needs explicit opt-in', () => {
    const stack = new Stack(new App(), 'S');
    const fn = new SecureFunction(stack, 'Fn', base);
    expect(() => fn.addSecureFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(/authType is "NONE"/);
    expect(fn.node.tryFindChild('FunctionUrl')).toBeUndefined(); // the refused call left nothing behind
    const url = fn.addSecureFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, allowPublicAccess: true });
    expect(url.authType).toBe(lambda.FunctionUrlAuthType.NONE);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
  });

  test('SQS source: queue without DLQ, and visibility timeout under 6 × timeout, are refused', () => {
    const stack = new Stack(new App(), 'S');
    const fn = new SecureFunction(stack, 'Fn', { ...base, timeout: Duration.seconds(20) });
    const dlq = new sqs.Queue(stack, 'Dlq');
    expect(() => fn.addSqsSource(new sqs.Queue(stack, 'NoDlq', { visibilityTimeout: Duration.seconds(120) }))).toThrow(
      /queue is "S\/NoDlq"/,
    );
    const short = new sqs.Queue(stack, 'Short', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(() => fn.addSqsSource(short)).toThrow(
      /queue visibilityTimeout is "30 seconds"; allowed: at least 6 × the function timeout = 120 seconds/,
    );
  });

  test('stream source bounds', () => {
    const stack = new Stack(new App(), 'S');
    const fn = new SecureFunction(stack, 'Fn', base);
    const kinesis = require('aws-cdk-lib/aws-kinesis');
    const stream = new kinesis.Stream(stack, 'St');
    expect(() => fn.addKinesisSource(stream, { retryAttempts: 11 })).toThrow(/retryAttempts is 11; allowed: an integer 0-10/);
    expect(() => fn.addKinesisSource(stream, { maxRecordAge: Duration.days(8) })).toThrow(/maxRecordAge is "691200 seconds"/);
  });
});

describe('parts and options', () => {
  test('stream source defaults: bounded retries and age, bisect, DLQ on failure; SQS reports item failures', () => {
    const stack = new Stack(new App(), 'S', env);
    const fn = new SecureFunction(stack, 'Fn', base);
    const kinesis = require('aws-cdk-lib/aws-kinesis');
    fn.addKinesisSource(new kinesis.Stream(stack, 'St'));
    const dlq = new sqs.Queue(stack, 'Dlq');
    fn.addSqsSource(
      new sqs.Queue(stack, 'In', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } }),
    );
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('FnDeadLetterQueue'), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: 10 });
  });

  test('your own encrypted DLQ: used as destination too, with sqs:SendMessage and the two send actions on its key', () => {
    const stack = new Stack(new App(), 'S', env);
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    const queue = new sqs.Queue(stack, 'MyDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
    const fn = new SecureFunction(stack, 'Fn', { ...base, deadLetterQueue: queue });
    expect(fn.failureQueue).toBe(queue);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SQS::Queue', 1);
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('MyDlq'), 'Arn'] } } },
    });
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const actionsOn = (id: string) =>
      statements
        .filter((st: any) => JSON.stringify(st.Resource).includes(id))
        .flatMap((st: any) => [st.Action].flat())
        .sort();
    expect(actionsOn('MyDlq')).toEqual(['sqs:SendMessage']);
    expect(actionsOn('QueueKey')).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  test('function URL defaults to AWS_IAM', () => {
    const stack = new Stack(new App(), 'S');
    new SecureFunction(stack, 'Fn', base).addSecureFunctionUrl();
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  });

  test('shared key: no per-function key; alarm topic receives every alarm; permissions boundary applied', () => {
    const stack = new Stack(new App(), 'S');
    const key = new kms.Key(stack, 'Shared', { enableKeyRotation: true });
    const topic = new sns.Topic(stack, 'Alarms');
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
      statements: [new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] })],
    });
    new SecureFunction(stack, 'A', { ...base, encryptionKey: key, alarmTopic: topic, permissionsBoundary: boundary });
    new SecureFunction(stack, 'B', { ...base, encryptionKey: key });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.resourceCountIs('AWS::IAM::Role', 2);
    t.hasResourceProperties('AWS::IAM::Role', { PermissionsBoundary: { Ref: Match.stringLikeRegexp('Boundary') } });
    const withActions = Object.values(t.findResources('AWS::CloudWatch::Alarm')).filter((a: any) => a.Properties.AlarmActions);
    expect(withActions).toHaveLength(4);
  });

  test('recycler: one per stack, rule at the shortest age, role limited to the targets', () => {
    const stack = new Stack(new App(), 'S', env);
    const a = new SecureFunction(stack, 'A', { ...base, maxEnvironmentAge: Duration.hours(4) });
    const b = new SecureFunction(stack, 'B', { ...base, maxEnvironmentAge: Duration.minutes(90) });
    expect(a.recycler).toBe(b.recycler);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Events::Rule', 1);
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(90 minutes)',
      Targets: [
        Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 } }),
      ],
    });
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const lambdaStatements = statements.filter((s: any) => [s.Action].flat().some((x: string) => x.startsWith('lambda:')));
    expect(lambdaStatements).toHaveLength(2);
    for (const s of lambdaStatements) {
      expect(s.Action).toEqual(['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration']);
      expect(s.Resource['Fn::GetAtt'][0]).toMatch(/^(A|B)[0-9A-F]{8}$/);
    }
    t.resourceCountIs('AWS::Lambda::Function', 3);
  });

  test('profile defaults apply below the scope; explicit props win; names follow service-function-stage', () => {
    const app = new App();
    const stack = new Stack(app, 'Dev');
    const topic = new sns.Topic(stack, 'T');
    FunctionProfiles.apply(stack, {
      serviceName: 'payments',
      stageName: 'dev',
      reservedConcurrentExecutions: 2,
      memorySize: 512,
      logRetention: logs.RetentionDays.ONE_WEEK,
      alarmTopic: topic,
    });
    const a = new SecureFunction(stack, 'UpdateCard', base);
    const b = new SecureFunction(stack, 'ReadCard', { ...base, reservedConcurrentExecutions: 7, memorySize: 1024 });
    expect(FunctionProfiles.of(a)?.stageName).toBe('dev');
    expect(FunctionProfiles.of(new Stack(new App(), 'Other'))).toBeUndefined();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'payments-update-card-dev',
      ReservedConcurrentExecutions: 2,
      MemorySize: 512,
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'payments-read-card-dev',
      ReservedConcurrentExecutions: 7,
      MemorySize: 1024,
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    expect(b.reservedConcurrency).toBe(7);
  });

  test('usable as IFunction: grantInvoke, SqsEventSource, LambdaIntegration, destinations', () => {
    const stack = new Stack(new App(), 'S');
    const fn = new SecureFunction(stack, 'Fn', base);
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    fn.grantInvoke(caller);
    const dlq = new sqs.Queue(stack, 'QDlq');
    fn.addEventSource(
      new SqsEventSource(
        new sqs.Queue(stack, 'Q', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } }),
      ),
    );
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.LambdaIntegration(fn), { authorizationType: apigw.AuthorizationType.IAM });
    new SecureFunction(stack, 'Upstream', { ...base, onSuccess: new destinations.LambdaDestination(fn) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction' })]) },
    });
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com' });
  });
});

describe('more bad input', () => {
  const make = (props: Partial<SecureFunctionProps>, scope?: Stack) => () =>
    new SecureFunction(scope ?? new Stack(new App(), 'S'), 'Fn', { ...base, ...props });

  test('environmentEncryption is refused in favour of encryptionKey', () => {
    const stack = new Stack(new App(), 'S');
    const key = new kms.Key(stack, 'K');
    expect(make({ environmentEncryption: key } as Partial<SecureFunctionProps>, stack)).toThrow(
      /environmentEncryption .* Fix: pass the key as encryptionKey/,
    );
  });

  test('deadLetterTopic is refused (failed events go to the encrypted, alarmed queue)', () => {
    const stack = new Stack(new App(), 'S');
    expect(make({ deadLetterTopic: new sns.Topic(stack, 'T') } as Partial<SecureFunctionProps>, stack)).toThrow(/deadLetterTopic/);
  });

  test('a dead-letter queue of yours without a customer-managed key is refused, naming the queue and the fix', () => {
    for (const [encryption, shown] of [
      [sqs.QueueEncryption.UNENCRYPTED, 'unencrypted'],
      [sqs.QueueEncryption.SQS_MANAGED, 'encryption SQS_MANAGED'],
      [sqs.QueueEncryption.KMS_MANAGED, 'encryption KMS_MANAGED'],
    ] as const) {
      const stack = new Stack(new App(), 'S');
      const queue = new sqs.Queue(stack, 'MyDlq', { encryption });
      expect(make({ deadLetterQueue: queue }, stack)).toThrow(
        new RegExp(
          `^S/Fn: deadLetterQueue is "S/MyDlq \\(${shown}[^"]*\\)"; ` +
            'allowed: a queue encrypted with a customer-managed KMS key .* Fix: create it with encryption: QueueEncryption.KMS',
        ),
      );
    }
    const stack = new Stack(new App(), 'S');
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:dlq');
    expect(make({ deadLetterQueue: imported }, stack)).not.toThrow(); // its encryption is not known here: the user's to vouch for
  });

  test('a runtime AWS has deprecated is refused, naming the date and a successor', () => {
    expect(make({ runtime: lambda.Runtime.NODEJS_16_X })).toThrow(
      /^S\/Fn: runtime is "nodejs16.x"; allowed: a runtime AWS still patches \(T8: nodejs16.x was deprecated on 2024-06-12\)\. Fix: use nodejs24.x/,
    );
    expect(make({ runtime: lambda.Runtime.PYTHON_3_8 })).toThrow(/runtime is "python3.8"/);
    // An older runtime AWS still supports is the user's choice (cdk-nag's AwsSolutions-L1 may still call it out).
    const today = BulkheadToday.of(new App()); // pinned by tools/jest-env.js
    const supported = lambda.Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name) && runtimeDeprecation(r.name, today) === undefined);
    expect(supported.length).toBeGreaterThan(0);
    for (const runtime of supported) expect(make({ runtime })).not.toThrow();
  });

  test('tracing DISABLED leaves TracingConfig out (CloudFormation accepts only Active and PassThrough) and grants no X-Ray', () => {
    const stack = new Stack(new App(), 'S');
    make({ tracing: lambda.Tracing.DISABLED }, stack)();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: Match.absent() });
    expect(Object.values(t.findResources('AWS::IAM::Role'))[0].Properties.Policies).toBeUndefined();
  });

  test('logRetention together with logGroup is refused', () => {
    const stack = new Stack(new App(), 'S');
    const logGroup = new logs.LogGroup(stack, 'L');
    expect(make({ logGroup, logRetention: logs.RetentionDays.ONE_DAY }, stack)).toThrow(
      /logRetention is 1; allowed: unset when logGroup is given/,
    );
  });

  test('a secret name that is also a plain variable is refused', () => {
    const stack = new Stack(new App(), 'S');
    const { Secret } = require('aws-cdk-lib/aws-secretsmanager');
    const { SecretReference } = require('../../lib/function');
    const ref = SecretReference.fromSecret(new Secret(stack, 'Sec'));
    expect(make({ environment: { DB_ARN: 'x' }, secrets: { DB_ARN: ref } }, stack)).toThrow(/secrets\.DB_ARN/);
    expect(make({ secrets: { 'bad-name': ref } }, new Stack(new App(), 'S2'))).toThrow(/secrets name is "bad-name"/);
  });

  test('an environment over 4 KB is refused', () => {
    expect(make({ environment: { BIG: 'x'.repeat(4100) } })).toThrow(/environment is "4103 bytes"; allowed: 4096 bytes/);
  });

  test('cost alarm threshold must be a positive number', () => {
    expect(make({ costAlarmThresholdUsdPerHour: 0 })).toThrow(/costAlarmThresholdUsdPerHour is 0; allowed: a finite number of USD > 0/);
    expect(make({ costAlarmThresholdUsdPerHour: NaN })).toThrow(/costAlarmThresholdUsdPerHour is NaN/);
  });

  test('maxEnvironmentAge must be whole minutes', () => {
    expect(make({ maxEnvironmentAge: Duration.seconds(3601) })).toThrow(/maxEnvironmentAge is "3601 seconds"; allowed: whole minutes/);
  });

  test('a profile with bad values is refused naming the profile prop', () => {
    const stack = new Stack(new App(), 'S');
    FunctionProfiles.apply(stack, { memorySize: 50, reservedConcurrentExecutions: 3 });
    expect(make({}, stack)).toThrow(/profile memorySize is 50/);
    const s2 = new Stack(new App(), 'S2');
    FunctionProfiles.apply(s2, { reservedConcurrentExecutions: 0 });
    expect(make({}, s2)).toThrow(/reservedConcurrentExecutions is 0/);
  });

  test('a generated name over 64 characters is refused', () => {
    const stack = new Stack(new App(), 'S');
    FunctionProfiles.apply(stack, { serviceName: 'a-very-long-service-name-for-payments', stageName: 'production' });
    expect(() => new SecureFunction(stack, 'UpdateCardDetailsHandler', base)).toThrow(/functionName is ".*"; allowed: 1-64/);
  });

  test('the recycler role never gets more than Get/UpdateFunctionConfiguration on Lambda', () => {
    const stack = new Stack(new App(), 'S');
    const fn = new SecureFunction(stack, 'Fn', { ...base, maxEnvironmentAge: Duration.hours(1) });
    expect(fn.recycler).toBeDefined();
    const t = Template.fromStack(stack);
    const policies = Object.entries(t.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('BulkheadRecycler'));
    const actions = policies.flatMap(([, p]: any) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
    expect(actions.filter((a: string) => a.startsWith('lambda:')).sort()).toEqual([
      'lambda:GetFunctionConfiguration',
      'lambda:UpdateFunctionConfiguration',
    ]);
    // the recycler does not recycle itself
    const rules = Object.values(t.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(1);
    const rule = rules[0] as any;
    expect(JSON.stringify(rule.Properties.Targets[0].Input)).not.toContain('BulkheadRecycler');
  });
});

describe('your own role', () => {
  test('is refused before anything is created, and a boundary you pass is applied to it', () => {
    const stack = new Stack(new App(), 'S');
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })],
    });
    new SecureFunction(stack, 'A', { ...base, role, permissionsBoundary: boundary });
    const before = stack.node.findAll().length;
    expect(() => new SecureFunction(stack, 'B', { ...base, role })).toThrow(/role/);
    expect(stack.node.findAll().length).toBe(before);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { PermissionsBoundary: { Ref: Match.stringLikeRegexp('Boundary') } });
  });
});

describe('X-Ray writes on a role you pass', () => {
  test('go to a policy of their own, not into your role, and only while tracing is on', () => {
    const stack = new Stack(new App(), 'S', env);
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new SecureFunction(stack, 'A', { ...base, role });
    const untraced = new iam.Role(stack, 'Untraced', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new SecureFunction(stack, 'B', { ...base, role: untraced, tracing: lambda.Tracing.DISABLED });
    const t = Template.fromStack(stack);
    for (const r of Object.values(t.findResources('AWS::IAM::Role'))) expect(r.Properties.Policies).toBeUndefined();
    const xray = Object.values(t.findResources('AWS::IAM::Policy')).filter((p: any) =>
      p.Properties.PolicyDocument.Statement.some((st: any) => st.Sid === 'XRayWriteNoResourceLevelPermissions'),
    );
    expect(xray.map((p: any) => p.Properties.Roles)).toEqual([[{ Ref: expect.stringMatching(/^Mine/) }]]);
  });
});

describe('secrets, cost metric, profile topic', () => {
  test('secrets: only the ARN / parameter name in the environment, read granted on exactly those', () => {
    const stack = new Stack(new App(), 'S', env);
    const { Secret } = require('aws-cdk-lib/aws-secretsmanager');
    const ssm = require('aws-cdk-lib/aws-ssm');
    const { SecretReference } = require('../../lib/function');
    const secret = new Secret(stack, 'Db');
    const other = new Secret(stack, 'Other');
    const param = ssm.StringParameter.fromStringParameterName(stack, 'P', '/payments/api-key');
    new SecureFunction(stack, 'Fn', {
      ...base,
      secrets: { DB_SECRET_ARN: SecretReference.fromSecret(secret), API_KEY_PARAM: SecretReference.fromParameter(param) },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          DB_SECRET_ARN: { Ref: Match.stringLikeRegexp('^Db') },
          API_KEY_PARAM: '/payments/api-key',
        },
      },
    });
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const secretReads = statements.filter((s: any) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads).toHaveLength(1);
    expect(JSON.stringify(secretReads[0].Resource)).toMatch(/"Db/);
    expect(JSON.stringify(statements)).not.toContain(stack.resolve(other.secretArn).Ref);
    const paramReads = statements.filter((s: any) => [s.Action].flat().includes('ssm:GetParameter'));
    expect(JSON.stringify(paramReads)).toContain('parameter/payments/api-key');
  });

  test('metricEstimatedCostUsd follows the price table and architecture', () => {
    const { LambdaPriceTable } = require('../../lib/core/pricing');
    const stack = new Stack(new App(), 'S');
    const table = new LambdaPriceTable({ x86PerGbSecond: 0.00002, perMillionRequests: 0.4 });
    const fn = new SecureFunction(stack, 'Fn', { ...base, architecture: lambda.Architecture.X86_64, memorySize: 2048, priceTable: table });
    const expr = (fn.metricEstimatedCostUsd() as any).expression as string;
    // 2 GB x 0.00002 USD per GB-second / 1000 per ms; 0.4 USD per million requests
    expect(expr).toBe('FILL(inv, 0) * 0.0000004 + FILL(dur, 0) * 0.00000004');
    expect(fn.metricEstimatedCostUsd({ period: Duration.minutes(5) }).toMetricConfig().mathExpression!.period).toBe(300);
  });

  test('alarms go to the profile topic unless the prop names another', () => {
    const stack = new Stack(new App(), 'S');
    const profileTopic = new sns.Topic(stack, 'ProfileTopic');
    const ownTopic = new sns.Topic(stack, 'OwnTopic');
    FunctionProfiles.apply(stack, { alarmTopic: profileTopic });
    new SecureFunction(stack, 'A', base);
    new SecureFunction(stack, 'B', { ...base, alarmTopic: ownTopic });
    const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
    const actionsOf = (prefix: string) =>
      Object.entries(alarms)
        .filter(([id]) => id.startsWith(prefix))
        .map(([, a]: any) => JSON.stringify(a.Properties.AlarmActions));
    expect(actionsOf('A')).toHaveLength(4);
    expect(actionsOf('A').every((x) => x.includes('ProfileTopic'))).toBe(true);
    expect(actionsOf('B').every((x) => x.includes('OwnTopic'))).toBe(true);
  });
});
