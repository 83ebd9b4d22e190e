import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PIN_TODAY_ARGS } from '../support/today';

/**
 * `npm run example:org-blueprint` (cd examples/org-blueprint && cdk synth), through the real `cdk` CLI: a team app
 * of plain NodejsFunctions, S3 notifications, autoDeleteObjects, a BucketDeployment and an AwsCustomResource, in dev
 * and prod stages, synthesizes under the org blueprint with zero findings and no acknowledgement written by the team.
 * One CLI run, --strict (warnings fail too).
 */
const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, 'examples/org-blueprint');

let status: number | null;
let output: string;
let outdir: string;

beforeAll(() => {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['example:org-blueprint'];
  expect(script).toBe('cd examples/org-blueprint && cdk synth');
  outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-org-blueprint-')), 'cdk.out');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk'), ['synth', ...PIN_TODAY_ARGS, '--strict', '-q', '-o', outdir], {
    cwd: DIR,
    encoding: 'utf8',
    timeout: 170_000,
    env: { ...process.env, CI: 'true' },
  });
  status = r.status;
  output = `${r.stdout}\n${r.stderr}`;
}, 180_000);

function report(): { functions: any[]; acknowledgements: any[] } {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'bulkhead-blueprint.json'), 'utf8'));
}

test('cdk synth --strict succeeds, printing the Bulkhead report once, with no finding in either stage', () => {
  const [beforeReport, ...reports] = output.split(/^Bulkhead report: /m);
  expect(beforeReport).not.toMatch(/Validation failed|Bulkhead-|AwsSolutions-|Serverless-/);
  expect(reports).toHaveLength(1);
  expect(reports[0].match(/^ {2}findings {5}none$/gm)).toHaveLength(2);
  expect(status).toBe(0);
});

test("every function of both stages is hardened by the blueprint or recognized as aws-cdk-lib's", () => {
  const functions = report().functions;
  for (const stage of ['cards-dev', 'cards-prod']) {
    const of = (kind: string) => functions.filter((f) => f.path.startsWith(`${stage}/`) && f.kind === kind);
    expect(
      of('hardened plain')
        .map((f) => f.path)
        .sort(),
    ).toEqual([`${stage}/Cards/OnUpload`, `${stage}/Cards/UpdateCard`]);
    expect(
      of('CDK-owned')
        .map((f) => f.owner)
        .sort(),
    ).toEqual([
      'aws_s3.Bucket (addEventNotification: the BucketNotificationsHandler)',
      'aws_s3.Bucket (autoDeleteObjects)',
      'aws_s3_deployment.BucketDeployment',
      'custom_resources.AwsCustomResource',
    ]);
  }
  expect(functions.every((f) => f.kind === 'hardened plain' || f.kind === 'CDK-owned')).toBe(true);
});

test("the team's own choice shows as an override; nothing is acknowledged by the team", () => {
  const onUpload = report().functions.find((f) => f.path === 'cards-prod/Cards/OnUpload');
  expect(onUpload.overrides).toEqual([{ prop: 'timeout', blueprint: '10 seconds', value: '30 seconds' }]);
  expect(report().acknowledgements.filter((a) => a.by !== 'library')).toEqual([]);
});

test('every function in the templates has a concurrency ceiling', () => {
  const templates = fs.readdirSync(path.join(outdir, 'assembly-cards-prod')).filter((f) => f.endsWith('.template.json'));
  const fns = templates.flatMap((t) =>
    Object.values(JSON.parse(fs.readFileSync(path.join(outdir, 'assembly-cards-prod', t), 'utf8')).Resources as object).filter(
      (r: any) => r.Type === 'AWS::Lambda::Function',
    ),
  );
  expect(fns).toHaveLength(6);
  for (const fn of fns as any[]) expect(fn.Properties.ReservedConcurrentExecutions).toBeGreaterThan(0);
});
