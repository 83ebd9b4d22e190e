import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadValidationError } from '../../lib/core/errors';
import { BulkheadChecks, FailOn } from '../../lib/checks';
import { SecureFunction } from '../../lib/function';
import { BulkheadStage, IsolatedStages, IsolatedStagesProps, StageSpec } from '../../lib/stages';

const DEV: StageSpec = { name: 'dev', account: '111111111111', region: 'eu-west-1' };
const STAGING: StageSpec = { name: 'staging', account: '222222222222', region: 'eu-west-1' };
const PROD: StageSpec = { name: 'prod', account: '333333333333', region: 'eu-west-1' };

function create(props: Partial<IsolatedStagesProps>): IsolatedStages {
  return new IsolatedStages(new cdk.App(), { service: 'payments', stages: [DEV, STAGING, PROD], ...props } as IsolatedStagesProps);
}

/** Each invalid input, the prop the message must name, and a fragment of the limit/fix it must state. */
const CASES: Array<[string, Partial<IsolatedStagesProps>, RegExp]> = [
  [
    'two stages share an account',
    { stages: [DEV, { ...PROD, account: DEV.account }] },
    /stages\[1\] \(prod\)\.account is "111111111111"; allowed: an account no stage of another environment uses \(stage 'dev'.*T9.*Fix: create a separate AWS account/,
  ],
  [
    'two stages of one environment in one account and region',
    {
      stages: [
        { ...PROD, name: 'prod-a', environment: 'prod' },
        { ...PROD, name: 'prod-b', environment: 'prod' },
      ],
    },
    /stages\[1\] \(prod-b\)\.region is "eu-west-1"; allowed: a region no other stage of account 333333333333 uses \(stage 'prod-a'/,
  ],
  [
    'environment not kebab',
    { stages: [{ ...PROD, environment: 'Prod' }] },
    /stages\[0\] \(prod\)\.environment is "Prod"; allowed: lower-kebab-case/,
  ],
  [
    'account with 11 digits',
    { stages: [{ ...DEV, account: '11111111111' }] },
    /stages\[0\] \(dev\)\.account is "11111111111"; allowed: a 12-digit AWS account id/,
  ],
  ['account with letters', { stages: [{ ...DEV, account: '11111111111a' }] }, /account is "11111111111a"; allowed: a 12-digit/],
  [
    'account as a number',
    { stages: [{ ...DEV, account: 111111111111 as unknown as string }] },
    /account is 111111111111; allowed: a string account/,
  ],
  [
    'account is a token',
    { stages: [{ ...DEV, account: cdk.Aws.ACCOUNT_ID }] },
    /account is "<token>"; allowed: a literal account, known at synth.*Fix: write the account out/,
  ],
  [
    'account from CDK_DEFAULT_ACCOUNT is missing',
    { stages: [{ ...DEV, account: undefined as unknown as string }] },
    /stages\[0\] \(dev\)\.account is undefined; allowed: an explicit account \(threat T9/,
  ],
  ['region missing', { stages: [{ ...DEV, region: '' }] }, /region is ""; allowed: an explicit region/],
  ['region is a token', { stages: [{ ...DEV, region: cdk.Aws.REGION }] }, /region is "<token>"; allowed: a literal region/],
  [
    'region unknown',
    { stages: [{ ...DEV, region: 'eu-westt-1' }] },
    /region is "eu-westt-1"; allowed: a region known to aws-cdk-lib.*additionalRegions/,
  ],
  [
    'stage name repeats',
    { stages: [DEV, { ...PROD, name: 'dev' }] },
    /stages\[1\] \(dev\)\.name is "dev"; allowed: a name used once \(stages\[0\] already has it\)/,
  ],
  ['stage name not lower-kebab', { stages: [{ ...DEV, name: 'Dev' }] }, /stages\[0\]\.name is "Dev"; allowed: lower-kebab-case/],
  [
    'stage name too long',
    { stages: [{ ...DEV, name: 'development-1' }] },
    /name is "development-1"; allowed: lower-kebab-case, 1-12 characters/,
  ],
  ['no stages', { stages: [] }, /stages is "0 stages"; allowed: at least one stage/],
  ['stages missing', { stages: undefined }, /stages is undefined; allowed: at least one stage/],
  ['service not kebab', { service: 'Payments_API' }, /service is "Payments_API"; allowed: lower-kebab-case, 1-24 characters/],
  ['budget not positive', { stages: [{ ...PROD, monthlyBudgetUsd: 0 }] }, /monthlyBudgetUsd is 0; allowed: a positive number of USD/],
  [
    'concurrency zero',
    { stages: [{ ...DEV, reservedConcurrentExecutions: 0 }] },
    /reservedConcurrentExecutions is 0; allowed: an integer >= 1/,
  ],
  ['memory out of range', { stages: [{ ...DEV, memorySize: 64 }] }, /memorySize is 64; allowed: an integer 128-10240/],
  [
    'alarm e-mail malformed',
    { stages: [{ ...DEV, alarmEmails: ['ops-at-example.com'] }] },
    /alarmEmails\[0\] is "ops-at-example.com"; allowed: an e-mail address/,
  ],
  [
    'deployer account is a stage account',
    { allowedDeployerAccounts: [PROD.account] },
    /allowedDeployerAccounts\[0\] is "333333333333"; allowed: a deployer \(pipeline\/tooling\) account that is no stage's account \(it is stage 'prod's/,
  ],
  ['deployer account malformed', { allowedDeployerAccounts: ['4444'] }, /allowedDeployerAccounts\[0\] is "4444"; allowed: a 12-digit/],
  ['additional region malformed', { additionalRegions: ['mars'] }, /additionalRegions\[0\] is "mars"; allowed: a region name/],
];

describe('IsolatedStages refuses unsafe or ambiguous stage lists at synth (T9)', () => {
  test.each(CASES)('%s', (_name, props, message) => {
    let error: unknown;
    try {
      create(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BulkheadValidationError);
    expect((error as Error).message).toMatch(/^IsolatedStages: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/Fix: /);
  });

  test("every region of aws-cdk-lib's RegionInfo is accepted, including GovCloud and China", () => {
    for (const region of ['us-gov-west-1', 'cn-north-1', 'ap-southeast-5', 'mx-central-1', 'eu-west-1']) {
      expect(() => create({ stages: [{ ...DEV, region }] })).not.toThrow();
    }
  });

  test('a region newer than aws-cdk-lib is accepted only when listed in additionalRegions', () => {
    const stages = [{ ...DEV, region: 'xx-newregion-1' }];
    expect(() => create({ stages })).toThrow(/region is "xx-newregion-1"/);
    expect(create({ stages, additionalRegions: ['xx-newregion-1'] }).stage('dev').region).toBe('xx-newregion-1');
  });

  test('IsolatedStages needs the App itself', () => {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'S');
    expect(() => new IsolatedStages(stack as unknown as cdk.App, { service: 'payments', stages: [DEV] })).toThrow(
      /app is "S"; allowed: the cdk.App/,
    );
  });
});

describe('BulkheadStage names itself and its spec in errors (not IsolatedStages)', () => {
  test.each([
    [
      'account malformed',
      { ...PROD, account: '12345' },
      /^BulkheadStage payments-prod: spec\.account is "12345"; allowed: a 12-digit AWS account id/,
    ],
    [
      'region unknown',
      { ...PROD, region: 'eu-westt-1' },
      /^BulkheadStage payments-prod: spec\.region is "eu-westt-1"; allowed: a region known/,
    ],
    ['name not kebab', { ...PROD, name: 'Prod' }, /^BulkheadStage payments-prod: spec\.name is "Prod"/],
  ])('%s', (_name, spec, message) => {
    expect(() => new BulkheadStage(new cdk.App(), 'payments-prod', { service: 'payments', spec })).toThrow(message);
  });

  test('service', () => {
    expect(() => new BulkheadStage(new cdk.App(), 'payments-prod', { service: 'Pay_ments', spec: PROD })).toThrow(
      /^BulkheadStage payments-prod: service is "Pay_ments"/,
    );
  });
});

describe('isolation holds app-wide: every IsolatedStages and BulkheadStage of the app (T9)', () => {
  test("a second IsolatedStages cannot put its prod on another service's dev account", () => {
    const app = new cdk.App();
    new IsolatedStages(app, { service: 'payments', stages: [DEV, STAGING, PROD] });
    expect(() => new IsolatedStages(app, { service: 'orders', stages: [{ ...PROD, account: DEV.account }] })).toThrow(
      /^IsolatedStages: stages\[0\] \(prod\)\.account is "111111111111"; allowed: an account no stage of another environment of this app uses \(stage payments-dev, environment 'dev'/,
    );
  });

  test('a standalone BulkheadStage cannot either', () => {
    const app = new cdk.App();
    new IsolatedStages(app, { service: 'payments', stages: [DEV, PROD] });
    expect(() => new BulkheadStage(app, 'billing-prod', { service: 'billing', spec: { ...PROD, account: DEV.account } })).toThrow(
      /^BulkheadStage billing-prod: spec\.account is "111111111111".*stage payments-dev/,
    );
  });

  test("two services may share an environment's account (same environment, e.g. both prod)", () => {
    const app = new cdk.App();
    new IsolatedStages(app, { service: 'payments', stages: [DEV, PROD] });
    expect(() => new IsolatedStages(app, { service: 'orders', stages: [PROD] })).not.toThrow();
  });

  test('a deployer account of one IsolatedStages cannot be a stage account of another, in either order', () => {
    const app = new cdk.App();
    new IsolatedStages(app, { service: 'payments', stages: [DEV], allowedDeployerAccounts: ['444455556666'] });
    expect(() => new IsolatedStages(app, { service: 'orders', stages: [{ ...PROD, account: '444455556666' }] })).toThrow(
      /stages\[0\] \(prod\)\.account is "444455556666"; allowed: an account that deploys no other stage \(IsolatedStages lists it/,
    );
    const app2 = new cdk.App();
    new IsolatedStages(app2, { service: 'orders', stages: [{ ...PROD, account: '444455556666' }] });
    expect(() => new IsolatedStages(app2, { service: 'payments', stages: [DEV], allowedDeployerAccounts: ['444455556666'] })).toThrow(
      /allowedDeployerAccounts\[0\] is "444455556666"; allowed: a deployer .* \(stage orders-prod deploys to it/,
    );
  });

  test('prod in two regions of one account, declared as one environment, is accepted; a third stage on that account is not', () => {
    const app = new cdk.App();
    const stages = new IsolatedStages(app, {
      service: 'payments',
      stages: [
        DEV,
        { name: 'prod-eu', environment: 'prod', account: PROD.account, region: 'eu-west-1' },
        { name: 'prod-us', environment: 'prod', account: PROD.account, region: 'us-east-1' },
      ],
    });
    expect(stages.stages.map((s) => `${s.node.path} ${s.account} ${s.region}`)).toEqual([
      'payments-dev 111111111111 eu-west-1',
      'payments-prod-eu 333333333333 eu-west-1',
      'payments-prod-us 333333333333 us-east-1',
    ]);
    expect(
      () =>
        new IsolatedStages(new cdk.App(), {
          service: 'payments',
          stages: [
            { name: 'prod-eu', environment: 'prod', account: PROD.account, region: 'eu-west-1' },
            { name: 'staging', account: PROD.account, region: 'us-east-1' },
          ],
        }),
    ).toThrow(
      /stages\[1\] \(staging\)\.account is "333333333333"; allowed: an account no stage of another environment uses \(stage 'prod-eu', environment 'prod'/,
    );
  });
});

describe('BulkheadStage failOn', () => {
  /** A SecureFunction nothing invokes: a warning-level finding (Bulkhead-UninvokedFunction), no error. */
  function uninvoked(stage: cdk.Stage): void {
    new SecureFunction(new cdk.Stack(stage, 'Service'), 'Charge', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
    });
  }

  test("the rulePack's failOn WARNING applies when the stage sets none; the stage's own failOn still wins", () => {
    const app = new cdk.App();
    const strict = new BulkheadStage(app, 'payments-dev', {
      service: 'payments',
      spec: DEV,
      rulePack: new BulkheadChecks(app, { failOn: FailOn.WARNING }),
    });
    uninvoked(strict);
    expect(strict.node.validate().join('\n')).toMatch(/Bulkhead-UninvokedFunction/);
    const relaxed = new BulkheadStage(app, 'payments-prod', {
      service: 'payments',
      spec: PROD,
      rulePack: new BulkheadChecks(app, { failOn: FailOn.WARNING }),
      failOn: FailOn.ERROR,
    });
    uninvoked(relaxed);
    expect(relaxed.node.validate().join('\n')).not.toMatch(/Bulkhead-UninvokedFunction/);
  });
});
