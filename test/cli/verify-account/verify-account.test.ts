import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as http from 'http';
import { AddressInfo } from 'net';
import { BulkheadStage } from '../../../lib/stages';
import { DeployGuard } from '../../../lib/stages/deploy-guard';
import { StsEndpoint } from '../../support/sts-endpoint';
import { DEV, fakeAwsEnv, PIPELINE, PROD, restoreEnv, synthAssembly, verify } from './fixture';

let assembly: string;
let sts: StsEndpoint;

beforeAll(async () => {
  assembly = synthAssembly();
  sts = await StsEndpoint.start({ kind: 'identity', account: PROD });
});
afterAll(async () => {
  await sts.stop();
  fs.rmSync(assembly, { recursive: true, force: true });
});
beforeEach(() => {
  sts.requests.length = 0;
  fakeAwsEnv(sts.url);
});
afterEach(restoreEnv);

describe('outcomes', () => {
  test('caller in the stage account: exit 0, via the real SDK request', async () => {
    sts.behaviour = { kind: 'identity', account: PROD };
    const r = await verify(['--stage', 'prod', '--assembly', assembly]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(PROD);
    expect(r.out).toContain('payments-prod');
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0].method).toBe('POST');
    expect(sts.requests[0].form.get('Action')).toBe('GetCallerIdentity');
    // Signed with the credentials from the standard chain (here: the environment).
    expect(sts.requests[0].authorization).toContain('Credential=AKIA' + 'FAKE'.repeat(4));
  });

  test('stage matched by its id as well as its name', async () => {
    sts.behaviour = { kind: 'identity', account: DEV };
    expect((await verify(['--stage', 'payments-dev', '--assembly', assembly])).code).toBe(0);
    expect((await verify(['--stage', 'dev', '--assembly', assembly])).code).toBe(0);
  });

  test('caller in another stage account: exit 1 naming both accounts and both stages', async () => {
    sts.behaviour = { kind: 'identity', account: DEV };
    const r = await verify(['--stage', 'prod', '--assembly', assembly]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(DEV);
    expect(r.err).toContain(PROD);
    expect(r.err).toContain("stage 'payments-dev'");
    expect(r.err).toContain("stage 'payments-prod'");
    expect(r.out).toBe('');
  });

  test('allowed deployer account: exit 0 only when listed', async () => {
    sts.behaviour = { kind: 'identity', account: PIPELINE };
    expect((await verify(['--stage', 'prod', '--assembly', assembly])).code).toBe(1);
    const r = await verify(['--stage', 'prod', '--assembly', assembly, '--allow-account', '999999999999', '--allow-account', PIPELINE]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('allowed deployer');
  });

  test('DeployGuard.verify resolves the result the command prints', async () => {
    sts.behaviour = { kind: 'identity', account: DEV };
    const result = await DeployGuard.verify({ stage: 'prod', assemblyDir: assembly });
    expect(result).toMatchObject({ ok: false, callerAccount: DEV, expectedAccount: PROD, stage: 'payments-prod' });
    expect(result.callerArn).toContain(DEV);
    await expect(DeployGuard.verify({ stage: 'qa', assemblyDir: assembly })).rejects.toThrow(/stages: payments-dev, payments-prod/);
  });
});

describe('usage faults exit 2 without calling STS', () => {
  test.each([
    [['--stage', 'qa'], /stage 'qa' is not in the cloud assembly.*stages: payments-dev, payments-prod/],
    [[], /--stage is required/],
    [['--stage', 'prod', '--timeout', 'soon'], /--timeout must be a whole number/],
    [['--stage', 'prod', '--allow-account', '12345'], /allowedDeployerAccounts\[0\].*12-digit/],
  ])('%j', async (args, reason) => {
    const withAssembly = args.length ? [...args, '--assembly', assembly] : args;
    let code: number;
    let err: string;
    try {
      const r = await verify(withAssembly);
      code = r.code;
      err = r.err;
    } catch (e) {
      // UsageError: lib/cli/main.ts turns it into exit 2 with the same one-line reason.
      expect((e as Error).name).toBe('UsageError');
      code = 2;
      err = (e as Error).message;
    }
    expect(code).toBe(2);
    expect(err).toMatch(reason);
    expect(sts.requests).toHaveLength(0);
  });

  test('missing assembly', async () => {
    const r = await verify(['--stage', 'prod', '--assembly', `${assembly}-missing`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no cloud assembly/);
  });
});

describe('STS faults exit 2 with a one-line reason, never 0', () => {
  async function fault(args: string[] = []): Promise<{ err: string }> {
    const r = await verify(['--stage', 'prod', '--assembly', assembly, ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    if (process.env.SHOW_ERR) console.log(r.err);
    return r;
  }

  test('no credentials (empty env, config and credentials files, IMDS off)', async () => {
    fakeAwsEnv(sts.url, false);
    const r = await fault();
    expect(r.err).toMatch(/no AWS credentials/);
    expect(sts.requests).toHaveLength(0);
  });

  test('expired token', async () => {
    sts.behaviour = { kind: 'error', status: 403, code: 'ExpiredToken', message: 'The security token included in the request is expired' };
    expect((await fault()).err).toMatch(/expired \(ExpiredToken\)/);
  });

  test('access denied', async () => {
    sts.behaviour = {
      kind: 'error',
      status: 403,
      code: 'AccessDenied',
      message: 'User is not authorized to perform: sts:GetCallerIdentity',
    };
    expect((await fault()).err).toMatch(/refused the credentials \(AccessDenied\)/);
  });

  test('throttling: bounded attempts', async () => {
    sts.behaviour = { kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' };
    const r = await fault();
    expect(r.err).toMatch(/throttled/);
    expect(sts.requests.length).toBeGreaterThanOrEqual(1);
    expect(sts.requests.length).toBeLessThanOrEqual(2);
  });

  test('slow endpoint: --timeout 500 gives up with the timeout named', async () => {
    sts.behaviour = { kind: 'slow', delayMs: 20_000, account: PROD };
    const r = await fault(['--timeout', '500']);
    expect(r.err).toMatch(/did not answer within 500 ms/);
  });

  test('unreachable endpoint (connection refused)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    fakeAwsEnv(`http://127.0.0.1:${port}`);
    const r = await fault(['--timeout', '2000']);
    expect(r.err).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  test('malformed XML reply', async () => {
    sts.behaviour = { kind: 'raw', status: 200, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>3333' };
    expect((await fault()).err).toMatch(/malformed reply \(HTTP 200\)/);
  });

  test('reply without a 12-digit account', async () => {
    sts.behaviour = { kind: 'identity', account: '33333333333x' };
    expect((await fault()).err).toMatch(/malformed reply: account "33333333333x" is not 12 digits/);
  });

  test('server error with a non-XML body', async () => {
    sts.behaviour = { kind: 'raw', status: 500, body: 'upstream broke', contentType: 'text/plain' };
    expect((await fault()).err).toMatch(/malformed reply \(HTTP 500\)/);
  });
});

describe('a BulkheadStage inside another Stage (a wave of a pipeline)', () => {
  let waved: string;
  beforeAll(() => {
    waved = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-verify-wave-'));
    const app = new cdk.App({ outdir: waved });
    const wave = new cdk.Stage(app, 'wave');
    for (const [name, account] of [
      ['dev', DEV],
      ['prod', PROD],
    ]) {
      const stage = new BulkheadStage(wave, `payments-${name}`, { service: 'payments', spec: { name, account, region: 'eu-west-1' } });
      new cdk.CfnWaitConditionHandle(new cdk.Stack(stage, 'Api'), 'Placeholder');
    }
    app.synth();
  });
  afterAll(() => fs.rmSync(waved, { recursive: true, force: true }));

  test.each(['prod', 'payments-prod', 'wave/payments-prod'])(
    '--stage %s finds it: exit 0 for its account, 1 for the other',
    async (name) => {
      sts.behaviour = { kind: 'identity', account: PROD };
      const ok = await verify(['--stage', name, '--assembly', waved]);
      expect([ok.code, ok.err]).toEqual([0, '']);
      expect(ok.out).toContain("'wave/payments-prod'");
      sts.behaviour = { kind: 'identity', account: DEV };
      const refused = await verify(['--stage', name, '--assembly', waved]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("stage 'wave/payments-dev'");
    },
  );
});
