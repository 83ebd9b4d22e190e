import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { codeAsset } from '../../../../lib/checks/rules/lambda/code/asset-locator';
import { NODE_LOCKFILES } from '../../../../lib/checks/rules/lambda/code/lockfile-check';
import { SecureFunction } from '../../../../lib/function';
import { bulkheadCheck } from '../../../cli/check/recording-io';
import { findings, findingsOf, flagged, newStack } from '../../support';

const ASSETS = path.resolve(__dirname, '../../../fixtures/code/assets');
const RULE = 'AssetLockfile';

function fromAsset(stack: Stack, id: string, dir: string, runtime = lambda.Runtime.NODEJS_22_X): lambda.Function {
  return new lambda.Function(stack, id, { runtime, handler: 'index.handler', code: lambda.Code.fromAsset(dir) });
}

describe('AssetLockfile', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-lockfile-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('warns on an asset whose package.json declares dependencies without a lockfile', () => {
    const stack = newStack();
    fromAsset(stack, 'Unlocked', path.join(ASSETS, 'unlocked'));
    const found = findingsOf(stack, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('warning');
    expect(found[0].threat).toBe('T10');
    expect(found[0].message).toMatch(/code asset [^:]*unlocked: package\.json declares dependencies but there is no package-lock\.json, /);
  });

  it('warns on a requirements.txt that does not pin every requirement to one version (pip has no lockfile)', () => {
    const write = (name: string, text: string): string => {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'handler.py'), 'def handler(e, c):\n    return 1\n');
      fs.writeFileSync(path.join(dir, 'requirements.txt'), text);
      return dir;
    };
    const stack = newStack();
    fromAsset(stack, 'Loose', write('req-loose', 'requests\nboto3>=1.28\nflask==3.*\n'), lambda.Runtime.PYTHON_3_13);
    fromAsset(
      stack,
      'Pinned',
      write(
        'req-pinned',
        '# pip-compile output\n-r base.txt\nrequests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\nurllib3==2.2.1 ; python_version >= "3.8"\ngit+https://example.com/x.git@v1\n',
      ),
      lambda.Runtime.PYTHON_3_13,
    );
    const found = findingsOf(stack, RULE);
    expect(found.map((f) => f.logicalId)).toEqual([expect.stringMatching(/^Loose/)]);
    expect(found[0].message).toContain('requirements.txt does not pin requests, boto3, flask to an exact version (==)');
  });

  it('warns for a SecureFunction too', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Unlocked', {
      code: lambda.Code.fromAsset(path.join(ASSETS, 'unlocked')),
      handler: 'index.handler',
    });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(findings(stack).map((f) => f.ruleId)).toEqual(['Bulkhead-AssetLockfile']);
  });

  it.each(NODE_LOCKFILES)('accepts %s as the lockfile', (lockfile) => {
    const dir = path.join(tmp, lockfile.replace(/\W/g, '-'));
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(ASSETS, 'unlocked', 'package.json'), path.join(dir, 'package.json'));
    fs.copyFileSync(path.join(ASSETS, 'unlocked', 'index.js'), path.join(dir, 'index.js'));
    fs.writeFileSync(path.join(dir, lockfile), '{}');
    const stack = newStack();
    fromAsset(stack, 'Locked', dir);
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('accepts a locked asset, a bundled asset (no manifest) and a manifest with nothing to lock', () => {
    const stack = newStack();
    fromAsset(stack, 'Locked', path.join(ASSETS, 'safe-locked'));
    fromAsset(stack, 'Bundled', path.join(ASSETS, 'bundled'));
    fromAsset(stack, 'NoDeps', path.join(ASSETS, 'no-dependencies'));
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('counts an unreadable package.json as declaring dependencies', () => {
    const dir = path.join(tmp, 'bad-manifest');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ not json');
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 1;');
    const stack = newStack();
    fromAsset(stack, 'Bad', dir);
    expect(flagged(stack, RULE)).toHaveLength(1);
  });

  it('warns on a Pipfile without Pipfile.lock, not on a pyproject.toml with its uv.lock', () => {
    const stack = newStack();
    fromAsset(stack, 'PyUnlocked', path.join(ASSETS, 'python-unlocked'), lambda.Runtime.PYTHON_3_13);
    fromAsset(stack, 'PyLocked', path.join(ASSETS, 'python-locked'), lambda.Runtime.PYTHON_3_13);
    const found = findingsOf(stack, RULE);
    expect(found.map((f) => f.logicalId)).toEqual([expect.stringMatching(/^PyUnlocked/)]);
    expect(found[0].message).toContain('Pipfile without Pipfile.lock');
  });

  it('warns on a pyproject.toml declaring dependencies without a lock, not on one that only configures tools', () => {
    const deps = path.join(tmp, 'pyproject-deps');
    const tools = path.join(tmp, 'pyproject-tools');
    for (const d of [deps, tools]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(deps, 'pyproject.toml'), '[tool.poetry.dependencies]\nrequests = "^2"\n');
    fs.writeFileSync(path.join(tools, 'pyproject.toml'), '[tool.black]\nline-length = 100\n');
    const stack = newStack();
    fromAsset(stack, 'Deps', deps, lambda.Runtime.PYTHON_3_13);
    fromAsset(stack, 'Tools', tools, lambda.Runtime.PYTHON_3_13);
    expect(flagged(stack, RULE)).toEqual([expect.stringMatching(/^Deps/)]);
  });

  it('is not applicable to inline code, S3 code from parameters or container images', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Inline', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    });
    new lambda.Function(stack, 'Params', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromCfnParameters(),
    });
    new lambda.CfnFunction(stack, 'Image', {
      role: 'arn:aws:iam::111111111111:role/r',
      packageType: 'Image',
      code: { imageUri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/repo:latest' },
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('reads the asset named by aws:asset:path metadata on an L1 function', () => {
    const stack = newStack();
    const fn = new lambda.CfnFunction(stack, 'Raw', {
      role: 'arn:aws:iam::111111111111:role/r',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: { s3Bucket: 'some-bucket', s3Key: 'code.zip' },
    });
    fn.cfnOptions.metadata = { 'aws:asset:path': path.join(ASSETS, 'unlocked'), 'aws:asset:property': 'Code' };
    expect(flagged(stack, RULE)).toEqual(['Raw']);
  });

  it("judges SecureFunction's recycler asset (package.json + package-lock.json) compliant", () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Pay', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
      maxEnvironmentAge: Duration.hours(1),
    });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    const recycler = (fn.recycler as lambda.Function).node.defaultChild as lambda.CfnFunction;
    // The recycler's asset is found (so "no finding" below is a verdict, not a miss) and holds both files.
    const asset = codeAsset(recycler);
    expect(asset).toBeDefined();
    expect(fs.readdirSync(asset!.path).sort()).toEqual(expect.arrayContaining(['package-lock.json', 'package.json']));
    expect(flagged(stack, RULE)).toEqual([]);
    expect(findings(stack)).toEqual([]);
  });

  it('warns through bulkhead check --assembly, reading the asset from cdk.out', async () => {
    const outdir = path.join(tmp, 'cdk.out');
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'Api', { env: { account: '111111111111', region: 'eu-west-1' } });
    fromAsset(stack, 'Unlocked', path.join(ASSETS, 'unlocked'));
    fromAsset(stack, 'Locked', path.join(ASSETS, 'safe-locked'));
    app.synth();
    const run = await bulkheadCheck('--assembly', outdir, '--format', 'json');
    const report = JSON.parse(run.stdout);
    const warned = report.findings.filter((f: any) => f.rule === 'Bulkhead-AssetLockfile');
    expect(warned.map((f: any) => f.resource)).toEqual([expect.stringMatching(/^Unlocked/)]);
    expect(warned[0].level).toBe('warning');
    expect(warned[0].message).toMatch(/code asset [^:]*asset\.[0-9a-f]+: package\.json declares dependencies/);
  });
});
