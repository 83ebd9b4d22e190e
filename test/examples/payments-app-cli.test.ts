import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STAGES } from '../../examples/payments/config';
import { LambdaPriceTable } from '../../lib/core/pricing';
import { parseReport } from '../report/parse-report';
import { PIN_TODAY_ARGS } from '../support/today';

/**
 * The project's main job, through the real `cdk` CLI and the repository's cdk.json: `cdk synth` of the payments app
 * exits 0 within a minute, with three isolated stage assemblies, every check (Bulkhead, AwsSolutions, Serverless)
 * passing, and the Bulkhead report on stderr whose figures match the synthesized templates. One CLI run (10-30 s).
 */
const ROOT = path.resolve(__dirname, '../..');
const ACCOUNTS: { [stage: string]: string } = Object.fromEntries(STAGES.map((s) => [s.name, s.account]));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outdir: string;
}
let run: Run;

beforeAll(() => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-payments-')), 'cdk.out');
  // --strict: a warning of aws-cdk-lib's (e.g. on the cost alarm's metric math) fails the main job too.
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk'), ['synth', ...PIN_TODAY_ARGS, '--strict', '-o', outdir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 110_000,
    env: { ...process.env, CI: 'true' },
  });
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr, outdir };
});

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Every stack of one stage's nested assembly: its name, environment and template. */
/** USD as the report writes it: two decimals, thousands separated by commas. */
function money(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function stacksOf(stage: string): Array<{ stackName: string; environment: string; template: any }> {
  const dir = path.join(run.outdir, `assembly-payments-${stage}`);
  const manifest = readJson(path.join(dir, 'manifest.json'));
  return Object.entries(manifest.artifacts as { [id: string]: any })
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([, a]) => ({
      stackName: a.properties.stackName,
      environment: a.environment,
      template: readJson(path.join(dir, a.properties.templateFile)),
    }));
}

test('`cdk synth --strict` (cdk.json) exits 0', () => {
  if (run.status !== 0) throw new Error(`cdk synth failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
});

test("one nested assembly per stage; every stack pinned to its stage's account, billing in us-east-1", () => {
  const manifest = readJson(path.join(run.outdir, 'manifest.json'));
  const nested = Object.entries(manifest.artifacts as { [id: string]: { type: string } })
    .filter(([, a]) => a.type === 'cdk:cloud-assembly')
    .map(([id]) => id)
    .sort();
  expect(nested).toEqual(['assembly-payments-dev', 'assembly-payments-prod', 'assembly-payments-staging']);
  for (const [stage, account] of Object.entries(ACCOUNTS)) {
    const envs = Object.fromEntries(stacksOf(stage).map((s) => [s.stackName, s.environment]));
    expect(envs).toEqual({
      [`payments-${stage}-service`]: `aws://${account}/eu-west-1`,
      [`payments-${stage}-alarms`]: `aws://${account}/eu-west-1`,
      // The billing guard's stack: AWS/Billing metrics exist in us-east-1 only, still in the stage's own account.
      [`payments-${stage}-billing`]: `aws://${account}/us-east-1`,
    });
  }
});

test('every check ran and nothing is left unacknowledged (cdk-nag findings inside stages are not lost)', () => {
  const report = readJson(path.join(run.outdir, 'validation-report.json'));
  expect(report.pluginReports.filter((r: any) => r.conclusion === 'failure')).toEqual([]);
  // aws-cdk-lib's CloudFormation schema validation reports, as warnings, what CloudFormation would reject at deploy.
  const schema = report.pluginReports
    .filter((r: any) => /CloudFormation/i.test(r.pluginName ?? ''))
    .flatMap((r: any) => r.violations.map((v: any) => `${v.ruleName}: ${v.description}`));
  expect(schema).toEqual([]);
  expect(run.stderr).toContain('Validation plugins (AwsSolutions, Serverless, Bulkhead): no unacknowledged findings');
});

test('the Bulkhead report lists every function with the ceiling and worst-case cost of its template', () => {
  const text = fs.readFileSync(path.join(run.outdir, 'bulkhead-report.txt'), 'utf8');
  expect(run.stderr).toContain(text.trim());
  const parsed = parseReport(text);
  const prices = LambdaPriceTable.DEFAULT;
  let appTotal = 0;
  for (const spec of STAGES) {
    const stage = parsed.stages.find((s) => s.title.startsWith(`payments-${spec.name} (${spec.account}, eu-west-1)`));
    expect(stage).toBeDefined();
    const fns = stacksOf(spec.name).flatMap((s) =>
      Object.values(s.template.Resources as { [id: string]: any }).filter((r) => r.Type === 'AWS::Lambda::Function'),
    );
    expect(fns.length).toBe(5);
    expect(stage!.functions.map((f) => f.name).sort()).toEqual(fns.map((f) => f.Properties.FunctionName).sort());
    let total = 0;
    for (const fn of fns) {
      const p = fn.Properties;
      const listed = stage!.functions.find((f) => f.name === p.FunctionName)!;
      expect(listed.kind).toBe('SecureFunction');
      expect(listed.fields.ceiling).toBe(`${p.ReservedConcurrentExecutions} concurrent`);
      expect(listed.fields.role).toMatch(/\(own\)$/);
      expect(listed.fields.key).toBe('ServiceKey (customer-managed)');
      expect(listed.fields['on failure']).toMatch(/DeadLetterQueue \(SQS\)$/);
      expect(listed.fields.alarms).toBe('4 (errors, throttles, DLQ depth, cost), notify SNS');
      expect(listed.fields.async).toMatch(/^[0-2] retr(y|ies), max event age /);
      // Every environment busy all month, each starting an invocation every 10 ms (the default minimum duration).
      const compute = p.ReservedConcurrentExecutions * (p.MemorySize / 1024) * 730 * 3600 * prices.perGbSecond(p.Architectures[0]);
      const requests = (p.ReservedConcurrentExecutions * 100 * 730 * 3600 * prices.perMillionRequests) / 1e6;
      total += compute + requests;
      expect(listed.fields['worst case']).toContain(
        `(${p.ReservedConcurrentExecutions} x ${p.MemorySize} MB ${p.Architectures[0]} x 730 h: ` +
          `compute ${money(compute)}, requests ${money(requests)} at one per 10 ms, fixed `,
      );
    }
    // Fixed costs, whatever the load: every KMS key of the stage and every metric its alarms read.
    const resources = stacksOf(spec.name).flatMap((s) => Object.values(s.template.Resources as { [id: string]: any }));
    const keys = resources.filter((r) => r.Type === 'AWS::KMS::Key').length;
    const alarmMetrics = resources
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .reduce((n, r) => n + (r.Properties.Metrics ? r.Properties.Metrics.filter((m: any) => m.MetricStat).length : 1), 0);
    const fixed = keys * prices.kmsKeyPerMonth + alarmMetrics * prices.alarmMetricPerMonth;
    expect(stage!.fixed).toBe(`${money(fixed)} USD/month of it whatever the load (KMS keys, alarms)`);
    total += fixed;
    appTotal += total;
    const budget =
      spec.monthlyBudgetUsd === undefined
        ? 'no budget set'
        : `budget ${money(spec.monthlyBudgetUsd)} USD/month, within (${Math.round((100 * total) / spec.monthlyBudgetUsd)}% used)`;
    expect(stage!.total).toBe(
      `${money(total)} USD/month worst case; ${budget}${spec.monthlyBudgetUsd === undefined ? ' (StageSpec.monthlyBudgetUsd)' : ''}`,
    );
    expect(stage!.findings).toEqual([]);
    expect(text).toContain(`${stage!.title}\n${'-'.repeat(stage!.title.length)}`);
  }
  expect(parsed.head).toBe(`Bulkhead report: 3 stages, 15 functions, worst case ${money(appTotal)} USD/month`);
  // The card handler recycles its environments (T6): the stage's recycler is listed, with its own ceiling of 1.
  expect(
    parsed.stages.every((s) => s.functions.some((f) => f.name.startsWith('payments-recycler-') && f.fields.ceiling === '1 concurrent')),
  ).toBe(true);
});
