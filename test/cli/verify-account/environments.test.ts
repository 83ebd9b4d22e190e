import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { BulkheadStage, IsolatedStages } from '../../../lib/stages';
import { StsEndpoint } from '../../support/sts-endpoint';
import { DEV, fakeAwsEnv, PIPELINE, PROD, restoreEnv, verify } from './fixture';

const STAGING = '222222222222';

/**
 * A real IsolatedStages assembly: dev, prod in two regions of one account (environment `prod`), and a staging stage
 * whose stacks' synthesizer names a deploy role in dev's account (the mistake the pipeline guard exists for).
 */
function synthEnvironments(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-verify-env-'));
  const app = new cdk.App({ outdir });
  const stages = new IsolatedStages(app, {
    service: 'payments',
    stages: [
      { name: 'dev', account: DEV, region: 'eu-west-1', alarmEmails: ['dev@example.com'] },
      { name: 'prod-eu', environment: 'prod', account: PROD, region: 'eu-west-1' },
      { name: 'prod-us', environment: 'prod', account: PROD, region: 'us-east-1' },
    ],
  });
  for (const stage of stages.stages) new cdk.CfnWaitConditionHandle(new cdk.Stack(stage, 'Service'), 'Placeholder');
  const staging = new BulkheadStage(app, 'payments-staging', {
    service: 'payments',
    spec: { name: 'staging', account: STAGING, region: 'eu-west-1' },
  });
  new cdk.CfnWaitConditionHandle(
    new cdk.Stack(staging, 'Service', {
      synthesizer: new cdk.DefaultStackSynthesizer({
        deployRoleArn: `arn:\${AWS::Partition}:iam::${DEV}:role/cdk-hnb659fds-deploy-role-${DEV}-\${AWS::Region}`,
      }),
    }),
    'Placeholder',
  );
  app.synth();
  return outdir;
}

let assembly: string;
let sts: StsEndpoint;

beforeAll(async () => {
  assembly = synthEnvironments();
  sts = await StsEndpoint.start({ kind: 'identity', account: PROD });
});
afterAll(async () => {
  await sts.stop();
  fs.rmSync(assembly, { recursive: true, force: true });
});
beforeEach(() => {
  sts.requests.length = 0;
  sts.behaviour = { kind: 'identity', account: PROD };
  sts.assumeRole = { kind: 'grant' };
  fakeAwsEnv(sts.url);
});
afterEach(restoreEnv);

const actions = () => sts.requests.map((r) => `${r.form.get('Action')}${r.form.get('RoleArn') ? ` ${r.form.get('RoleArn')}` : ''}`);

describe('an environment in several regions (T9)', () => {
  test('--stage prod checks every stage of the environment, in each of its regions', async () => {
    const r = await verify(['--stage', 'prod', '--assembly', assembly]);
    expect(r.code).toBe(0);
    expect(actions()).toEqual(['GetCallerIdentity', 'GetCallerIdentity']);
    expect(r.out).toMatch(/stage 'payments-prod-eu', 'payments-prod-us' \(account 333333333333\) in eu-west-1, us-east-1/);
  });

  test("--stage prod with another account's credentials: exit 1", async () => {
    sts.behaviour = { kind: 'identity', account: DEV };
    const r = await verify(['--stage', 'prod', '--assembly', assembly]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /credentials belong to account 111111111111 \(stage 'payments-dev'.*stage 'payments-prod-eu' deploys to account 333333333333/,
    );
  });
});

describe("--assume-deploy-role: the role the deploy actions will assume, checked against the stage's account", () => {
  test("assumes each region's deploy role (placeholders filled as CDK Pipelines fills them) and checks its credentials: exit 0", async () => {
    const r = await verify(['--stage', 'prod', '--assembly', assembly, '--assume-deploy-role']);
    expect(r.code).toBe(0);
    expect(actions()).toEqual([
      `AssumeRole arn:aws:iam::${PROD}:role/cdk-hnb659fds-deploy-role-${PROD}-eu-west-1`,
      'GetCallerIdentity',
      `AssumeRole arn:aws:iam::${PROD}:role/cdk-hnb659fds-deploy-role-${PROD}-us-east-1`,
      'GetCallerIdentity',
    ]);
    // GetCallerIdentity is signed with the assumed session, not with the pipeline's own key.
    expect(sts.requests[1].authorization).toContain('Credential=ASIAFAKE');
    expect(r.out).toMatch(/ok: 2 deploy role\(s\) of stage 'payments-prod-eu', 'payments-prod-us'/);
  });

  test('a synthesizer whose deploy role is in another account than the stage: exit 1 naming the role, both accounts and the fix', async () => {
    const r = await verify(['--stage', 'staging', '--assembly', assembly, '--assume-deploy-role']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `refused: deploy role arn:aws:iam::${DEV}:role/cdk-hnb659fds-deploy-role-${DEV}-eu-west-1 gives account ${DEV} \\(stage 'payments-dev'.*but stage 'payments-staging' deploys to account ${STAGING}.*synthesizer`,
      ),
    );
  });

  test("AssumeRole refused: exit 2, and the pipeline's own credentials are never checked instead", async () => {
    sts.assumeRole = {
      kind: 'refuse',
      status: 403,
      code: 'AccessDenied',
      message: `User arn:aws:sts::${PIPELINE}:assumed-role/pipeline/x is not authorized to perform: sts:AssumeRole`,
    };
    sts.behaviour = { kind: 'identity', account: PROD };
    const r = await verify(['--stage', 'prod', '--assembly', assembly, '--assume-deploy-role']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      /STS refused AssumeRole of arn:aws:iam::333333333333:role\/cdk-hnb659fds-deploy-role-333333333333-eu-west-1 \(AccessDenied\); is the stage account bootstrapped/,
    );
    expect(actions().every((a) => a.startsWith('AssumeRole'))).toBe(true);
  });

  test("--allow-account is refused with --assume-deploy-role (the role's credentials must be the stage's own)", async () => {
    const r = await verify(['--stage', 'prod', '--assembly', assembly, '--assume-deploy-role', '--allow-account', PIPELINE]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--allow-account cannot be combined with --assume-deploy-role/);
    expect(sts.requests).toHaveLength(0);
  });
});
