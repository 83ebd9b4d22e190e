import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WorstCaseCost } from '../../lib/billing';
import { BulkheadBlueprint } from '../../lib/blueprint';
import { SecureFunction, SecureNodejsFunction } from '../../lib/function';
import { BulkheadReport } from '../../lib/report';
import { IsolatedStages } from '../../lib/stages';
import { parseReport } from './parse-report';

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');

function tmpOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-report-'));
}

/** One stage with budget 100 USD, holding `build`'s resources in stack `Service`. */
function oneStage(build: (stack: Stack) => void, monthlyBudgetUsd?: number): { app: App; stages: IsolatedStages; stack: Stack } {
  const app = new App({ outdir: tmpOutdir() });
  const stages = new IsolatedStages(app, {
    service: 'shop',
    stages: [{ name: 'prod', account: '333333333333', region: 'eu-west-1', monthlyBudgetUsd, reservedConcurrentExecutions: 4 }],
  });
  const stack = new Stack(stages.stage('prod'), 'Service');
  build(stack);
  return { app, stages, stack };
}

function usd(n: number): string {
  return n.toFixed(2);
}

describe('render', () => {
  test('a SecureNodejsFunction is reported as one, with its parts and its four alarms', () => {
    const { app } = oneStage((stack) => {
      const fn = new SecureNodejsFunction(stack, 'Charge', { entry: path.join(__dirname, '..', 'fixtures', 'handlers', 'update-card.ts') });
      fn.grantInvoke(new iam.AccountRootPrincipal());
    });
    const [listed] = parseReport(BulkheadReport.render(app)).stages[0].functions;
    expect(listed.kind).toBe('SecureNodejsFunction');
    expect(listed.fields).toMatchObject({
      role: 'Charge/ServiceRole (own)',
      ceiling: '4 concurrent',
      'on failure': 'Charge/DeadLetterQueue (SQS)',
      key: 'Charge/Key (customer-managed)',
      alarms: '4 (errors, throttles, DLQ depth, cost), NO ACTIONS',
    });
  });

  test('a SecureFunction: its own role, profile ceiling, bounded retries, DLQ, key, alarms and worst case', () => {
    let fn!: SecureFunction;
    const { app, stages } = oneStage((stack) => {
      fn = new SecureFunction(stack, 'Charge', {
        code: CODE,
        handler: 'index.handler',
        memorySize: 512,
        retryAttempts: 1,
        maxEventAge: Duration.minutes(30),
      });
      fn.grantInvoke(new iam.AccountRootPrincipal());
    }, 500);
    const parsed = parseReport(BulkheadReport.render(app));
    expect(parsed.stages.map((s) => s.title)).toEqual(['shop-prod (333333333333, eu-west-1)']);
    const [listed] = parsed.stages[0].functions;
    expect(listed.name).toBe('shop-charge-prod');
    expect(listed.kind).toBe('SecureFunction');
    expect(listed.path).toBe('shop-prod/Service/Charge');
    expect(listed.fields).toMatchObject({
      role: 'Charge/ServiceRole (own)',
      ceiling: `${fn.reservedConcurrency} concurrent`,
      async: '1 retry, max event age 30 minutes',
      'on failure': 'Charge/DeadLetterQueue (SQS)',
      key: 'Charge/Key (customer-managed)',
      // No alarm topic in this stage: the alarms exist, but nobody is told.
      alarms: '4 (errors, throttles, DLQ depth, cost), NO ACTIONS',
    });
    expect(fn.reservedConcurrency).toBe(4);
    const cost = WorstCaseCost.of(stages.stage('prod')).functions[0];
    expect(listed.fields['worst case']).toBe(
      `${usd(cost.monthlyUsd)} USD/month (4 x 512 MB arm64 x 730 h: compute ${usd(cost.computeMonthlyUsd)}, ` +
        `requests ${usd(cost.requestsMonthlyUsd)} at one per 10 ms, fixed ${usd(cost.fixedMonthlyUsd)})`,
    );
    // Its own key (1.00) and four alarms reading five metrics (0.50), whatever the load.
    expect(cost.fixedMonthlyUsd).toBeCloseTo(1.5, 9);
    const total = WorstCaseCost.of(stages.stage('prod')).totalMonthlyUsd;
    const percent = Math.round((100 * total) / 500);
    expect(parsed.stages[0].total).toBe(`${usd(total)} USD/month worst case; budget 500.00 USD/month, within (${percent}% used)`);
    expect(parsed.stages[0].findings).toEqual([]);
    expect(BulkheadReport.render(app)).toContain('  findings     none');
  });

  test('plain functions: a shared role, no ceiling, AWS default retries, no failure destination, no key, findings listed', () => {
    const { app, stages } = oneStage((stack) => {
      const role = new iam.Role(stack, 'SharedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new lambda.Function(stack, 'Pay', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, role });
      new lambda.Function(stack, 'Refund', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, role });
    });
    const parsed = parseReport(BulkheadReport.render(app));
    const stage = parsed.stages[0];
    expect(stage.functions.map((f) => f.path).sort()).toEqual(['shop-prod/Service/Pay', 'shop-prod/Service/Refund']);
    for (const f of stage.functions) {
      expect(f.kind).toBe('lambda.Function');
      expect(f.fields).toMatchObject({
        role: 'SharedRole (SHARED by 2 functions)',
        ceiling: 'NONE (scales to the account limit)',
        async: '2 retries (AWS default), max event age 6 hours (AWS default)',
        'on failure': 'NONE (failed async events are dropped)',
        key: 'none (AWS-managed key)',
        alarms: 'NONE',
      });
      expect(f.fields['worst case']).toMatch(
        /^[\d,]+\.\d\d USD\/month \(1000 \(account limit\) x 128 MB x86_64 x 730 h, NOT bounded by the template: compute [\d,.]+, requests 52,560\.00 at one per 10 ms, fixed 0\.00\)$/,
      );
    }
    const total = WorstCaseCost.of(stages.stage('prod')).totalMonthlyUsd;
    expect(stage.total).toBe(
      `${total.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} USD/month worst case; no budget set (StageSpec.monthlyBudgetUsd)`,
    );
    const rules = stage.findings.map((l) => /^ERROR (Bulkhead-[A-Za-z]+)/.exec(l)?.[1]);
    expect(rules).toEqual(expect.arrayContaining(['Bulkhead-SharedRole', 'Bulkhead-ReservedConcurrency']));
    expect(
      stage.findings
        .filter((l) => l.includes('Bulkhead-SharedRole'))
        .map((l) => / at (\S+):/.exec(l)?.[1])
        .sort(),
    ).toEqual(['shop-prod/Service/Pay/Resource', 'shop-prod/Service/Refund/Resource']);
  });

  test('a plain function with an EventInvokeConfig, a DLQ destination, a key, a ceiling and an alarm', () => {
    const { app } = oneStage((stack) => {
      const key = new kms.Key(stack, 'EnvKey', { enableKeyRotation: true });
      const failures = new sqs.Queue(stack, 'Failures');
      const fn = new lambda.Function(stack, 'Notify', {
        code: CODE,
        handler: 'index.handler',
        runtime: lambda.Runtime.NODEJS_22_X,
        environmentEncryption: key,
        environment: { MODE: 'x' },
        reservedConcurrentExecutions: 3,
        retryAttempts: 0,
        maxEventAge: Duration.hours(2),
        onFailure: new destinations.SqsDestination(failures),
      });
      fn.metricErrors().createAlarm(stack, 'NotifyErrors', { threshold: 1, evaluationPeriods: 1 });
    });
    const [f] = parseReport(BulkheadReport.render(app)).stages[0].functions;
    expect(f.fields).toMatchObject({
      role: 'Notify/ServiceRole',
      ceiling: '3 concurrent',
      async: '0 retries, max event age 2 hours',
      'on failure': 'Failures',
      key: 'EnvKey',
      alarms: '1',
    });
  });

  test('a scope that is a stack outside any stage is reported under the App', () => {
    const app = new App({ outdir: tmpOutdir() });
    const stack = new Stack(app, 'Loose');
    new lambda.Function(stack, 'Fn', {
      code: CODE,
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      reservedConcurrentExecutions: 2,
      memorySize: 1024,
    });
    const parsed = parseReport(BulkheadReport.render(app));
    expect(parsed.stages.map((s) => s.title)).toEqual(['App (outside any stage)']);
    expect(parsed.stages[0].functions[0].fields.ceiling).toBe('2 concurrent');
    // Compute (2 x 1 GB x86_64 all month) and requests (2 environments, one invocation per 10 ms).
    const expected = 2 * 1 * 730 * 3600 * 0.0000166667 + 2 * 100 * 730 * 3600 * 0.0000002;
    expect(parsed.head).toBe(`Bulkhead report: 1 stage, 1 function, worst case ${usd(expected)} USD/month`);
  });
});

describe('synth', () => {
  function appWithNagFinding(cliMode = true): App {
    // What the cdk CLI sets: the app must not fail on plugin reports itself, the CLI reports them (for selected stacks).
    const app = new App({ outdir: tmpOutdir(), context: cliMode ? { '@aws-cdk/core:failSynthOnValidationErrors': false } : {} });
    const stages = new IsolatedStages(app, { service: 'shop', stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }] });
    const stack = new Stack(stages.stage('dev'), 'Service');
    const fn = new SecureFunction(stack, 'Charge', { code: CODE, handler: 'index.handler' });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    // Encrypted and TLS-only (so the Bulkhead pack passes it) but without a DLQ: cdk-nag's AwsSolutions-SQS3, in a stage.
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    new sqs.Queue(stack, 'Loose', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    return app;
  }

  test('without the gate, the same app synthesizes: CDK leaves the finding to the CLI, which drops it for stages', () => {
    expect(() => appWithNagFinding(true).synth()).not.toThrow();
  });

  test('fails on a cdk-nag finding inside a stage even when CDK is told not to (as the cdk CLI does)', () => {
    const app = appWithNagFinding(true);
    expect(() => BulkheadReport.synth(app, { printToStderr: false })).toThrow(
      /^Validation failed: AwsSolutions \(1 rule\):\n\[Error at shop-dev\/Service\/Loose\/Resource\] AwsSolutions-SQS3: .*\nFix each, or acknowledge/,
    );
  });

  test('run() reports the failure once and sets exit code 1; an acknowledged finding passes and writes the report', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const before = process.exitCode;
    try {
      expect(BulkheadReport.run(appWithNagFinding(true))).toBe(false);
      expect(process.exitCode).toBe(1);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(/AwsSolutions-SQS3/);
    } finally {
      write.mockRestore();
      process.exitCode = before;
    }

    const app = appWithNagFinding(true);
    const loose = app.node.findAll().find((c) => c.node.path === 'shop-dev/Service/Loose')!;
    Validations.of(loose).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'test: a queue that is its own last stop' });
    const assembly = BulkheadReport.synth(app, { printToStderr: false });
    const text = fs.readFileSync(path.join(assembly.directory, BulkheadReport.FILE_NAME), 'utf8');
    expect(text).toContain('Bulkhead report: 1 stage, 1 function');
    expect(text).toContain('Validation plugins (AwsSolutions, Bulkhead): no unacknowledged findings');
  });

  test("run() under the cdk CLI leaves CDK's own errors (a Bulkhead finding) to the CLI, which prints them", () => {
    const app = new App({ outdir: tmpOutdir() });
    const stages = new IsolatedStages(app, { service: 'shop', stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }] });
    const stack = new Stack(stages.stage('dev'), 'Service');
    new lambda.Function(stack, 'Open', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
    const errorFile = path.join(tmpOutdir(), 'error.txt');
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const before = process.exitCode;
    process.env.CDK_ERROR_FILE = errorFile;
    try {
      expect(BulkheadReport.run(app)).toBe(false);
      expect(process.exitCode).toBe(1);
      expect(write).not.toHaveBeenCalled();
      // CDK recorded its error code for the CLI, which then prints the message.
      expect(fs.readFileSync(errorFile, 'utf8')).toBe('ValidationFailedWithErrors');
    } finally {
      delete process.env.CDK_ERROR_FILE;
      write.mockRestore();
      process.exitCode = before;
    }
  });
});

describe('the JSON report: settings, cost, findings and every acknowledgement', () => {
  const { app } = oneStage((stack) => {
    const hook = new SecureFunction(stack, 'Hook', { code: CODE, handler: 'index.handler' });
    hook.addSecureFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, allowPublicAccess: true });
    Validations.of(hook).acknowledge({ id: 'Bulkhead-FunctionUrlAuth', reason: 'public webhook; verifies the HMAC signature' });
    // A warning inside a stage: `cdk synth` prints warnings only for the stacks it selected, and selects none in a stage.
    Annotations.of(hook).addWarningV2('test:weakened', 'a default was weakened on purpose');
  });
  const assembly = BulkheadReport.synth(app, { printToStderr: false });
  const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, BulkheadReport.JSON_FILE_NAME), 'utf8'));
  const [stage] = report.stages;

  test('is schema-versioned, per stage, with no budget as null rather than a reassuring false', () => {
    expect(report.schemaVersion).toBe(1);
    expect(stage).toMatchObject({
      stage: 'shop-prod',
      account: '333333333333',
      region: 'eu-west-1',
      monthlyBudgetUsd: null,
      overBudget: null,
    });
    expect(stage.functions.map((f: any) => f.constructPath)).toEqual(['shop-prod/Service/Hook/Resource']);
    const [fn] = stage.functions;
    expect(fn.settings.ceiling).toBe('4 concurrent');
    expect(fn.cost.concurrencyUsed).toBe(4);
    expect(Math.round(fn.cost.monthlyUsd * 100)).toBe(fn.cost.monthlyUsd * 100);
  });

  test('an acknowledged public URL is listed with its id, construct path, reason and who made it, not as "no findings"', () => {
    expect(stage.findings).toEqual([]);
    expect(stage.acknowledgedFindings).toEqual([
      expect.objectContaining({
        ruleId: 'Bulkhead-FunctionUrlAuth',
        constructPath: expect.stringMatching(/^shop-prod\/Service\/Hook\//),
        acknowledgement: {
          id: 'Bulkhead-FunctionUrlAuth',
          constructPath: 'shop-prod/Service/Hook',
          reason: 'public webhook; verifies the HMAC signature',
          by: 'team',
        },
      }),
    ]);
    const text = fs.readFileSync(path.join(assembly.directory, BulkheadReport.FILE_NAME), 'utf8');
    expect(text).toMatch(
      /acknowledged \(1\):\n\s+ERROR Bulkhead-FunctionUrlAuth \(T7\) at shop-prod\/Service\/Hook\/\S+: acknowledged as Bulkhead-FunctionUrlAuth at shop-prod\/Service\/Hook by the team: "public webhook; verifies the HMAC signature"/,
    );
  });

  test("the library's own acknowledgements are listed too, marked as made by cdk-bulkhead", () => {
    const library = stage.acknowledgements.filter((a: any) => a.by === 'library');
    expect(library.map((a: any) => a.id)).toEqual(
      expect.arrayContaining(['Serverless-SQSRedrivePolicy', 'AwsSolutions-IAM5[Resource::*]']),
    );
    for (const a of library) expect(a.reason.length).toBeGreaterThan(20);
    expect(stage.acknowledgements.filter((a: any) => a.by === 'team').map((a: any) => a.id)).toEqual(['Bulkhead-FunctionUrlAuth']);
    expect(fs.readFileSync(path.join(assembly.directory, BulkheadReport.FILE_NAME), 'utf8')).toContain(
      `acknowledgements: ${stage.acknowledgements.length} (1 by the team, ${library.length} by cdk-bulkhead)`,
    );
  });

  test('warnings recorded inside the stage are in both reports', () => {
    expect(stage.warnings).toContainEqual({
      constructPath: 'shop-prod/Service/Hook',
      message: expect.stringContaining('a default was weakened on purpose'),
    });
    expect(fs.readFileSync(path.join(assembly.directory, BulkheadReport.FILE_NAME), 'utf8')).toMatch(
      /warnings \(\d+\):(\n {4}.*)*\n {4}shop-prod\/Service\/Hook: a default was weakened on purpose/,
    );
  });
});

describe('under the cdk CLI, without BulkheadReport.run', () => {
  function cliApp(outdir: string): App {
    const app = new App({ outdir });
    const stages = new IsolatedStages(app, { service: 'shop', stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }] });
    new SecureFunction(new Stack(stages.stage('dev'), 'Service'), 'Charge', { code: CODE, handler: 'index.handler' }).grantInvoke(
      new iam.AccountRootPrincipal(),
    );
    return app;
  }

  function underCli(outdir: string, body: () => void): string {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.CDK_OUTDIR = outdir;
    try {
      body();
      return write.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      delete process.env.CDK_OUTDIR;
      write.mockRestore();
    }
  }

  test('app.synth() of an app with Bulkhead stages prints the report and writes both files', () => {
    const outdir = tmpOutdir();
    const printed = underCli(outdir, () => {
      cliApp(outdir).synth();
    });
    expect(printed).toContain('Bulkhead report: 1 stage, 1 function');
    expect(fs.readFileSync(path.join(outdir, BulkheadReport.FILE_NAME), 'utf8')).toContain('shop-charge-dev');
    expect(JSON.parse(fs.readFileSync(path.join(outdir, BulkheadReport.JSON_FILE_NAME), 'utf8')).stages[0].stage).toBe('shop-dev');
  });

  test('with BulkheadReport.run the report is printed once', () => {
    const outdir = tmpOutdir();
    const printed = underCli(outdir, () => {
      BulkheadReport.run(cliApp(outdir));
    });
    expect(printed.split('Bulkhead report:').length - 1).toBe(1);
    expect(printed).toContain('Validation plugins (Bulkhead): no unacknowledged findings');
  });

  test('an in-process synth (tests, scripts) prints nothing', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      cliApp(tmpOutdir()).synth();
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});

describe('under the cdk CLI, an app adopting an org blueprint', () => {
  test('with Bulkhead stages inside it, prints the report and writes both files (the App-wide pack covers the stages)', () => {
    const outdir = tmpOutdir();
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.CDK_OUTDIR = outdir;
    try {
      const app = new App({ outdir });
      new BulkheadBlueprint({ today: '2026-11-30' }).applyTo(app);
      const stages = new IsolatedStages(app, { service: 'shop', stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }] });
      new lambda.Function(new Stack(stages.stage('dev'), 'Service'), 'Charge', {
        code: CODE,
        handler: 'index.handler',
        runtime: lambda.Runtime.NODEJS_LATEST,
      }).grantInvoke(new iam.AccountRootPrincipal());
      app.synth();
      const printed = write.mock.calls.map((c) => String(c[0])).join('');
      expect(printed.split('Bulkhead report:').length - 1).toBe(1);
      expect(printed).toContain('[lambda.Function, hardened by blueprint] shop-dev/Service/Charge');
      expect(fs.readFileSync(path.join(outdir, BulkheadReport.FILE_NAME), 'utf8')).toContain('Org blueprint');
    } finally {
      delete process.env.CDK_OUTDIR;
      write.mockRestore();
    }
  });
});

describe('under the cdk CLI, an app that looks up context', () => {
  test("prints the report only from the CLI's last run, once it has tried the lookup (the first, provisional run prints nothing)", () => {
    const env = { account: '111111111111', region: 'eu-west-1' };
    const build = (context: { [key: string]: unknown }) => {
      const outdir = tmpOutdir();
      const app = new App({ outdir, context });
      const stages = new IsolatedStages(app, { service: 'shop', stages: [{ name: 'dev', ...env }] });
      const stack = new Stack(stages.stage('dev'), 'Service');
      void stack.availabilityZones; // a lookup, as a Vpc makes
      new SecureFunction(stack, 'Charge', { code: CODE, handler: 'index.handler' }).grantInvoke(new iam.AccountRootPrincipal());
      return { app, outdir };
    };
    const printedBy = (run: { app: App; outdir: string }) => {
      const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      process.env.CDK_OUTDIR = run.outdir;
      try {
        run.app.synth();
        return write.mock.calls.map((c) => String(c[0])).join('');
      } finally {
        delete process.env.CDK_OUTDIR;
        write.mockRestore();
      }
    };
    const key = `availability-zones:account=${env.account}:region=${env.region}`;
    expect(printedBy(build({}))).not.toContain('Bulkhead report:');
    expect(printedBy(build({ [key]: ['eu-west-1a', 'eu-west-1b'] }))).toContain('Bulkhead report: 1 stage, 1 function');
    // Without credentials the CLI's lookup fails and it runs the app once more with the error as the value: the last run.
    const failed = {
      [key]: { $providerError: 'Need to perform AWS calls for account 111111111111, but no credentials', $dontSaveContext: true },
    };
    expect(printedBy(build(failed))).toContain('Bulkhead report: 1 stage, 1 function');
  });
});
