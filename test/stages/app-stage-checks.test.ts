import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from '../../lib/function';
import { FAILED_SYNTH_FINDINGS_FILE } from '../../lib/stages/failed-synth-file';
import { IsolatedStages, StageSpec } from '../../lib/stages';

const SPECS: StageSpec[] = [
  { name: 'dev', account: '111111111111', region: 'eu-west-1' },
  { name: 'staging', account: '222222222222', region: 'eu-west-1' },
  { name: 'prod', account: '333333333333', region: 'eu-west-1' },
];

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-app-stages-'));
}

function legacy(stack: cdk.Stack, id = 'Legacy'): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
  });
}

function clean(stack: cdk.Stack): void {
  const fn = new SecureFunction(stack, 'Charge', {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
  });
  fn.grantInvoke(new iam.AccountPrincipal(stack.account));
}

function synthError(app: cdk.App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded, expected a validation failure');
}

describe('findings in several stages', () => {
  const outdir = tmp();
  const app = new cdk.App({ outdir });
  const stages = new IsolatedStages(app, { service: 'payments', stages: SPECS });
  for (const s of stages.stages) clean(new cdk.Stack(s, 'Service'));
  legacy(stages.stage('dev').node.findChild('Service') as cdk.Stack);
  legacy(stages.stage('prod').node.findChild('Service') as cdk.Stack, 'Report');
  const message = synthError(app);

  test('one failed synth lists every failing stage, not only the first one CDK synthesizes', () => {
    expect(message).toContain('at payments-dev/Service/Legacy/Resource');
    expect(message).toContain('(stage payments-prod) Bulkhead-ReservedConcurrency (T4) at payments-prod/Service/Report/Resource');
    expect(message).not.toContain('payments-staging/Service');
  });

  test('the failed synth leaves every finding, with its stage, stack and construct path, in bulkhead-findings.json', () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(outdir, FAILED_SYNTH_FINDINGS_FILE), 'utf8'));
    expect(recorded.schemaVersion).toBe(1);
    expect(recorded.synth).toBe('failed');
    const prod = recorded.findings.find((f: any) => f.ruleId === 'Bulkhead-ReservedConcurrency' && f.stage === 'payments-prod');
    expect(prod).toMatchObject({
      stack: 'payments-prod/Service',
      constructPath: 'payments-prod/Service/Report/Resource',
      level: 'error',
      failing: true,
      threat: 'T4',
    });
    expect(prod.logicalId).toMatch(/^Report/);
    expect(new Set(recorded.findings.map((f: any) => f.stage))).toEqual(new Set(['payments-dev', 'payments-prod']));
  });

  test('a new App over the same outdir forgets the file (and an older report), so its presence always means the latest synth failed', () => {
    fs.writeFileSync(path.join(outdir, 'bulkhead-report.txt'), 'a report of an earlier synth');
    const again = new cdk.App({ outdir });
    const s = new IsolatedStages(again, { service: 'payments', stages: [SPECS[0]] });
    clean(new cdk.Stack(s.stage('dev'), 'Service'));
    again.synth();
    expect(fs.existsSync(path.join(outdir, FAILED_SYNTH_FINDINGS_FILE))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'bulkhead-report.txt'))).toBe(false);
  });
});
