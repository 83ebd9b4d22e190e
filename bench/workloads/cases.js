'use strict';
// The four apps the synth benchmark compares. Every case builds the same shape: three stages (dev, staging, prod),
// N functions per stage, split over stacks of at most `perStack` functions, each function invoked by the account
// root (a trigger, as real functions have, and what keeps Bulkhead's UninvokedFunction warning quiet).
const cdk = require('aws-cdk-lib');
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

/** What a careful engineer writes by hand to get most of what SecureFunction gives. */
function hardenedFunction(scope, id) {
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
  b: { title: TITLES.b, stages: plainStages, fn: hardenedFunction, packs: addNagPacks },
  c: { title: TITLES.c, stages: isolatedStages, fn: secureFunction, packs: () => {}, bulkhead: true },
  d: { title: TITLES.d, stages: isolatedStages, fn: secureFunction, packs: addNagPacks, bulkhead: true },
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

module.exports = { CASES, STAGES, CONTEXT, buildApp, plainFunction, hardenedFunction, secureFunction };
