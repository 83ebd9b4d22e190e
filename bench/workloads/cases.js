'use strict';
// The four apps the synth benchmark compares. Every case builds the same shape: three stages (dev, staging, prod),
// N functions per stage, split over stacks of at most `perStack` functions, each function invoked by the account
// root (a trigger, as real functions have, and what keeps Bulkhead's UninvokedFunction warning quiet).
const cdk = require('aws-cdk-lib');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const lambda = require('aws-cdk-lib/aws-lambda');
const logs = require('aws-cdk-lib/aws-logs');
const sqs = require('aws-cdk-lib/aws-sqs');
const nag = require('cdk-nag');
const { requireLib } = require('../lib/project');
const TITLES = require('./case-titles');

const STAGES = [
  { name: 'dev', account: '111111111111', region: 'eu-west-1' },
  { name: 'staging', account: '222222222222', region: 'eu-west-1' },
  { name: 'prod', account: '333333333333', region: 'eu-west-1' },
];

// Inline code: no asset staging, so every case pays the same (nothing) for code.
const CODE = 'exports.handler = async () => ({ ok: true });';

/**
 * Synth must not throw on findings (the bench measures cost, not compliance): plugin reports are written to the
 * assembly instead of failing synth. Bulkhead's own stage validation (IsolatedStages) fails on error findings
 * regardless of this context, so the SecureFunction cases must have none, and do not (a trigger is added).
 */
const CONTEXT = { '@aws-cdk/core:failSynthOnValidationErrors': false };

function plainFunction(scope, id) {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(CODE),
  });
}

/**
 * (b): what a careful engineer writes by hand to get what SecureFunction gives, resource for resource, so that
 * (c)/(b) measures the library's own cost and not that of the alarms and grants it adds: own role with the X-Ray
 * writes inline, own key (rotation, CloudWatch Logs of this account only), encrypted TLS-only DLQ as dead-letter
 * queue and on-failure destination, KMS log group with retention, bounded retries and event age, reserved
 * concurrency, the four alarms, and the acknowledgements both cdk-nag packs need to report nothing.
 */
function hardenedFunction(scope, id) {
  const stack = cdk.Stack.of(scope);
  const key = new kms.Key(scope, `${id}Key`, {
    enableKeyRotation: true,
    pendingWindow: cdk.Duration.days(30),
    removalPolicy: cdk.RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
      },
    }),
  );
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: {
      XRayWrite: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
            resources: ['*'],
          }),
        ],
      }),
    },
  });
  cdk.Validations.of(role.node.defaultChild).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray writes only' });
  cdk.Validations.of(role.node.defaultChild).acknowledge({ id: 'Serverless-LambdaStarPermissions', reason: 'X-Ray writes only' });
  const dlq = new sqs.Queue(scope, `${id}Dlq`, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: cdk.Duration.days(14),
  });
  cdk.Validations.of(dlq).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason: 'the last stop for failed events' });
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: key });
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromInline(CODE),
    role,
    environment: { STAGE: cdk.Stage.of(scope)?.stageName ?? 'none' },
    environmentEncryption: key,
    deadLetterQueue: dlq,
    onFailure: { bind: () => ({ destination: dlq.queueArn }) }, // the DLQ grant already allows sqs:SendMessage
    reservedConcurrentExecutions: 10,
    logGroup,
    memorySize: 256,
    timeout: cdk.Duration.seconds(10),
    retryAttempts: 2,
    maxEventAge: cdk.Duration.hours(1),
  });
  fn.node.defaultChild.tracingConfig = { mode: 'Active' };
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
  );
  const five = cdk.Duration.minutes(5);
  const alarm = (name, metric, threshold = 1) =>
    new cloudwatch.Alarm(fn, name, {
      metric,
      threshold,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  alarm('Errors', fn.metricErrors({ period: five }));
  alarm('Throttles', fn.metricThrottles({ period: five }));
  alarm('DeadLetters', dlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: five }));
  const hour = cdk.Duration.hours(1);
  alarm(
    'Cost',
    new cloudwatch.MathExpression({
      expression: 'FILL(inv, 0) * 0.0000002 + FILL(dur, 0) * 0.00000000333335',
      usingMetrics: { inv: fn.metricInvocations({ period: hour }), dur: fn.metricDuration({ statistic: 'Sum', period: hour }) },
      period: hour,
    }),
    0.06,
  );
  return fn;
}

/** (b0): the lighter hand-hardening earlier bench runs used as (b): no alarms or acknowledgements (cdk-nag reports 5 findings per function). */
function lightlyHardenedFunction(scope, id) {
  const key = new kms.Key(scope, `${id}Key`, { enableKeyRotation: true });
  key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${cdk.Stack.of(scope).region}.amazonaws.com`));
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const dlq = new sqs.Queue(scope, `${id}Dlq`, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: cdk.Duration.days(14),
  });
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: key });
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(CODE),
    role,
    environment: { STAGE: cdk.Stage.of(scope)?.stageName ?? 'none' },
    environmentEncryption: key,
    deadLetterQueue: dlq,
    reservedConcurrentExecutions: 10,
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    memorySize: 256,
    timeout: cdk.Duration.seconds(30),
    retryAttempts: 0,
  });
}

function secureFunction(scope, id) {
  const { SecureFunction } = requireLib();
  return new SecureFunction(scope, id, {
    handler: 'index.handler',
    code: lambda.Code.fromInline(CODE),
    environment: { STAGE: cdk.Stage.of(scope)?.stageName ?? 'none' },
  });
}

function addNagPacks(app) {
  cdk.Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app), new nag.ServerlessChecks(app));
}

function addBulkheadPack(app) {
  const { BulkheadChecks } = requireLib();
  cdk.Validations.of(app).addPlugins(new BulkheadChecks(app));
}

function plainStages(app) {
  return STAGES.map((s) => new cdk.Stage(app, `bench-${s.name}`, { env: { account: s.account, region: s.region } }));
}

/** IsolatedStages registers the Bulkhead pack for its stages: the way the library is meant to be used. */
function isolatedStages(app) {
  const { IsolatedStages } = requireLib();
  return new IsolatedStages(app, { service: 'bench', stages: STAGES }).stages;
}

const CASES = {
  a: { title: TITLES.a, stages: plainStages, fn: plainFunction, packs: () => {} },
  b: { title: TITLES.b, stages: plainStages, fn: hardenedFunction, packs: addNagPacks, cdkNag: true },
  b0: { title: TITLES.b0, stages: plainStages, fn: lightlyHardenedFunction, packs: addNagPacks, cdkNag: true },
  c: { title: TITLES.c, stages: isolatedStages, fn: secureFunction, packs: () => {}, bulkhead: true },
  d: { title: TITLES.d, stages: isolatedStages, fn: secureFunction, packs: addNagPacks, bulkhead: true, cdkNag: true },
  // The pack registered once on the App, as a user without IsolatedStages would, to compare with the per-stage pack.
  e: { title: TITLES.e, stages: plainStages, fn: secureFunction, packs: addBulkheadPack, bulkhead: true },
};

/** Builds case `name` with `n` functions per stage, at most `perStack` functions per stack. */
function buildApp(name, n, perStack, outdir) {
  const c = CASES[name];
  if (!c) throw new Error(`unknown case '${name}', cases: ${Object.keys(CASES).join(', ')}`);
  const app = new cdk.App({ outdir, context: CONTEXT });
  for (const stage of c.stages(app)) {
    let stack;
    for (let i = 0; i < n; i++) {
      if (i % perStack === 0) stack = new cdk.Stack(stage, `Functions${Math.floor(i / perStack)}`);
      c.fn(stack, `Fn${i}`).grantInvoke(new iam.AccountRootPrincipal());
    }
  }
  c.packs(app);
  return app;
}

module.exports = { CASES, STAGES, CONTEXT, buildApp, plainFunction, hardenedFunction, lightlyHardenedFunction, secureFunction };
