import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { StsEndpoint } from '../../support/sts-endpoint';
import { fakeAwsEnv, PROD, restoreEnv, synthAssembly, verify } from './fixture';

let assembly: string;
let sts: StsEndpoint;
/** A loopback container-credentials endpoint: the source the SDK silently fell back to. It must never be asked. */
let container: http.Server;
let containerHits = 0;

const PROFILE_KEY = 'AKIA' + 'PROFILE'.padEnd(16, 'X');

beforeAll(async () => {
  assembly = synthAssembly();
  sts = await StsEndpoint.start({ kind: 'identity', account: PROD });
  container = http.createServer((_req, res) => {
    containerHits++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        AccessKeyId: 'AKIA' + 'CONTAINER'.padEnd(16, 'X'),
        SecretAccessKey: 'fake',
        Token: 'fake',
        Expiration: '2099-01-01T00:00:00Z',
      }),
    );
  });
  await new Promise<void>((resolve) => container.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await sts.stop();
  await new Promise<void>((resolve) => container.close(() => resolve()));
  fs.rmSync(assembly, { recursive: true, force: true });
});
beforeEach(() => {
  sts.requests.length = 0;
  containerHits = 0;
  fakeAwsEnv(sts.url, false);
  // What CodeBuild and ECS set: container credentials are always there to fall back to.
  process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${(container.address() as AddressInfo).port}/creds`;
  fs.writeFileSync(
    process.env.AWS_SHARED_CREDENTIALS_FILE!,
    `[ci]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = fake-profile-secret\n`,
  );
});
afterEach(restoreEnv);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    return await verify(['--stage', 'prod', '--assembly', assembly, ...args]);
  } catch (e) {
    // UsageError: lib/cli/main.ts turns it into exit 2 with the same one-line reason.
    return { code: (e as Error).name === 'UsageError' ? 2 : -1, out: '', err: (e as Error).message };
  }
}

test("--profile is accepted, and only that profile's credentials sign the request", async () => {
  const r = await run(['--profile', 'ci']);
  expect(r.code).toBe(0);
  expect(sts.requests[0].authorization).toContain(`Credential=${PROFILE_KEY}`);
  expect(containerHits).toBe(0);
});

test('AWS_PROFILE works the same way', async () => {
  process.env.AWS_PROFILE = 'ci';
  expect((await run([])).code).toBe(0);
  expect(sts.requests[0].authorization).toContain(`Credential=${PROFILE_KEY}`);
});

test.each([
  ['--profile naming a missing profile', ['--profile', 'prod-deployer'], {}],
  ['AWS_PROFILE naming a missing profile', [], { AWS_PROFILE: 'prod-deployer' }],
])("%s: exit 2, one line, and no fallback to the container's credentials", async (_name, args, env) => {
  Object.assign(process.env, env);
  const r = await run(args as string[]);
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/the profile gives no credentials .*no other source is tried.*\[prod-deployer\]/);
  expect(containerHits).toBe(0);
  expect(sts.requests).toHaveLength(0);
});

test.each([
  [
    'an access key without its secret',
    [],
    { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' },
    /AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY/,
  ],
  ['a secret without its key', [], { AWS_SECRET_ACCESS_KEY: 'fake' }, /AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID/],
  ['a session token without keys', [], { AWS_SESSION_TOKEN: 'fake' }, /AWS_SESSION_TOKEN is set without/],
  [
    'a profile and static keys at once',
    ['--profile', 'ci'],
    { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'fake' },
    /profile 'ci' \(--profile\) and AWS_ACCESS_KEY_ID are both set/,
  ],
  [
    '--profile and AWS_PROFILE disagreeing',
    ['--profile', 'ci'],
    { AWS_PROFILE: 'other' },
    /--profile ci and AWS_PROFILE=other name different profiles/,
  ],
  [
    'AWS_DEFAULT_PROFILE alone (the SDK ignores it)',
    [],
    { AWS_DEFAULT_PROFILE: 'ci' },
    /AWS_DEFAULT_PROFILE=ci is set, which the AWS SDK for JavaScript ignores/,
  ],
  [
    'AWS_ROLE_ARN without a token file',
    [],
    { AWS_ROLE_ARN: 'arn:aws:iam::333333333333:role/x' },
    /AWS_ROLE_ARN is set without AWS_WEB_IDENTITY_TOKEN_FILE/,
  ],
  ['an empty --profile', ['--profile', ''], {}, /--profile is empty/],
])('ambiguous setup refused with exit 2 and one line: %s', async (_name, args, env, reason) => {
  Object.assign(process.env, env);
  const r = await run(args as string[]);
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/ambiguous AWS credentials: /);
  expect(r.err).toMatch(reason);
  expect(sts.requests).toHaveLength(0);
  expect(containerHits).toBe(0);
});
