import * as cdk from 'aws-cdk-lib';
import { BulkheadValidationError } from '../../lib/core/errors';
import { IsolatedStages, IsolatedStagesProps, StageSpec } from '../../lib/stages';

const DEV: StageSpec = { name: 'dev', account: '111111111111', region: 'eu-west-1' };
const STAGING: StageSpec = { name: 'staging', account: '222222222222', region: 'eu-west-1' };
const PROD: StageSpec = { name: 'prod', account: '333333333333', region: 'eu-west-1' };

function create(props: Partial<IsolatedStagesProps>): IsolatedStages {
  return new IsolatedStages(new cdk.App(), { service: 'payments', stages: [DEV, STAGING, PROD], ...props } as IsolatedStagesProps);
}

/** Each invalid input, the prop the message must name, and a fragment of the limit/fix it must state. */
const CASES: Array<[string, Partial<IsolatedStagesProps>, RegExp]> = [
  ['two stages share an account', { stages: [DEV, { ...PROD, account: DEV.account }] },
    /stages\[1\] \(prod\)\.account is "111111111111"; allowed: an account no other stage uses \(stage 'dev'.*T9.*Fix: create a separate AWS account/],
  ['account with 11 digits', { stages: [{ ...DEV, account: '11111111111' }] }, /stages\[0\] \(dev\)\.account is "11111111111"; allowed: a 12-digit AWS account id/],
  ['account with letters', { stages: [{ ...DEV, account: '11111111111a' }] }, /account is "11111111111a"; allowed: a 12-digit/],
  ['account as a number', { stages: [{ ...DEV, account: 111111111111 as unknown as string }] }, /account is 111111111111; allowed: a string account/],
  ['account is a token', { stages: [{ ...DEV, account: cdk.Aws.ACCOUNT_ID }] }, /account is "<token>"; allowed: a literal account, known at synth.*Fix: write the account out/],
  ['account from CDK_DEFAULT_ACCOUNT is missing', { stages: [{ ...DEV, account: undefined as unknown as string }] }, /stages\[0\] \(dev\)\.account is undefined; allowed: an explicit account \(threat T9/],
  ['region missing', { stages: [{ ...DEV, region: '' }] }, /region is ""; allowed: an explicit region/],
  ['region is a token', { stages: [{ ...DEV, region: cdk.Aws.REGION }] }, /region is "<token>"; allowed: a literal region/],
  ['region unknown', { stages: [{ ...DEV, region: 'eu-westt-1' }] }, /region is "eu-westt-1"; allowed: a region known to aws-cdk-lib.*additionalRegions/],
  ['stage name repeats', { stages: [DEV, { ...PROD, name: 'dev' }] }, /stages\[1\] \(dev\)\.name is "dev"; allowed: a name used once \(stages\[0\] already has it\)/],
  ['stage name not lower-kebab', { stages: [{ ...DEV, name: 'Dev' }] }, /stages\[0\]\.name is "Dev"; allowed: lower-kebab-case/],
  ['stage name too long', { stages: [{ ...DEV, name: 'development-1' }] }, /name is "development-1"; allowed: lower-kebab-case, 1-12 characters/],
  ['no stages', { stages: [] }, /stages is "0 stages"; allowed: at least one stage/],
  ['stages missing', { stages: undefined }, /stages is undefined; allowed: at least one stage/],
  ['service not kebab', { service: 'Payments_API' }, /service is "Payments_API"; allowed: lower-kebab-case, 1-24 characters/],
  ['budget not positive', { stages: [{ ...PROD, monthlyBudgetUsd: 0 }] }, /monthlyBudgetUsd is 0; allowed: a positive number of USD/],
  ['concurrency zero', { stages: [{ ...DEV, reservedConcurrentExecutions: 0 }] }, /reservedConcurrentExecutions is 0; allowed: an integer >= 1/],
  ['memory out of range', { stages: [{ ...DEV, memorySize: 64 }] }, /memorySize is 64; allowed: an integer 128-10240/],
  ['alarm e-mail malformed', { stages: [{ ...DEV, alarmEmails: ['ops-at-example.com'] }] }, /alarmEmails\[0\] is "ops-at-example.com"; allowed: an e-mail address/],
  ['deployer account is a stage account', { allowedDeployerAccounts: [PROD.account] },
    /allowedDeployerAccounts\[0\] is "333333333333"; allowed: a deployer \(pipeline\/tooling\) account that is no stage's account \(it is stage 'prod's/],
  ['deployer account malformed', { allowedDeployerAccounts: ['4444'] }, /allowedDeployerAccounts\[0\] is "4444"; allowed: a 12-digit/],
  ['additional region malformed', { additionalRegions: ['mars'] }, /additionalRegions\[0\] is "mars"; allowed: a region name/],
];

describe('IsolatedStages refuses unsafe or ambiguous stage lists at synth (T9)', () => {
  test.each(CASES)('%s', (_name, props, message) => {
    let error: unknown;
    try { create(props); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(BulkheadValidationError);
    expect((error as Error).message).toMatch(/^IsolatedStages: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/Fix: /);
  });

  test('every region of aws-cdk-lib\'s RegionInfo is accepted, including GovCloud and China', () => {
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
    expect(() => new IsolatedStages(stack as unknown as cdk.App, { service: 'payments', stages: [DEV] })).toThrow(/app is "S"; allowed: the cdk.App/);
  });
});
