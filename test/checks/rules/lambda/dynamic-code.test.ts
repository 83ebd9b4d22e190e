import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Duration, Fn, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BulkheadChecks } from '../../../../lib/checks';
import { parseCount } from '../../../../lib/checks/rules/lambda/code/dynamic-code-scanner';
import { SecureFunction } from '../../../../lib/function';
import { bulkheadCheck, FIXTURES } from '../../../cli/check/recording-io';
import { findings, findingsOf, flagged, newStack } from '../../support';

const ASSETS = path.resolve(__dirname, '../../../fixtures/code/assets');
const RULE = 'DynamicCode';

function nodeFunction(stack: Stack, id: string, code: lambda.Code): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
}

const keys = (stack: Stack) => findingsOf(stack, RULE).map((f) => f.findingId);

describe('DynamicCode: inline code', () => {
  it('flags eval of request data in Code.fromInline, naming the construct and the line', () => {
    const stack = newStack();
    nodeFunction(stack, 'Pay', lambda.Code.fromInline('exports.handler = async (event) => {\n  return eval(event.body);\n};'));
    const found = findingsOf(stack, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].findingId).toBe('Bulkhead-DynamicCode[Code.ZipFile:2]');
    expect(found[0].level).toBe('error');
    expect(found[0].threat).toBe('T6');
    expect(found[0].message).toContain('eval of a non-literal argument in Code.ZipFile:2');
  });

  it('reports each occurrence on its own, acknowledgeable by its key', () => {
    const stack = newStack();
    const fn = nodeFunction(
      stack,
      'Pay',
      lambda.Code.fromInline(
        [
          "const cp = require('child_process');",
          'exports.handler = async (event) => {',
          '  cp.exec(event.cmd);',
          '  return new Function(event.body)();',
          '};',
        ].join('\n'),
      ),
    );
    expect(keys(stack)).toEqual(['Bulkhead-DynamicCode[Code.ZipFile:3]', 'Bulkhead-DynamicCode[Code.ZipFile:4]']);
    Validations.of(fn).acknowledge({ id: 'Bulkhead-DynamicCode[Code.ZipFile:3]', reason: 'test: the command is validated upstream' });
    expect(keys(stack)).toEqual(['Bulkhead-DynamicCode[Code.ZipFile:4]']);
  });

  it('does not flag inline code that evaluates only literals or parses data', () => {
    const stack = newStack();
    nodeFunction(stack, 'Literal', lambda.Code.fromInline("exports.handler = async () => eval('1 + 1');"));
    nodeFunction(stack, 'Parse', lambda.Code.fromInline('exports.handler = async (event) => JSON.parse(event.body);'));
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('reads Python inline code: eval of input is flagged, literal_eval and comments are not', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(event, context):\n    return eval(event["body"])\n'),
    });
    new lambda.Function(stack, 'PySafe', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline(
        'import ast\n# never eval(x)\ndef handler(event, context):\n    return ast.literal_eval(event["body"])\n',
      ),
    });
    expect(flagged(stack, RULE)).toEqual([expect.stringMatching(/^Py[0-9A-F]{8}$/)]);
    expect(findingsOf(stack, RULE)[0].message).toContain('eval of a non-literal argument in Code.ZipFile:2');
  });

  it('reads L1 inline code with no runtime or a runtime from a parameter, but not non-JavaScript code there', () => {
    const stack = newStack();
    const runtime = new CfnParameter(stack, 'Runtime', { type: 'String' });
    const role = 'arn:aws:iam::111111111111:role/r';
    new lambda.CfnFunction(stack, 'NoRuntime', { role, code: { zipFile: 'exports.handler = (e) => eval(e.body);' } });
    new lambda.CfnFunction(stack, 'ParamRuntime', {
      role,
      runtime: runtime.valueAsString,
      handler: 'index.handler',
      code: { zipFile: 'exports.handler = (e) => eval(e.body);' },
    });
    new lambda.CfnFunction(stack, 'ParamRuntimePython', {
      role,
      runtime: runtime.valueAsString,
      handler: 'index.handler',
      code: { zipFile: 'def handler(e, c):\n    return eval(e)\n' },
    });
    expect(flagged(stack, RULE)).toEqual(['NoRuntime', 'ParamRuntime']);
  });

  it('reads a ZipFile built with intrinsic functions, deploy-time parts stood in for', () => {
    const stack = newStack();
    new lambda.CfnFunction(stack, 'Joined', {
      role: 'arn:aws:iam::111111111111:role/r',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: { zipFile: Fn.join('', ['exports.handler = (e) => eval(e.body); // ', Fn.ref('AWS::Region')]) },
    });
    new lambda.CfnFunction(stack, 'JoinedSafe', {
      role: 'arn:aws:iam::111111111111:role/r',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: { zipFile: Fn.join('', ['const region = "', Fn.ref('AWS::Region'), '"; exports.handler = async () => region;']) },
    });
    expect(flagged(stack, RULE)).toEqual(['Joined']);
  });

  it('reports Node.js inline code that does not parse, since it cannot be shown safe', () => {
    const stack = newStack();
    nodeFunction(stack, 'Broken', lambda.Code.fromInline('exports.handler = async () => {\n  return { ok: true ;\n};'));
    const found = findingsOf(stack, RULE);
    expect(found.map((f) => f.findingId)).toEqual(['Bulkhead-DynamicCode[Code.ZipFile:2]']);
    expect(found[0].message).toMatch(/Code\.ZipFile:2 could not be parsed \(.+\), so it was not checked/);
  });
});

describe('DynamicCode: local code assets', () => {
  it('flags each occurrence in an asset directory, by file and line, and skips node_modules', () => {
    const stack = newStack();
    nodeFunction(stack, 'Pay', lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler')));
    const found = findingsOf(stack, RULE);
    expect(found.map((f) => f.findingId)).toEqual(['Bulkhead-DynamicCode[index.js:3]', 'Bulkhead-DynamicCode[lib/shell.js:2]']);
    expect(found[0].message).toMatch(/eval of a non-literal argument in index\.js:3 \(code asset [^)]*unsafe-handler\)/);
    expect(found[1].message).toContain('child_process.execSync of a non-literal command in lib/shell.js:2');
    expect(found.some((f) => f.message.includes('node_modules'))).toBe(false);
  });

  it('reads the asset of a SecureFunction too', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Pay', {
      code: lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler')),
      handler: 'index.handler',
    });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(keys(stack)).toEqual(['Bulkhead-DynamicCode[index.js:3]', 'Bulkhead-DynamicCode[lib/shell.js:2]']);
  });

  it('finds the asset of an L1 CfnFunction given an Asset bucket and key', () => {
    const stack = newStack();
    const asset = new Asset(stack, 'Code', { path: path.join(ASSETS, 'unsafe-handler') });
    new lambda.CfnFunction(stack, 'Raw', {
      role: 'arn:aws:iam::111111111111:role/r',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: { s3Bucket: asset.s3BucketName, s3Key: asset.s3ObjectKey },
    });
    expect(keys(stack)).toEqual(['Bulkhead-DynamicCode[index.js:3]', 'Bulkhead-DynamicCode[lib/shell.js:2]']);
  });

  it('does not flag a clean asset, a bundled asset, or S3 code that is not a local asset', () => {
    const stack = newStack();
    nodeFunction(stack, 'Clean', lambda.Code.fromAsset(path.join(ASSETS, 'safe-locked')));
    nodeFunction(stack, 'Bundled', lambda.Code.fromAsset(path.join(ASSETS, 'bundled')));
    nodeFunction(stack, 'Remote', lambda.Code.fromBucketV2(s3.Bucket.fromBucketName(stack, 'Bucket', 'some-bucket'), 'code.zip'));
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('does not read the asset of a Python function', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler')),
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('reports a file that does not parse as a finding of its own, and still checks the others', () => {
    const stack = newStack();
    nodeFunction(stack, 'Broken', lambda.Code.fromAsset(path.join(ASSETS, 'broken')));
    const found = findingsOf(stack, RULE);
    expect(found.map((f) => f.findingId)).toEqual(['Bulkhead-DynamicCode[handler.js:2]']);
    expect(found[0].message).toMatch(/handler\.js:2 could not be parsed \(.+\), so it was not checked/);
  });

  it('parses an asset shared by 50 functions once per validation run', () => {
    const stack = newStack();
    const shared = lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler'));
    for (let i = 0; i < 25; i++) nodeFunction(stack, `Shared${i}`, shared);
    // Separate Code objects for the same directory stage to the same place, so they share the cache too.
    for (let i = 0; i < 25; i++) nodeFunction(stack, `Own${i}`, lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler')));
    const checks = new BulkheadChecks();
    const before = parseCount();
    const found = checks.findingsFor(stack).filter((f) => f.ruleId === 'Bulkhead-DynamicCode');
    expect(parseCount() - before).toBe(2); // index.js and lib/shell.js, node_modules unread
    expect(found).toHaveLength(100);
    // A new run re-reads the files (they may have changed between synths), again once.
    checks.findingsFor(stack);
    expect(parseCount() - before).toBe(4);
  });

  it('leaves SecureFunction with environment recycling (the recycler asset) without any finding', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Pay', {
      code: lambda.Code.fromInline('exports.handler = async (event) => JSON.parse(event.body);'),
      handler: 'index.handler',
      maxEnvironmentAge: Duration.hours(2),
    });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(findings(stack)).toEqual([]);
  });
});

describe('DynamicCode through bulkhead check', () => {
  it("flags the inline eval of insecure-function.yaml's PayFunction, not RefundFunction", async () => {
    const run = await bulkheadCheck(`${FIXTURES}/insecure-function.yaml`, '--format', 'json');
    const report = JSON.parse(run.stdout);
    const dynamic = report.findings.filter((f: any) => f.rule === 'Bulkhead-DynamicCode');
    expect(dynamic.map((f: any) => f.resource)).toEqual(['PayFunction']);
    expect(dynamic[0].level).toBe('error');
    expect(dynamic[0].message).toContain('eval of a non-literal argument in Code.ZipFile:1');
    expect(run.code).toBe(1);
  });

  describe('--assembly', () => {
    let dir: string;
    let outdir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-dynamic-code-'));
      outdir = path.join(dir, 'cdk.out');
      // The CDK CLI turns asset metadata on; without it a template does not say where its code is.
      const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
      const top = new Stack(app, 'Top', { env: { account: '111111111111', region: 'eu-west-1' } });
      nodeFunction(top, 'TopPay', lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler')));
      const prod = new Stage(app, 'prod', { env: { account: '111111111111', region: 'eu-west-1' } });
      const api = new Stack(prod, 'Api');
      nodeFunction(api, 'StagePay', lambda.Code.fromAsset(path.join(ASSETS, 'unsafe-handler')));
      nodeFunction(api, 'StageClean', lambda.Code.fromAsset(path.join(ASSETS, 'safe-locked')));
      app.synth();
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads each function's asset from cdk.out through aws:asset:path, in nested stages too", async () => {
      const run = await bulkheadCheck('--assembly', outdir, '--format', 'json');
      const report = JSON.parse(run.stdout);
      const dynamic = report.findings.filter((f: any) => f.rule === 'Bulkhead-DynamicCode');
      const byResource = (prefix: string) => dynamic.filter((f: any) => f.resource.startsWith(prefix)).map((f: any) => f.message);
      for (const prefix of ['TopPay', 'StagePay']) {
        const messages = byResource(prefix);
        expect(messages).toHaveLength(2);
        expect(messages).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/eval of a non-literal argument in index\.js:3 \(code asset [^)]*cdk\.out\/asset\.[0-9a-f]+\)/),
            expect.stringMatching(/child_process\.execSync of a non-literal command in lib\/shell\.js:2 /),
          ]),
        );
      }
      expect(byResource('StageClean')).toEqual([]);
      expect(run.code).toBe(1);
    });
  });
});
