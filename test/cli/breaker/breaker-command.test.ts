import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BreakerControl, BreakerMode, BreakerState, CostBreaker, RestoreOutcome } from '../../../lib/breaker';
import { main } from '../../../lib/cli/main';
import { SecureFunction } from '../../../lib/function';
import { alarmEvent } from '../../breaker/alarm-event';
import { BreakerEndpoint } from '../../support/breaker-endpoint';
import { RecordingIo } from '../check/recording-io';

const HANDLER = path.join(__dirname, '../../../lib/breaker/runtime/breaker/index.js');
const SAVED = { ...process.env };
const CLEARED = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
];

const endpoint = new BreakerEndpoint();
let url: string;
let tripHandler: (event: any) => Promise<any>;
let configDir: string;

/** The real SDK chain pointed at the loopback endpoint, with fake credentials built at run time and empty config files. */
function awsEnv(withCredentials = true): void {
  for (const k of CLEARED) delete process.env[k];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: path.join(configDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(configDir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_LAMBDA: url,
    AWS_ENDPOINT_URL_SNS: url,
    AWS_ENDPOINT_URL_EVENTBRIDGE: url,
    AWS_REGION: 'eu-west-1',
    BULKHEAD_BREAKER_THROTTLE: 'cards-dev',
    BULKHEAD_BREAKER_NOTIFY: '',
    BULKHEAD_CONFLICT_DELAY_MS: '10',
    BULKHEAD_REQUEST_TIMEOUT_MS: '300',
  });
  if (withCredentials)
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIA' + 'FAKE'.repeat(4), AWS_SECRET_ACCESS_KEY: 'fake/' + 'x'.repeat(35) });
}

async function bulkhead(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = new RecordingIo();
  const code = await main(['breaker', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

/** cards-dev with a ceiling of 10, tripped by the real breaker handler. */
async function trippedCards(state: { reserved?: number; provisioned?: { [q: string]: number } } = { reserved: 10 }): Promise<void> {
  endpoint.addFunction('cards-dev', state);
  await tripHandler(alarmEvent('cards-dev'));
  expect(endpoint.fn('cards-dev').reserved).toBe(0);
  endpoint.calls.length = 0;
}

const writes = () => endpoint.operations().filter((o) => /^(Put|Delete|Tag|Untag)/.test(o));

beforeAll(async () => {
  url = await endpoint.start();
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-breaker-aws-'));
  fs.writeFileSync(path.join(configDir, 'config'), '');
  fs.writeFileSync(path.join(configDir, 'credentials'), '');
  awsEnv();
  jest.isolateModules(() => {
    tripHandler = require(HANDLER).handler;
  });
});
afterAll(async () => {
  await endpoint.stop();
  fs.rmSync(configDir, { recursive: true, force: true });
  process.env = SAVED;
});
beforeEach(() => {
  endpoint.reset();
  awsEnv();
});

describe('bulkhead breaker restore (real @aws-sdk/client-lambda against a loopback Lambda API)', () => {
  test('puts back the ceiling the breaker recorded, removes the record and says what it did', async () => {
    await trippedCards();
    const r = await bulkhead('restore', '--function', 'cards-dev');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(
      /^bulkhead breaker restore: restored cards-dev: reserved concurrency 0 -> 10; breaker record removed \(tripped at 20\d\d-/,
    );
    expect(endpoint.fn('cards-dev')).toEqual({ reserved: 10, provisioned: {}, tags: {} });
    expect(writes()).toEqual(['PutFunctionConcurrency', 'UntagResource']);
  });

  test('puts back provisioned concurrency on the aliases the trip removed it from', async () => {
    await trippedCards({ reserved: 20, provisioned: { live: 5 } });
    expect(endpoint.fn('cards-dev').provisioned).toEqual({});
    const r = await bulkhead('restore', '--function', 'cards-dev');
    expect(r.code).toBe(0);
    expect(r.out).toContain('reserved concurrency 0 -> 20, provisioned concurrency 5 on live');
    expect(endpoint.fn('cards-dev')).toEqual({ reserved: 20, provisioned: { live: 5 }, tags: {} });
    // Reserved first: provisioned concurrency is drawn from it.
    expect(writes()).toEqual(['PutFunctionConcurrency', 'PutProvisionedConcurrencyConfig', 'UntagResource']);
  });

  test('a function that had no reserved concurrency goes back to none', async () => {
    await trippedCards({});
    const r = await bulkhead('restore', '--function', 'cards-dev');
    expect(r.out).toContain('reserved concurrency 0 -> none (unreserved, as before the trip)');
    expect(endpoint.fn('cards-dev').reserved).toBeUndefined();
    expect(writes()).toEqual(['DeleteFunctionConcurrency', 'UntagResource']);
  });

  test('refuses (exit 1) a restore that would leave fewer than 100 unreserved executions, naming the numbers and the fix', async () => {
    endpoint.addFunction('batch-dev', { reserved: 850 });
    await trippedCards({ reserved: 100 });
    const r = await bulkhead('restore', '--function', 'cards-dev');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'bulkhead breaker restore: refused: restoring cards-dev to 100 would leave 50 unreserved concurrent executions in the account (now 150), ' +
        "below AWS's minimum of 100; lower other functions' reserved concurrency or ask AWS for a higher limit, then retry\n",
    );
    expect(writes()).toEqual([]);
    expect(endpoint.fn('cards-dev').reserved).toBe(0);
    expect(endpoint.fn('cards-dev').tags['bulkhead:breaker:reserved']).toBe('100');
  });

  test('a function that is not tripped: exit 0, nothing written', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    const r = await bulkhead('restore', '--function', 'cards-dev');
    expect(r).toEqual({
      code: 0,
      out: 'bulkhead breaker restore: cards-dev is not tripped (reserved concurrency 10); nothing to restore\n',
      err: '',
    });
    expect(writes()).toEqual([]);
  });

  test('at 0 without a breaker record: refused (exit 1), never guessed', async () => {
    endpoint.addFunction('cards-dev', { reserved: 0 });
    const r = await bulkhead('restore', '--function', 'cards-dev');
    expect(r.code).toBe(1);
    expect(r.err).toContain('cards-dev has reserved concurrency 0 but no breaker record');
    expect(r.err).toContain('aws lambda put-function-concurrency --function-name cards-dev');
    expect(writes()).toEqual([]);
  });

  test('a restore stopped half-way (ceiling back, record left) finishes on the next run', async () => {
    await trippedCards();
    endpoint.inject(
      { operation: 'UntagResource', status: 500, type: 'ServiceException' },
      { operation: 'UntagResource', status: 500, type: 'ServiceException' },
    );
    const first = await bulkhead('restore', '--function', 'cards-dev');
    expect(first.code).toBe(2);
    expect(first.err).toBe(
      'bulkhead breaker restore: Lambda UntagResource on cards-dev failed (ServiceException, HTTP 500): injected fault\n',
    );
    expect((await BreakerControl.status({ functionName: 'cards-dev' })).state).toBe(BreakerState.RESTORE_INCOMPLETE);
    const second = await bulkhead('restore', '--function', 'cards-dev');
    expect(second.code).toBe(0);
    expect(second.out).toContain('the ceiling was already back');
    expect(endpoint.fn('cards-dev')).toEqual({ reserved: 10, provisioned: {}, tags: {} });
  });

  test('BreakerControl.restore resolves what the command prints', async () => {
    await trippedCards();
    const result = await BreakerControl.restore({ functionName: 'cards-dev', region: 'eu-west-1' });
    expect(result).toMatchObject({ outcome: RestoreOutcome.RESTORED, functionName: 'cards-dev' });
    await expect(BreakerControl.restore({ functionName: 'cards-dev', timeoutMs: 0 })).rejects.toThrow(
      'timeout 0 ms is not an integer between 1 and 120000',
    );
  });
});

describe('faults exit 2 with one line (as verify-account)', () => {
  test.each([
    [
      'a missing function',
      [],
      /^bulkhead breaker restore: Lambda GetFunctionConfiguration on nobody-dev: no such function in this account and region/,
      'nobody-dev',
    ],
    [
      '429 twice',
      [
        { operation: 'GetFunctionConfiguration', status: 429, type: 'TooManyRequestsException' },
        { operation: 'GetFunctionConfiguration', status: 429, type: 'TooManyRequestsException' },
      ],
      /^bulkhead breaker restore: Lambda GetFunctionConfiguration on cards-dev was throttled \(TooManyRequestsException\) after 2 attempts; retry later\n$/,
      'cards-dev',
    ],
    [
      '500 twice',
      [
        { operation: 'GetFunctionConcurrency', status: 500, type: 'ServiceException' },
        { operation: 'GetFunctionConcurrency', status: 500, type: 'ServiceException' },
      ],
      /^bulkhead breaker restore: Lambda GetFunctionConcurrency on cards-dev failed \(ServiceException, HTTP 500\)/,
      'cards-dev',
    ],
    [
      '409 on the write',
      [{ operation: 'PutFunctionConcurrency', status: 409, type: 'ResourceConflictException' }],
      /^bulkhead breaker restore: Lambda PutFunctionConcurrency on cards-dev: the function is being updated \(ResourceConflictException\); retry when the update has finished\n$/,
      'cards-dev',
    ],
    [
      'a slow reply',
      [{ operation: 'ListTags', delayMs: 1500 }],
      /^bulkhead breaker restore: Lambda ListTags on cards-dev: no answer within 300 ms \(TimeoutError\); check the network or raise --timeout\n$/,
      'cards-dev',
    ],
  ])('%s', async (_name, faults, message, name) => {
    await trippedCards();
    endpoint.inject(...(faults as any[]));
    // Throttling backs off for about a second between attempts: only the slow reply gets the short bound.
    const timeout = _name === 'a slow reply' ? '300' : '5000';
    const r = await bulkhead('restore', '--function', name as string, '--timeout', timeout);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  test('429 once is retried and the restore completes', async () => {
    await trippedCards();
    endpoint.inject({ operation: 'PutFunctionConcurrency', status: 429, type: 'TooManyRequestsException' });
    expect((await bulkhead('restore', '--function', 'cards-dev')).code).toBe(0);
    expect(endpoint.fn('cards-dev').reserved).toBe(10);
  });

  test('no credentials in the chain', async () => {
    await trippedCards();
    awsEnv(false);
    const r = await bulkhead('restore', '--function', 'cards-dev', '--timeout', '2000');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bulkhead breaker restore: no AWS credentials found by the standard credential chain/);
    expect(endpoint.fn('cards-dev').reserved).toBe(0);
  });

  test('--profile: that profile alone, as verify-account; a missing one is a fault, not a fallback to the environment', async () => {
    await trippedCards();
    // A file of its own: the SDK caches shared files by path, and earlier tests read the empty one.
    const file = path.join(configDir, 'credentials-with-profile');
    fs.writeFileSync(file, `[ci]\naws_access_key_id = AKIA${'PROF'.repeat(4)}\naws_secret_access_key = fake/${'y'.repeat(35)}\n`);
    try {
      awsEnv(false);
      process.env.AWS_SHARED_CREDENTIALS_FILE = file;
      const missing = await bulkhead('restore', '--function', 'cards-dev', '--profile', 'nobody');
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/^bulkhead breaker restore: the profile gives no credentials .*no other source is tried/);
      expect(endpoint.calls).toEqual([]);
      const r = await bulkhead('restore', '--function', 'cards-dev', '--profile', 'ci');
      expect(r.code).toBe(0);
      expect(endpoint.fn('cards-dev').reserved).toBe(10);
    } finally {
      fs.rmSync(file);
    }
  });

  test.each([
    [
      { AWS_PROFILE: 'dev' },
      ['--profile', 'prod'],
      /ambiguous AWS credentials: --profile prod and AWS_PROFILE=dev name different profiles/,
    ],
    [{}, ['--profile', 'prod'], /ambiguous AWS credentials: profile 'prod' \(--profile\) and AWS_ACCESS_KEY_ID are both set/],
  ])('ambiguous credentials %j %j: exit 2 before any call', async (env, args, message) => {
    await trippedCards();
    Object.assign(process.env, env);
    const r = await bulkhead('restore', '--function', 'cards-dev', ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(endpoint.calls).toEqual([]);
  });

  test.each([
    [['restore'], /restore needs exactly one --function/],
    [['restore', '--function', 'a', '--function', 'b'], /restore needs exactly one --function/],
    [['restore', '--function', 'a', '--timeout', 'soon'], /--timeout must be a whole number of milliseconds/],
    [['reset', '--function', 'a'], /unknown subcommand 'reset'; use restore or status/],
    [['status', '--function', 'a', '--assembly', 'cdk.out'], /either --function or --assembly/],
    [['status', '--assembly', '/nonexistent/cdk.out'], /no such directory/],
  ])('usage %j: exit 2 without a call', async (args, message) => {
    const r = await bulkhead(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(endpoint.calls).toEqual([]);
  });
});

describe('bulkhead breaker status', () => {
  let assembly: string;

  beforeAll(() => {
    assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-breaker-asm-'));
    const app = new cdk.App({ outdir: assembly });
    const stage = new cdk.Stage(app, 'payments-dev', { env: { account: '111111111111', region: 'eu-west-1' } });
    const stack = new cdk.Stack(stage, 'Api');
    const code = lambda.Code.fromInline('exports.handler = async () => ({})');
    const cards = new SecureFunction(stack, 'Cards', { code, handler: 'index.handler', functionName: 'cards-dev' });
    const checkout = new SecureFunction(stack, 'Checkout', { code, handler: 'index.handler', functionName: 'checkout-dev' });
    const unnamed = new SecureFunction(stack, 'Unnamed', { code, handler: 'index.handler' });
    const breaker = new CostBreaker(stack, 'Breaker');
    breaker.protect(cards);
    breaker.protect(checkout, { mode: BreakerMode.NOTIFY });
    breaker.protect(unnamed);
    for (const fn of [cards, checkout, unnamed]) fn.grantInvoke(new iam.AccountRootPrincipal());
    app.synth();
  });
  afterAll(() => fs.rmSync(assembly, { recursive: true, force: true }));

  test('lists every protected function of the assembly, tripped or not; exit 1 when one is tripped', async () => {
    await trippedCards();
    endpoint.addFunction('checkout-dev', { reserved: 10 });
    const r = await bulkhead('status', '--assembly', assembly);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^payments-dev {2}cards-dev {2}THROTTLE {2}TRIPPED {2}tripped at 20\d\d-.*; recorded ceiling 10$/);
    expect(lines).toContain('payments-dev  checkout-dev  NOTIFY  CLOSED  closed (reserved concurrency 10)');
    expect(lines.find((l) => l.includes('Unnamed'))).toMatch(
      /name generated at deploy\) {2}THROTTLE {2}unknown: give the function a functionName/,
    );
    expect(lines[lines.length - 1]).toBe('1 of 3 protected functions tripped or at 0');
    expect(writes()).toEqual([]);
  });

  test('exit 0 when none is tripped; --stage filters by name or id', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    endpoint.addFunction('checkout-dev', { reserved: 10 });
    expect((await bulkhead('status', '--assembly', assembly, '--stage', 'dev')).code).toBe(0);
    const other = await bulkhead('status', '--assembly', assembly, '--stage', 'prod');
    expect(other).toMatchObject({
      code: 2,
      err: 'bulkhead breaker: --stage prod: no protected function in that stage; stages with a breaker: payments-dev\n',
    });
  });

  test('--function needs no assembly', async () => {
    await trippedCards();
    const r = await bulkhead('status', '--function', 'cards-dev');
    expect(r.code).toBe(1);
    expect(r.out).toContain('cards-dev  -  TRIPPED');
    const s = await BreakerControl.status({ functionName: 'cards-dev' });
    expect(s).toMatchObject({ state: BreakerState.TRIPPED, reservedConcurrency: 0, recordedCeiling: '10' });
  });
});
