import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { BreakerMode, CostBreaker } from '../../lib/breaker';
import { BulkheadChecks } from '../../lib/checks';
import { SecureFunction } from '../../lib/function';

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const ENV = { account: '111111111111', region: 'eu-west-1' };

/** A plain lambda.Function hardened by hand to pass both cdk-nag packs (the benchmark's case (b): 10 x 256 MB). */
const { hardenedFunction } = require('../../bench/workloads/cases') as { hardenedFunction: (s: Stack, id: string) => lambda.Function };

describe('a stack with a breaker protecting a SecureFunction, a critical one and a plain function', () => {
  const app = new App();
  const stack = new Stack(app, 'Payments', { env: ENV });
  const topicKey = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Alarms', { masterKey: topicKey, enforceSSL: true });
  const cards = new SecureFunction(stack, 'UpdateCard', {
    code: CODE,
    handler: 'index.handler',
    reservedConcurrentExecutions: 20,
    alarmTopic: topic,
  });
  const checkout = new SecureFunction(stack, 'Checkout', { code: CODE, handler: 'index.handler', alarmTopic: topic });
  const breaker = new CostBreaker(stack, 'Breaker', { alarmTopic: topic, stageName: 'dev' });
  breaker.protect(cards);
  breaker.protect(checkout, { mode: BreakerMode.NOTIFY });
  const plain = hardenedFunction(stack, 'Plain');
  breaker.protect(plain, { maxInvocationsPerMinute: 600 });
  for (const fn of [cards, checkout, plain]) fn.grantInvoke(new iam.AccountRootPrincipal());
  const template = Template.fromStack(stack);
  const resolve = (x: unknown) => stack.resolve(x);
  const breakerFn = resolve((breaker.breakerFunction.node.defaultChild as lambda.CfnFunction).logicalId);
  const idOf = (fn: lambda.Function) => resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId);

  test('every protected function has a trip alarm whose action invokes the breaker', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { AlarmActions: [{ 'Fn::GetAtt': [breakerFn, 'Arn'] }] },
    });
    const watched = Object.values(alarms).map((a: any) => JSON.stringify(a.Properties.Metrics ?? a.Properties.Dimensions));
    for (const fn of [cards, checkout, plain]) {
      expect(watched.filter((w) => w.includes(`"Ref":"${idOf(fn)}"`)).length).toBeGreaterThanOrEqual(1);
    }
    // Cost for all three, plus the plain function's invocation rate.
    expect(Object.keys(alarms)).toHaveLength(4);
    for (const alarm of Object.values(alarms) as any[]) {
      expect(alarm.Properties).toMatchObject({
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
    // CloudWatch may invoke the breaker only from these alarms of this account.
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Permission',
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [breakerFn, 'Arn'] },
        Principal: 'lambda.alarms.cloudwatch.amazonaws.com',
        SourceAccount: '111111111111',
        SourceArn: Match.anyValue(),
      },
      4,
    );
  });

  test("thresholds: the SecureFunction's own cost threshold, half the plain function's worst case, the rate per period", () => {
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: { AlarmActions: [{ 'Fn::GetAtt': [breakerFn, 'Arn'] }] },
      }),
    ) as any[];
    const byDescription = (text: string) => alarms.find((a) => a.Properties.AlarmDescription.startsWith(text))!.Properties;
    // SecureFunction: its cost alarm's 0.5 × 20 × 0.25 GB × 3600 s × 0.0000133334 USD = 0.12 USD per hour; per 5 minutes 0.01.
    expect(byDescription('Payments/UpdateCard: estimated cost above 0.12 USD per hour').Threshold).toBeCloseTo(0.01, 6);
    // Plain: 0.5 × 10 × 0.25 GB × 3600 × 0.0000133334 = 0.06 USD per hour; per 5 minutes 0.005.
    expect(byDescription('Payments/Plain: estimated cost above 0.06 USD per hour').Threshold).toBeCloseTo(0.005, 6);
    expect(byDescription('Payments/Plain: more than 600 invocations per minute').Threshold).toBe(3000);
    expect(byDescription('Payments/Checkout:').AlarmDescription).toContain('NOTIFY: never throttled');
  });

  test('the breaker may change the concurrency of the THROTTLE functions only, never the critical one, never *', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const put = statements.filter((s: any) => [s.Action].flat().includes('lambda:PutFunctionConcurrency'));
    expect(put.map((s: any) => s.Resource)).toEqual([{ 'Fn::GetAtt': [idOf(cards), 'Arn'] }, { 'Fn::GetAtt': [idOf(plain), 'Arn'] }]);
    const provisioned = statements.filter((s: any) => [s.Action].flat().includes('lambda:DeleteProvisionedConcurrencyConfig'));
    expect(provisioned.map((s: any) => JSON.stringify(s.Resource))).toEqual(
      [idOf(cards), idOf(plain)].map((id) => JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, ':*']] })),
    );
    const tag = statements.filter((s: any) => [s.Action].flat().includes('lambda:TagResource'));
    expect(tag).toHaveLength(2);
    for (const s of tag)
      expect(s).toMatchObject({
        Action: 'lambda:TagResource',
        Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['bulkhead:breaker:*'] } },
      });
    const lambdaStatements = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('lambda:')));
    expect(JSON.stringify(lambdaStatements)).not.toContain(idOf(checkout));
    expect(lambdaStatements.every((s: any) => s.Resource !== '*')).toBe(true);
  });

  test('the breaker function is hardened: concurrency 1, its own role and DLQ, alarms to the topic, the lists in its environment', () => {
    const fn = template.toJSON().Resources[breakerFn].Properties;
    expect(fn.ReservedConcurrentExecutions).toBe(1);
    expect(fn.DeadLetterConfig).toBeDefined();
    expect(fn.Environment.Variables.BULKHEAD_BREAKER_THROTTLE).toEqual({ 'Fn::Join': [',', [{ Ref: idOf(cards) }, { Ref: idOf(plain) }]] });
    expect(fn.Environment.Variables.BULKHEAD_BREAKER_NOTIFY).toEqual({ Ref: idOf(checkout) });
    expect(fn.Environment.Variables.BULKHEAD_BREAKER_STAGE).toBe('dev');
    expect(fn.Environment.Variables.BULKHEAD_BREAKER_TOPIC_ARN).toEqual({
      Ref: resolve((topic.node.defaultChild as sns.CfnTopic).logicalId),
    });
    expect(breaker.breakerFunction.deadLetterAlarm).toBeDefined();
    expect(CostBreaker.isBreakerFunction(breaker.breakerFunction)).toBe(true);
    expect(breaker.protectedFunctions).toEqual([cards, checkout, plain]);
  });

  test('zero findings from the AwsSolutions, Serverless and Bulkhead packs, with no acknowledgement of the user', () => {
    const nag = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) => pack.validateScope(stack).violations);
    expect(JSON.stringify(nag.map((v) => `${v.ruleName} ${JSON.stringify(v.violatingResources.map((r) => r.resourceLogicalId))}`))).toBe(
      '[]',
    );
    expect(new BulkheadChecks().findingsFor(stack).map((f) => `${f.ruleId} ${f.logicalId}`)).toEqual([]);
  });
});

describe('what protect() and the props refuse, naming the prop, the value, the limit and the fix', () => {
  const newStack = (id = 'S') => new Stack(new App(), id, { env: ENV });

  test('an imported function', () => {
    const stack = newStack();
    const breaker = new CostBreaker(stack, 'Breaker');
    const imported = lambda.Function.fromFunctionName(stack, 'Imported', 'someone-elses');
    expect(() => breaker.protect(imported)).toThrow(
      /S\/Breaker: protect\(fn\) is "S\/Imported"; allowed: a lambda.Function defined in this app.*Fix: protect the function itself/,
    );
  });

  test('a function of another stack', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: ENV });
    const b = new Stack(app, 'B', { env: ENV });
    const fn = new SecureFunction(b, 'Fn', { code: CODE, handler: 'index.handler' });
    expect(() => new CostBreaker(a, 'Breaker').protect(fn)).toThrow(
      /protect\(fn\) is "B\/Fn"; allowed: a function in the breaker's stack A.*Fix: create a CostBreaker in stack B/,
    );
  });

  test("the breaker's own function, and a function protected twice", () => {
    const stack = newStack();
    const breaker = new CostBreaker(stack, 'Breaker');
    expect(() => breaker.protect(breaker.breakerFunction)).toThrow(/a function other than a breaker's own/);
    const fn = new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler' });
    breaker.protect(fn);
    expect(() => new CostBreaker(stack, 'Second').protect(fn)).toThrow(/it is protected by S\/Breaker.*Fix: protect each function once/);
  });

  test.each([
    [{ period: Duration.seconds(90) }, /period is "90 seconds"; allowed: whole minutes/],
    [{ period: Duration.seconds(30) }, /period is "30 seconds"/],
    [{ evaluationPeriods: 0 }, /evaluationPeriods is 0; allowed: a whole number from 1 to 288/],
    [
      { period: Duration.hours(1), evaluationPeriods: 25 },
      /evaluationPeriods is 25; allowed: a whole number from 1 to 24 \(period × evaluationPeriods at most one day/,
    ],
  ])('props %j', (props, message) => {
    expect(() => new CostBreaker(newStack(), 'Breaker', props)).toThrow(message);
  });

  test.each([
    [{ costThresholdUsdPerHour: 0 }, /costThresholdUsdPerHour is 0; allowed: a finite number of USD per hour above 0/],
    [{ costThresholdUsdPerHour: Infinity }, /costThresholdUsdPerHour is Infinity/],
    [{ maxInvocationsPerMinute: 0.5 }, /maxInvocationsPerMinute is 0.5; allowed: a whole number of invocations per minute, at least 1/],
    [{ mode: 'OFF' as BreakerMode }, /mode is "OFF"; allowed: BreakerMode.THROTTLE or BreakerMode.NOTIFY/],
  ])('options %j', (options, message) => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler' });
    expect(() => new CostBreaker(stack, 'Breaker').protect(fn, options)).toThrow(message);
    expect(CostBreaker.isProtected(fn)).toBe(false);
  });

  test('resources: a breaker adds 13 to its stack, each protected function 2 (a trip alarm and the invoke permission)', () => {
    const count = (protect: number) => {
      const stack = newStack();
      const fns = Array.from({ length: protect }, (_, i) => new SecureFunction(stack, `Fn${i}`, { code: CODE, handler: 'index.handler' }));
      const breaker = new CostBreaker(stack, 'Breaker');
      fns.forEach((fn) => breaker.protect(fn));
      return Object.keys(Template.fromStack(stack).toJSON().Resources).length - 12 * protect;
    };
    expect(count(1)).toBe(13 + 2);
    expect(count(3)).toBe(13 + 2 * 3);
  });

  test('trip timing follows the props: 2 periods of 1 minute', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler' });
    const breaker = new CostBreaker(stack, 'Breaker', { period: Duration.minutes(1), evaluationPeriods: 2 });
    breaker.protect(fn, { costThresholdUsdPerHour: 1.2 });
    const alarm = Object.values(
      Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', {
        Properties: { AlarmDescription: Match.stringLikeRegexp('^S/Fn: estimated cost above 1.2 USD per hour for 2 x 1 min') },
      }),
    )[0] as any;
    expect(alarm.Properties).toMatchObject({ EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 0.02 });
    expect(JSON.stringify(alarm.Properties.Metrics)).toContain('"Period":60');
  });
});
