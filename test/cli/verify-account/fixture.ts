import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { run } from '../../../lib/cli/verify-account-command';
import { CliIo } from '../../../lib/cli/io';

export const DEV = '111111111111';
export const PROD = '333333333333';
export const PIPELINE = '444455556666';

/**
 * A cloud assembly shaped like IsolatedStages' output (one nested assembly per stage, stacks pinned to the stage's
 * account), built from plain cdk.Stages so these tests depend only on the deploy guard.
 */
export function synthAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-verify-'));
  const app = new cdk.App({ outdir });
  for (const [name, account] of [
    ['dev', DEV],
    ['prod', PROD],
  ]) {
    const stage = new cdk.Stage(app, `payments-${name}`, { env: { account, region: 'eu-west-1' } });
    for (const id of ['Api', 'Data']) new cdk.CfnWaitConditionHandle(new cdk.Stack(stage, id), 'Placeholder');
  }
  app.synth();
  return outdir;
}

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
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
];

/** Points the SDK at `endpointUrl` with fake credentials (built at run time) and empty config files. */
export function fakeAwsEnv(endpointUrl: string, withCredentials = true): void {
  for (const k of CLEARED) delete process.env[k];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-aws-'));
  fs.writeFileSync(path.join(dir, 'config'), '');
  fs.writeFileSync(path.join(dir, 'credentials'), '');
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_ENDPOINT_URL_STS = endpointUrl;
  process.env.AWS_REGION = 'eu-west-1';
  if (withCredentials) {
    process.env.AWS_ACCESS_KEY_ID = 'AKIA' + 'FAKE'.repeat(4);
    process.env.AWS_SECRET_ACCESS_KEY = 'fake/' + 'x'.repeat(35);
  }
}

export function restoreEnv(): void {
  for (const k of Object.keys(process.env)) if (!(k in SAVED)) delete process.env[k];
  Object.assign(process.env, SAVED);
}

/** Runs the command in-process and records what it wrote. */
export async function verify(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  };
  const code = await run(args, io);
  return { code, out, err };
}
