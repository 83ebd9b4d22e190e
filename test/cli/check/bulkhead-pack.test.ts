import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from '../../../lib/function';
import { bulkheadCheck, FIXTURES } from './recording-io';

/**
 * The default pack (lib/checks, BulkheadChecks.findingsFor) through the CLI: on a SecureFunction assembly and on
 * a hand-written insecure template.
 */

describe('default bulkhead pack', () => {
  let dir: string;
  let outdir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-pack-'));
    outdir = path.join(dir, 'cdk.out');
    const app = new App({ outdir });
    const prod = new Stage(app, 'payments-prod', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = new Stack(prod, 'Api');
    const fn = new SecureFunction(api, 'UpdateCard', {
      code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
      handler: 'index.handler',
    });
    fn.addPermission('Invoke', { principal: new iam.AccountRootPrincipal() });
    app.synth();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports no error findings on an assembly of SecureFunction defaults', async () => {
    const run = await bulkheadCheck('--assembly', outdir, '--format', 'json');
    const report = JSON.parse(run.stdout);
    expect(report.findings.filter((f: any) => f.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.summary.templates).toBe(1);
  });

  it('finds the classic mistakes of a hand-written template, by logical ID', async () => {
    const run = await bulkheadCheck(`${FIXTURES}/insecure-function.yaml`, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const resources = new Set(report.findings.filter((f: any) => f.level === 'error').map((f: any) => f.resource));
    for (const id of ['SharedRole', 'PayFunction', 'PayUrl']) expect(resources).toContain(id);
    for (const f of report.findings) expect(f.rule).toMatch(/^Bulkhead-[A-Za-z0-9]+$/);
  });
});
