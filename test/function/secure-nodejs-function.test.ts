import * as fs from 'fs';
import * as path from 'path';
import { App, AssetStaging, CfnResource, InjectionContext, PropertyInjectors, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { SecureFunction, SecureNodejsFunction, SecureNodejsFunctionProps } from '../../lib/function';
import { allFindings, ENV, partsOf } from '../blueprint/support';

const ENTRY = path.join(__dirname, '..', 'fixtures', 'handlers', 'update-card.ts');

function newStack(app = new App()): Stack {
  return new Stack(app, 'Team', { env: ENV });
}

describe('SecureNodejsFunction', () => {
  // One stack, bundled once by esbuild: the README's one line, and a SecureFunction beside it for comparison.
  const stack = newStack();
  const fn = new SecureNodejsFunction(new Construct(stack, 'N'), 'UpdateCard', { entry: ENTRY });
  const secure = new SecureFunction(new Construct(stack, 'S'), 'UpdateCard', {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
  });
  for (const f of [fn, secure]) f.grantInvoke(new iam.AccountRootPrincipal());

  test('entry alone gives zero findings from AwsSolutions, Serverless and Bulkhead', () => {
    expect(allFindings(fn.node.scope!)).toEqual([]);
  });

  test("it has SecureFunction's parts and defaults", () => {
    expect(partsOf(stack.node.findChild('N'), stack)).toEqual(partsOf(stack.node.findChild('S'), stack));
    expect([fn.reservedConcurrency, fn.maxRetryAttempts, fn.memoryMb, fn.runtime.name, fn.architecture.name]).toEqual([
      secure.reservedConcurrency,
      secure.maxRetryAttempts,
      secure.memoryMb,
      secure.runtime.name,
      secure.architecture.name,
    ]);
    expect(fn.alarms).toHaveLength(4);
  });

  test('the TypeScript handler is bundled by esbuild, locally', () => {
    const staging = fn.node.findChild('Code').node.findChild('Stage') as AssetStaging;
    const bundle = fs.readFileSync(path.join(staging.absoluteStagedPath, 'index.js'), 'utf8');
    expect(bundle).toContain('limitUsd');
    expect(bundle).not.toContain('interface UpdateCardEvent');
  });

  test.each<[string, Partial<SecureNodejsFunctionProps>, string]>([
    ['retryAttempts', { retryAttempts: 5 }, 'retryAttempts is 5; allowed: an integer 0-2'],
    ['environmentEncryption', { environmentEncryption: new kms.Key(newStack(), 'K') }, 'environmentEncryption is "a key"; allowed: unset'],
    ['runtime', { runtime: lambda.Runtime.NODEJS_16_X }, 'runtime is "nodejs16.x"; allowed: a runtime AWS still patches'],
    ['environment', { environment: { AWS_KEY: 'AKIAIOSFODNN7EXAMPLE' } }, 'environment'],
    ['entry', { entry: undefined }, 'entry is undefined; allowed: the path of the handler file'],
  ])('an unsafe %s is refused, naming the prop', (_name, props, message) => {
    expect(() => new SecureNodejsFunction(newStack(), 'Fn', { entry: ENTRY, ...props })).toThrow(message);
  });

  test('a PropertyInjector for SecureNodejsFunction is validated like the props', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: SecureNodejsFunction.PROPERTY_INJECTION_ID,
      inject: (props: SecureNodejsFunctionProps, _c: InjectionContext) => ({ ...props, reservedConcurrentExecutions: 0 }),
    });
    expect(() => new SecureNodejsFunction(newStack(app), 'Fn', { entry: ENTRY })).toThrow('Team/Fn: reservedConcurrentExecutions is 0');
  });

  test('a PropertyInjector for lambda.Function cannot weaken it after the checks', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: lambda.Function.PROPERTY_INJECTION_ID,
      inject: (props: lambda.FunctionProps, _c: InjectionContext) => ({
        ...props,
        runtime: lambda.Runtime.NODEJS_16_X,
        reservedConcurrentExecutions: undefined,
        environmentEncryption: undefined,
      }),
    });
    expect(() => new SecureNodejsFunction(newStack(app), 'Fn', { entry: ENTRY })).toThrow(
      'Team/Fn: runtime (injected for lambda.Function) is "nodejs16.x"; allowed: a runtime AWS still patches',
    );
  });

  test('what such an injector takes away, the engine puts back', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: lambda.Function.PROPERTY_INJECTION_ID,
      inject: (props: lambda.FunctionProps, _c: InjectionContext) => ({
        ...props,
        reservedConcurrentExecutions: undefined,
        memorySize: 128,
      }),
    });
    const weakened = new SecureNodejsFunction(newStack(app), 'Fn', { entry: ENTRY });
    const cfn = weakened.node.defaultChild as lambda.CfnFunction;
    expect([cfn.reservedConcurrentExecutions, cfn.memorySize, cfn.kmsKeyArn === undefined]).toEqual([10, 256, false]);
  });
});

describe('inherited methods go through the same checks as SecureFunction', () => {
  function handler(): { stack: Stack; fn: SecureNodejsFunction } {
    const app = new App();
    const stack = new Stack(app, 'Checks', { env: ENV });
    const fn = new SecureNodejsFunction(stack, 'Fn', { entry: ENTRY });
    return { stack, fn };
  }

  test('addFunctionUrl with authType NONE is refused, naming the prop; AWS_IAM is accepted', () => {
    const { fn } = handler();
    expect(() => fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(/authType.*NONE.*AWS_IAM/s);
    expect(() => fn.addFunctionUrl()).not.toThrow();
  });

  test('addEventSource of a queue without a dead-letter queue is refused; one with a redrive policy is bound', () => {
    const { stack, fn } = handler();
    const bare = new sqs.Queue(stack, 'Bare', { visibilityTimeout: Duration.minutes(5) });
    expect(() => fn.addEventSource(new SqsEventSource(bare))).toThrow(/dead-letter/i);
    const dlq = new sqs.Queue(stack, 'Dlq');
    const good = new sqs.Queue(stack, 'Good', {
      visibilityTimeout: Duration.minutes(5),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    fn.addEventSource(new SqsEventSource(good));
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });
});

describe("SecureFunction's helpers on SecureNodejsFunction, the same code behind both", () => {
  // One stack: each helper is called on a SecureNodejsFunction and a SecureFunction with the same options.
  const stack = new Stack(new App(), 'Parity', { env: ENV });
  const node = new SecureNodejsFunction(new Construct(stack, 'N'), 'Fn', { entry: ENTRY });
  const secure = new SecureFunction(new Construct(stack, 'S'), 'Fn', {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
  });
  const dlq = new sqs.Queue(stack, 'SourceDlq', { enforceSSL: true });
  const queue = new sqs.Queue(stack, 'Source', {
    visibilityTimeout: Duration.minutes(10),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
  });
  const stream = new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.MANAGED });
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  for (const f of [node, secure]) {
    f.addSqsSource(queue, { batchSize: 5 });
    f.addKinesisSource(stream, { retryAttempts: 3 });
    f.addDynamoStreamSource(table);
    f.addSecureFunctionUrl();
  }
  const template = Template.fromStack(stack);

  /** The resources of `type` under one of the two functions, with the logical ids of its parts made alike. */
  function madeUnder(prefix: 'N' | 'S', type: string): unknown[] {
    return stack.node
      .findAll()
      .filter(
        (c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === type && c.node.path.startsWith(`Parity/${prefix}/`),
      )
      .map((c) => template.toJSON().Resources[stack.getLogicalId(c)])
      .map((r) => JSON.parse(JSON.stringify(r).replace(/"[NS]Fn[A-Za-z0-9]*"/g, '"<part>"')));
  }

  test.each(['AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Url', 'AWS::IAM::Policy'])('%s: the same on both', (type) => {
    const made = madeUnder('N', type);
    expect(made.length).toBeGreaterThan(0);
    expect(made).toEqual(madeUnder('S', type));
  });

  test('the mappings are bounded: partial batch failures, retries, record age, bisect, on-failure to the DLQ', () => {
    const mappings = madeUnder('N', 'AWS::Lambda::EventSourceMapping') as { Properties: Record<string, unknown> }[];
    const byKind = mappings.map((m) => m.Properties);
    expect(byKind.find((p) => p.FunctionResponseTypes)).toMatchObject({ BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const streams = byKind.filter((p) => p.StartingPosition !== undefined);
    expect(streams.map((p) => [p.MaximumRetryAttempts, p.MaximumRecordAgeInSeconds, p.BisectBatchOnFunctionError])).toEqual([
      [3, 3600, true],
      [2, 3600, true],
    ]);
    for (const p of streams) expect(p.DestinationConfig).toBeDefined();
  });

  test('a public URL needs the explicit opt-in; an unbounded stream option and a table without stream are refused', () => {
    expect(() => node.addSecureFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(
      'Parity/N/Fn: authType is "NONE"; allowed: AWS_IAM, or NONE together with allowPublicAccess: true',
    );
    expect(() => node.addKinesisSource(stream, { retryAttempts: 11 })).toThrow('retryAttempts is 11; allowed: an integer 0-10');
    const plain = new dynamodb.Table(stack, 'NoStream', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    expect(() => node.addDynamoStreamSource(plain)).toThrow('table is "Parity/NoStream"; allowed: a table with a stream');
  });

  test('the individual alarms are the four alarms, and the cost metric prices its memory and architecture', () => {
    expect([node.errorsAlarm, node.throttlesAlarm, node.deadLetterAlarm, node.costAlarm]).toEqual(node.alarms);
    expect(node.alarms.map((a) => a.node.path)).toEqual(secure.alarms.map((a) => a.node.path.replace('/S/', '/N/')));
    const metric = (m: cloudwatch.IMetric) => stack.resolve((m as cloudwatch.MathExpression).expression);
    expect(metric(node.metricEstimatedCostUsd())).toEqual(metric(secure.metricEstimatedCostUsd()));
    expect(node.metricEstimatedCostUsd({ period: Duration.minutes(5) }).toMetricConfig().mathExpression?.period).toBe(300);
  });
});

describe('SecureNodejsFunction announces and vouches as SecureFunction does', () => {
  const stack = new Stack(new App(), 'Announce', { env: ENV });
  const fn = new SecureNodejsFunction(stack, 'Fn', {
    entry: ENTRY,
    tracing: lambda.Tracing.DISABLED,
    environment: { API_TOKEN_HEADER: 'x-api-token' },
    environmentNotSecret: { API_TOKEN_HEADER: 'a header name, not a token' },
  });

  test('tracing DISABLED is a warning on the function', () => {
    const warnings = Annotations.fromStack(stack).findWarning('/Announce/Fn', Match.stringLikeRegexp('tracing is DISABLED'));
    expect(warnings).toHaveLength(1);
  });

  test('a vouched variable is kept, its reason in environmentNotSecret; an unvouched one added later is still judged', () => {
    expect(fn.environmentNotSecret).toEqual({ API_TOKEN_HEADER: 'a header name, not a token' });
    expect(() => fn.addEnvironment('DB_PASSWORD', 'hunter2hunter2')).toThrow('DB_PASSWORD');
  });
});
