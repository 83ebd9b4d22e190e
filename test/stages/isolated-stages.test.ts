import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BulkheadChecks } from '../../lib/checks';
import { SecureFunction } from '../../lib/function';
import { FunctionProfiles } from '../../lib/function/profile';
import { BulkheadStage, IsolatedStages, StageSpec } from '../../lib/stages';

const SPECS: StageSpec[] = [
  { name: 'dev', account: '111111111111', region: 'eu-west-1' },
  { name: 'staging', account: '222222222222', region: 'eu-west-1', alarmEmails: ['ops@example.com'] },
  { name: 'prod', account: '333333333333', region: 'eu-central-1', reservedConcurrentExecutions: 20, memorySize: 512 },
];

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-stages-'));
}

/** A function that passes the Bulkhead pack: a SecureFunction with a declared trigger (T8). */
function cleanService(stage: cdk.Stage): cdk.Stack {
  const stack = new cdk.Stack(stage, 'Service');
  const fn = new SecureFunction(stack, 'Charge', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
  });
  fn.grantInvoke(new iam.AccountPrincipal(stack.account));
  return stack;
}

/** A plain Function: no reserved concurrency, no DLQ, no key — the pack must report it. */
function insecureFunction(stack: cdk.Stack): lambda.Function {
  return new lambda.Function(stack, 'Legacy', {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
  });
}

/** The rule ids of the findings (`<rule> (<threat>) at <path>: ...`) reported for `resource`, one per report. */
function findingRules(report: string, resource: string): string[] {
  return [...report.matchAll(/(Bulkhead-[\w-]+(?:\[[^\]]*\])?) \((T\d+[^)]*)\) at (\S+):/g)]
    .filter((m) => m[3].startsWith(resource))
    .map((m) => m[1]);
}

function synthError(app: cdk.App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded, expected a validation failure');
}

describe('a clean three-stage app', () => {
  let app: cdk.App;
  let stages: IsolatedStages;
  let assembly: cdk.cx_api.CloudAssembly;
  const templates: { [stage: string]: Template } = {};

  beforeAll(() => {
    app = new cdk.App({ outdir: tmp() });
    stages = new IsolatedStages(app, { service: 'payments', stages: SPECS });
    for (const stage of stages.stages) templates[stage.shortName] = Template.fromStack(cleanService(stage));
    assembly = app.synth();
  });

  test('one BulkheadStage per spec, directly under the App, ids <service>-<stage>, pinned to its account and region', () => {
    expect(stages.stages.map((s) => s.node.path)).toEqual(['payments-dev', 'payments-staging', 'payments-prod']);
    expect(stages.stages.every((s) => s instanceof BulkheadStage && s.node.scope === app)).toBe(true);
    expect(stages.stage('prod').account).toBe('333333333333');
    expect(stages.stage('prod').region).toBe('eu-central-1');
    expect(() => stages.stage('qa')).toThrow(/name is "qa"; allowed: one of dev, staging, prod/);
    expect(assembly.nestedAssemblies.map((n) => n.id).sort()).toEqual([
      'assembly-payments-dev',
      'assembly-payments-prod',
      'assembly-payments-staging',
    ]);
    const prodStacks = assembly.getNestedAssembly('assembly-payments-prod').stacks;
    expect(prodStacks.map((s) => s.environment.account)).toEqual(['333333333333']);
  });

  test('every stage shares one pack and one plugin, so CDK runs it once and each finding is reported once', () => {
    const packs = new Set(stages.stages.map((s) => s.rulePack));
    expect(packs.size).toBe(1);
    expect([...packs][0]).toBeInstanceOf(BulkheadChecks);
    const plugins = stages.stages.map((s) => (s as any)._validationPlugins as cdk.IPolicyValidationPlugin[]);
    expect(plugins.every((p) => p.length === 1 && p[0] === plugins[0][0])).toBe(true);
    expect(plugins[0][0].name).toBe([...packs][0].name);
  });

  test("profiles: the spec's ceiling or the SecureFunction default (10), never one chosen by the stage's name; names service-function-stage", () => {
    templates.dev.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'payments-charge-dev', ReservedConcurrentExecutions: 10 });
    templates.staging.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'payments-charge-staging',
      ReservedConcurrentExecutions: 10,
    });
    templates.prod.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'payments-charge-prod',
      ReservedConcurrentExecutions: 20,
      MemorySize: 512,
    });
    expect(FunctionProfiles.of(stages.stage('dev'))).toEqual({ serviceName: 'payments', stageName: 'dev' });
    expect(FunctionProfiles.of(stages.stage('prod'))).toMatchObject({ reservedConcurrentExecutions: 20, memorySize: 512 });
  });

  test("alarmEmails: an encrypted, TLS-only topic in <service>-<stage>-alarms, used by the stage's function alarms", () => {
    const staging = stages.stage('staging');
    expect(staging.alarmTopic).toBeDefined();
    expect(stages.stage('dev').alarmTopic).toBeUndefined();
    const alarms = Template.fromStack(staging.node.findChild('Alarms') as cdk.Stack);
    expect((staging.node.findChild('Alarms') as cdk.Stack).stackName).toBe('payments-staging-alarms');
    alarms.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'payments-alarms-staging',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    alarms.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    alarms.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    alarms.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    const withActions = Object.values(templates.staging.findResources('AWS::CloudWatch::Alarm')).filter(
      (a: any) => (a.Properties.AlarmActions ?? []).length > 0,
    );
    expect(withActions.length).toBeGreaterThan(0);
    const noActions = Object.values(templates.dev.findResources('AWS::CloudWatch::Alarm')).filter(
      (a: any) => (a.Properties.AlarmActions ?? []).length > 0,
    );
    expect(noActions).toEqual([]);
  });
});

describe('findings in a nested stage fail synth, once', () => {
  test('an insecure function in prod only: synth fails naming the rule and the prod path, each finding once', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: SPECS });
    for (const stage of stages.stages) cleanService(stage);
    insecureFunction(stages.stage('prod').node.findChild('Service') as cdk.Stack);
    const message = synthError(app);
    expect(message).toMatch(/Bulkhead-\w+/);
    expect(message).toContain('payments-prod/Service/Legacy');
    expect(message).not.toMatch(/payments-(dev|staging)\/Service/);
    // Each (rule, resource) pair once: one pack per stage would repeat every finding once per stage.
    const rules = findingRules(message, 'payments-prod/Service/Legacy');
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules).size).toBe(rules.length);
  });

  test('a pack already on the App covers the stages: the stages add none, findings are not doubled', () => {
    const app = new cdk.App({ outdir: tmp() });
    cdk.Validations.of(app).addPlugins(new BulkheadChecks(app));
    const stages = new IsolatedStages(app, { service: 'payments', stages: SPECS });
    for (const stage of stages.stages) expect((stage as any)._validationPlugins).toEqual([]);
    insecureFunction(new cdk.Stack(stages.stage('dev'), 'Service'));
    const message = synthError(app);
    const rules = findingRules(message, 'payments-dev/Service/Legacy');
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules).size).toBe(rules.length);
  });
});

test('nested-stage findings fail synth even when the app is told not to fail on plugin reports (as the cdk CLI does)', () => {
  // The CLI sets this context and then only reports findings of the stacks it selected; plain `cdk synth` selects
  // none of a stage's stacks. The stage's own validation must fail synthesis regardless.
  const app = new cdk.App({ outdir: tmp(), context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stages = new IsolatedStages(app, { service: 'payments', stages: SPECS });
  insecureFunction(new cdk.Stack(stages.stage('staging'), 'Service'));
  const message = synthError(app);
  expect(findingRules(message, 'payments-staging/Service/Legacy').length).toBeGreaterThan(0);
});

test('an acknowledged finding no longer fails synth', () => {
  const app = new cdk.App({ outdir: tmp() });
  const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[0]] });
  const stack = cleanService(stages.stage('dev'));
  const legacy = insecureFunction(stack);
  const rules = findingRules(synthError(app), 'payments-dev/Service/Legacy');
  const app2 = new cdk.App({ outdir: tmp() });
  const stages2 = new IsolatedStages(app2, { service: 'payments', stages: [SPECS[0]] });
  const legacy2 = insecureFunction(cleanService(stages2.stage('dev')));
  for (const id of new Set(rules)) cdk.Validations.of(legacy2).acknowledge({ id, reason: 'legacy function, replaced next sprint' });
  expect(() => app2.synth()).not.toThrow();
  void legacy;
});

test("the plugin report covers the stages' stacks only, each finding once (stacks outside stages are the App's business)", () => {
  const app = new cdk.App({ outdir: tmp() });
  const stages = new IsolatedStages(app, { service: 'payments', stages: SPECS });
  insecureFunction(new cdk.Stack(stages.stage('prod'), 'Service'));
  insecureFunction(new cdk.Stack(app, 'Tooling'));
  const plugin = (stages.stage('dev') as any)._validationPlugins[0] as cdk.IPolicyValidationPlugin;
  const report = plugin.validate({ templatePaths: [], stackTemplates: [] } as unknown as cdk.IPolicyValidationContext);
  expect(report.success).toBe(false);
  const paths = report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} ${(r as any).constructPath ?? r.resourceLogicalId}`),
  );
  expect(paths.some((p) => p.includes('payments-prod/Service/Legacy'))).toBe(true);
  expect(paths.some((p) => p.includes('Tooling'))).toBe(false);
  expect(new Set(paths).size).toBe(paths.length);
});

test('standalone BulkheadStages (own packs) report a finding once, by the stage that holds it', () => {
  const app = new cdk.App({ outdir: tmp() });
  const dev = new BulkheadStage(app, 'billing-dev', { service: 'billing', spec: SPECS[0] });
  const prod = new BulkheadStage(app, 'billing-prod', { service: 'billing', spec: SPECS[2] });
  expect(dev.rulePack).not.toBe(prod.rulePack);
  insecureFunction(new cdk.Stack(prod, 'Service'));
  new cdk.Stack(dev, 'Service');
  const message = synthError(app);
  const rules = findingRules(message, 'billing-prod/Service/Legacy');
  expect(rules.length).toBeGreaterThan(0);
  expect(new Set(rules).size).toBe(rules.length);
  expect(message).not.toContain('[billing-dev]');
});

describe('monthlyBudgetUsd', () => {
  test('a stage whose worst-case Lambda cost exceeds its budget fails synth; the others are unaffected', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, {
      service: 'payments',
      stages: [SPECS[0], { ...SPECS[2], monthlyBudgetUsd: 1 }],
    });
    for (const stage of stages.stages) cleanService(stage);
    // 20 x 512 MB x 730 h is far above 1 USD a month.
    expect(() => app.synth()).toThrow(/payments-prod[\s\S]*(budget|monthlyBudgetUsd)|(budget|monthlyBudgetUsd)[\s\S]*payments-prod/i);
  });

  test('within budget synthesizes', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [{ ...SPECS[2], monthlyBudgetUsd: 100_000 }] });
    cleanService(stages.stage('prod'));
    expect(() => app.synth()).not.toThrow();
  });
});

describe('what a stage refuses at synth: stacks of other accounts, colliding physical names', () => {
  test('a stack inside a stage that sets its own env to another account fails synth, naming the stack, both accounts and the fix (T9)', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[0], SPECS[2]] });
    cleanService(stages.stage('prod'));
    new cdk.Stack(stages.stage('prod'), 'Sneaky', { env: { account: '111111111111' } });
    const message = synthError(app);
    expect(message).toMatch(
      /stack payments-prod\/Sneaky deploys to account 111111111111, but its stage deploys to account 333333333333.*Fix: leave env\.account out/,
    );
  });

  test('so does a stack in a plain cdk.Stage nested inside the stage with another account', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[0], SPECS[2]] });
    cleanService(stages.stage('prod'));
    const inner = new cdk.Stage(stages.stage('prod'), 'Inner', { env: { account: '111111111111', region: 'eu-west-1' } });
    new cdk.CfnWaitConditionHandle(new cdk.Stack(inner, 'Hidden'), 'Placeholder');
    expect(synthError(app)).toMatch(
      /stack payments-prod\/Inner\/Hidden deploys to account 111111111111, but its stage deploys to account 333333333333/,
    );
  });

  test("a stack in another region of the stage's own account is fine (e.g. a us-east-1 billing stack)", () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[2]] });
    cleanService(stages.stage('prod'));
    new cdk.CfnWaitConditionHandle(new cdk.Stack(stages.stage('prod'), 'Billing', { env: { region: 'us-east-1' } }), 'Placeholder');
    expect(() => app.synth()).not.toThrow();
  });

  test('two stacks of one stage each with a SecureFunction `Handler`: synth fails naming both construct paths and the fix', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'orders', stages: [SPECS[0]] });
    for (const id of ['Api', 'Worker']) {
      const stack = new cdk.Stack(stages.stage('dev'), id);
      const fn = new SecureFunction(stack, 'Handler', {
        code: lambda.Code.fromInline('exports.handler = async () => 1;'),
        handler: 'index.handler',
      });
      fn.grantInvoke(new iam.AccountPrincipal(stack.account));
    }
    const message = synthError(app);
    expect(message).toMatch(
      /FunctionName "orders-handler-dev" is claimed twice in account 111111111111, region eu-west-1, by orders-dev\/Api\/Handler and orders-dev\/Worker\/Handler.*Fix: give one of the functions another construct id or an explicit functionName/,
    );
  });

  test('an IAM role name is per account: two stages of one environment in two regions claiming it fail synth, once', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, {
      service: 'orders',
      stages: [
        { name: 'prod-eu', environment: 'prod', account: '333333333333', region: 'eu-west-1' },
        { name: 'prod-us', environment: 'prod', account: '333333333333', region: 'us-east-1' },
      ],
    });
    for (const stage of stages.stages) {
      new iam.Role(new cdk.Stack(stage, 'Access'), 'Reader', { roleName: 'orders-reader', assumedBy: new iam.AccountRootPrincipal() });
    }
    const message = synthError(app);
    const lines = message.split('\n').filter((l) => l.includes('RoleName "orders-reader"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /RoleName "orders-reader" is claimed twice in account 333333333333, by orders-prod-eu\/Access\/Reader and orders-prod-us\/Access\/Reader/,
    );
  });

  test('the same name in two regions of the stage is no collision', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'orders', stages: [SPECS[0]] });
    for (const [id, region] of [
      ['Eu', 'eu-west-1'],
      ['Us', 'us-east-1'],
    ]) {
      const stack = new cdk.Stack(stages.stage('dev'), id, { env: { region } });
      const fn = new SecureFunction(stack, 'Handler', {
        code: lambda.Code.fromInline('exports.handler = async () => 1;'),
        handler: 'index.handler',
      });
      fn.grantInvoke(new iam.AccountPrincipal(stack.account));
    }
    expect(() => app.synth()).not.toThrow();
  });
});

/** A topic the packs accept: customer-managed key, TLS only. */
function alarmTopic(stack: cdk.Stack): sns.Topic {
  return new sns.Topic(stack, 'Alarms', { masterKey: new kms.Key(stack, 'AlarmsKey', { enableKeyRotation: true }), enforceSSL: true });
}

describe('alarm topics (T4)', () => {
  test('a stage without alarmEmails or useAlarmTopic warns on each SecureFunction whose alarms notify nobody, with an id to acknowledge', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[0], SPECS[1]] });
    const dev = cleanService(stages.stage('dev'));
    const staging = cleanService(stages.stage('staging'));
    app.synth();
    const warnings = (stack: cdk.Stack) =>
      stack.node
        .findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === 'aws:cdk:warning' && String(m.data).includes('@cdk-bulkhead/stages:'))
            .map((m) => `${c.node.path}: ${m.data}`),
        );
    const devWarnings = warnings(dev);
    expect(devWarnings).toHaveLength(1);
    expect(devWarnings[0]).toMatch(
      /^payments-dev\/Service\/Charge: 4 alarms of payments-dev\/Service\/Charge notify nobody.*Fix: set alarmEmails in the spec of stage payments-dev, call stage\.useAlarmTopic\(topic\).*\[ack: @cdk-bulkhead\/stages:alarmsWithoutActions\]/,
    );
    expect(warnings(staging)).toEqual([]);
    // Acknowledged on the stage (a sandbox nobody is on call for): no warning.
    const app2 = new cdk.App({ outdir: tmp() });
    const sandbox = new IsolatedStages(app2, { service: 'payments', stages: [SPECS[0]] }).stage('dev');
    cdk.Annotations.of(sandbox).acknowledgeWarning('@cdk-bulkhead/stages:alarmsWithoutActions', 'sandbox, nobody on call');
    const quiet = cleanService(sandbox);
    app2.synth();
    expect(warnings(quiet)).toEqual([]);
  });

  test('useAlarmTopic after a SecureFunction exists is refused, naming the function and the fix', () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[0]] });
    const dev = stages.stage('dev');
    cleanService(dev);
    expect(() => dev.useAlarmTopic(alarmTopic(new cdk.Stack(dev, 'Topics')))).toThrow(
      /payments-dev: useAlarmTopic\(topic\) is "called after 1 SecureFunction\(s\) exist \(first: payments-dev\/Service\/Charge\)".*Fix: call stage\.useAlarmTopic\(topic\) before/,
    );
  });

  test("useAlarmTopic with a topic of another account or region is refused; one of the stage's own is used", () => {
    const app = new cdk.App({ outdir: tmp() });
    const stages = new IsolatedStages(app, { service: 'payments', stages: [SPECS[0], SPECS[2]] });
    const dev = stages.stage('dev');
    const prodTopic = alarmTopic(new cdk.Stack(stages.stage('prod'), 'Topics'));
    expect(() => dev.useAlarmTopic(prodTopic)).toThrow(
      /useAlarmTopic\(topic\) is "a topic of account 333333333333"; allowed: a topic of the stage's account 111111111111/,
    );
    const imported = sns.Topic.fromTopicArn(new cdk.Stack(dev, 'Imports'), 'Us', 'arn:aws:sns:us-east-1:111111111111:alarms');
    expect(() => dev.useAlarmTopic(imported)).toThrow(
      /useAlarmTopic\(topic\) is "a topic of region us-east-1"; allowed: a topic of the stage's region eu-west-1/,
    );
    const own = alarmTopic(new cdk.Stack(dev, 'Topics'));
    dev.useAlarmTopic(own);
    const service = Template.fromStack(cleanService(dev));
    const withActions = Object.values(service.findResources('AWS::CloudWatch::Alarm')).filter(
      (a: any) => (a.Properties.AlarmActions ?? []).length > 0,
    );
    expect(withActions).toHaveLength(4);
  });
});
