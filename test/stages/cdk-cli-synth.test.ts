import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PIN_TODAY_ARGS } from '../support/today';

/**
 * The stage pack wiring through the real `cdk` CLI: findings inside a nested Stage are easy to lose (a pack on the
 * wrong scope, or a report printed but not failing the process). Each run costs 10-20 s, so there are two.
 */
const ROOT = path.resolve(__dirname, '../..');
const LIB = path.join(ROOT, 'lib');

function appSource(withFinding: boolean): string {
  return `
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from ${JSON.stringify(path.join(LIB, 'function'))};
import { IsolatedStages } from ${JSON.stringify(path.join(LIB, 'stages'))};

const app = new cdk.App();
const stages = new IsolatedStages(app, { service: 'payments', stages: [
  { name: 'dev', account: '111111111111', region: 'eu-west-1' },
  { name: 'staging', account: '222222222222', region: 'eu-west-1' },
  { name: 'prod', account: '333333333333', region: 'eu-west-1', monthlyBudgetUsd: ${withFinding ? 1 : 1000} },
] });
for (const stage of stages.stages) {
  const stack = new cdk.Stack(stage, 'Service');
  const fn = new SecureFunction(stack, 'Charge', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
  });
  fn.grantInvoke(new iam.AccountPrincipal(stack.account));
  if (${withFinding} && stage.shortName === 'prod') {
    new lambda.Function(stack, 'Legacy', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
    });
  }
}
app.synth();
`;
}

function cdkSynth(withFinding: boolean): { status: number | null; output: string; outdir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cli-'));
  fs.writeFileSync(path.join(dir, 'app.ts'), appSource(withFinding));
  const outdir = path.join(dir, 'cdk.out');
  const app = `node -r ts-node/register/transpile-only ${path.join(dir, 'app.ts')}`;
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/cdk'),
    ['synth', ...PIN_TODAY_ARGS, '--app', app, '-o', outdir, '--no-notices', '--no-version-reporting', '--quiet'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000,
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
        NODE_ENV: 'production',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    },
  );
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, outdir };
}

test('a finding and a budget overrun in the prod stage only: `cdk synth` exits non-zero, naming the rule, the prod path and the budget', () => {
  const r = cdkSynth(true);
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBeNull();
  expect(r.output).toMatch(/Bulkhead-\w+/);
  expect(r.output).toContain('payments-prod/Service/Legacy');
  // prod's worst case (10 x 256 MB arm64 all month, an invocation per environment every 10 ms: about 615 USD) is over its 1 USD budget: WorstCaseCost must fail too.
  expect(r.output).toMatch(/budget|monthlyBudgetUsd/i);
  expect(r.output).not.toMatch(/payments-(dev|staging)\/Service\/Legacy/);
  // Reported once: not once per stage, nor once by the stage and again by the plugin report.
  const rules = [...r.output.matchAll(/(Bulkhead-[\w-]+(?:\[[^\]]*\])?) \(T\d+[^)]*\) at payments-prod\/Service\/Legacy/g)].map(
    (m) => m[1],
  );
  expect(rules.length).toBeGreaterThan(0);
  expect(new Set(rules).size).toBe(rules.length);
});

test('a clean app: `cdk synth` exits 0 with one nested assembly per stage', () => {
  const r = cdkSynth(false);
  if (r.status !== 0) throw new Error(`cdk synth failed (${r.status}):\n${r.output}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(r.outdir, 'manifest.json'), 'utf8'));
  const nested = Object.entries(manifest.artifacts as { [id: string]: { type: string } })
    .filter(([, a]) => a.type === 'cdk:cloud-assembly')
    .map(([id]) => id);
  expect(nested.sort()).toEqual(['assembly-payments-dev', 'assembly-payments-prod', 'assembly-payments-staging']);
  for (const id of nested) expect(fs.existsSync(path.join(r.outdir, id, 'manifest.json'))).toBe(true);
});
