import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from '../../../lib/function';
import { IsolatedStages } from '../../../lib/stages';
import { bulkheadCheck } from './recording-io';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-audit-'));
}

/** A stage with an acknowledged public URL (passes) and, when `failing`, an unreserved plain function in prod. */
function app(outdir: string, options: { failing?: boolean; stackTraces?: boolean } = {}): App {
  const a = new App({ outdir, context: options.stackTraces === false ? { 'aws:cdk:disable-creation-stack-traces': true } : {} });
  const stages = new IsolatedStages(a, {
    service: 'shop',
    stages: [
      { name: 'dev', account: '111111111111', region: 'eu-west-1' },
      { name: 'prod', account: '333333333333', region: 'eu-west-1' },
    ],
  });
  for (const stage of stages.stages) {
    const stack = new Stack(stage, 'Service');
    const hook = new SecureFunction(stack, 'Hook', { code: CODE, handler: 'index.handler' });
    hook.addSecureFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, allowPublicAccess: true });
    Validations.of(hook).acknowledge({ id: 'Bulkhead-FunctionUrlAuth', reason: 'public webhook; verifies the HMAC signature' });
    if (options.failing && stage.shortName === 'prod') {
      new lambda.Function(stack, 'Legacy', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X }).grantInvoke(
        new iam.AccountRootPrincipal(),
      );
    }
  }
  return a;
}

describe('SARIF of a synthesized assembly', () => {
  const outdir = tmp();
  app(outdir).synth();
  let log: any;
  beforeAll(async () => {
    const run = await bulkheadCheck('--assembly', outdir, '--format', 'sarif');
    expect(run.code).toBe(0);
    log = JSON.parse(run.stdout);
  });

  test('an acknowledged finding is a result with an inSource suppression whose justification is the reason', () => {
    const results = log.runs[0].results.filter((r: any) => r.ruleId === 'Bulkhead-FunctionUrlAuth');
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.suppressions).toEqual([
        {
          kind: 'inSource',
          status: 'accepted',
          justification: 'Bulkhead-FunctionUrlAuth: public webhook; verifies the HMAC signature',
        },
      ]);
    }
  });

  test('every result has a partial fingerprint, distinct per stage and resource, stable across runs', async () => {
    const prints = log.runs[0].results.map((r: any) => r.partialFingerprints['bulkheadFinding/v1']);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(prints).size).toBe(prints.length);
    const again = JSON.parse((await bulkheadCheck('--assembly', outdir, '--format', 'sarif')).stdout);
    expect(again.runs[0].results.map((r: any) => r.partialFingerprints['bulkheadFinding/v1'])).toEqual(prints);
  });

  test('locations: the construct path as the logical location, the source line CDK recorded, the template as related', () => {
    const [r] = log.runs[0].results.filter(
      (x: any) => x.ruleId === 'Bulkhead-FunctionUrlAuth' && /shop-prod/.test(x.locations[0].logicalLocations[0].fullyQualifiedName),
    );
    expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^shop-prod\/Service\/Hook\/FunctionUrl\/Resource$/);
    // CDK records (unless told not to) where the resource was created: a file a reviewer can open, at a line.
    const where = r.locations[0].physicalLocation;
    expect(where.artifactLocation.uri).not.toMatch(/node_modules|template\.json$/);
    expect(where.region.startLine).toBeGreaterThan(0);
    expect(fs.existsSync(path.resolve(decodeURI(where.artifactLocation.uri)))).toBe(true);
    expect(r.relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/\.template\.json$/);
  });
});

describe('a failed synth', () => {
  const outdir = tmp();
  expect(() => app(outdir, { failing: true }).synth()).toThrow(/Bulkhead-ReservedConcurrency/);

  test('bulkhead check --assembly reports the findings the failed synth recorded (exit 1), as SARIF too', async () => {
    const run = await bulkheadCheck('--assembly', outdir, '--format', 'sarif');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /the latest cdk synth failed and wrote no templates; reporting the Bulkhead findings it recorded in .*bulkhead-findings\.json/,
    );
    const results = JSON.parse(run.stdout).runs[0].results;
    const legacy = results.find((r: any) => r.ruleId === 'Bulkhead-ReservedConcurrency');
    expect(legacy.level).toBe('error');
    expect(legacy.locations[0].logicalLocations[0].fullyQualifiedName).toBe('shop-prod/Service/Legacy/Resource');
    expect(legacy.partialFingerprints['bulkheadFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  test('the text report names the stack of every finding', async () => {
    const run = await bulkheadCheck('--assembly', outdir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^shop-prod\/Service \(.*\): \d+ findings/m);
  });
});
