import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import * as fc from 'fast-check';
import { BulkheadChecks } from '../../lib/checks';
import { BulkheadValidationError } from '../../lib/core/errors';
import { SecureFunction, SecureFunctionProps } from '../../lib/function';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
const NAMES = ['TABLE_NAME', 'API_TOKEN', 'DB_PASSWORD', 'MODE', 'bad-name', '9LIVES', 'AWS_REGION', 'AWS_NODEJS_CONNECTION_REUSE_ENABLED'];
const VALUES = ['cards', '1', 'true', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:x', 'x9Qz' + '7pLwQ2mVrT', 'AKIA' + 'FAKEFAKEFAKEFAKE'];
const PROPS = ['retryAttempts', 'maxEventAge', 'timeout', 'memorySize', 'reservedConcurrentExecutions', 'maxEnvironmentAge', 'environment', 'costAlarmThresholdUsdPerHour'];

/** Mostly valid values, sometimes anything in a wider range, so both outcomes are explored. */
function mostly<T>(valid: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: any, weight: 1 }), { nil: undefined, freq: 3 });
}
const seconds = (a: fc.Arbitrary<number>) => a.map((s) => Duration.seconds(s));
const GOOD_NAMES = ['TABLE_NAME', 'MODE', 'AWS_NODEJS_CONNECTION_REUSE_ENABLED', 'API_TOKEN', 'DB_PASSWORD'];
const GOOD_VALUES = ['cards', '1', 'true', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:x'];

const propsArb = fc.record({
  retryAttempts: mostly(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -2, max: 4 })),
  maxEventAge: mostly(seconds(fc.integer({ min: 60, max: 21600 })), seconds(fc.integer({ min: 0, max: 30000 }))),
  timeout: mostly(seconds(fc.integer({ min: 1, max: 900 })), seconds(fc.integer({ min: 1, max: 1000 }))),
  memorySize: mostly(fc.integer({ min: 128, max: 10240 }), fc.integer({ min: 64, max: 12000 })),
  reservedConcurrentExecutions: mostly(fc.integer({ min: 1, max: 1000 }), fc.oneof(fc.integer({ min: -3, max: 0 }), fc.constant(2.5))),
  maxEnvironmentAge: mostly(fc.integer({ min: 15, max: 1440 }).map((m) => Duration.minutes(m)), fc.integer({ min: 5, max: 1600 }).map((m) => Duration.minutes(m))),
  environment: mostly(
    fc.dictionary(fc.constantFrom(...GOOD_NAMES), fc.constantFrom(...GOOD_VALUES), { maxKeys: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES), { maxKeys: 3 })),
  tracing: fc.option(fc.constantFrom(lambda.Tracing.ACTIVE, lambda.Tracing.PASS_THROUGH, lambda.Tracing.DISABLED), { nil: undefined }),
  costAlarmThresholdUsdPerHour: mostly(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.oneof(fc.double({ min: -1, max: 1 }), fc.constant(0))),
  architecture: fc.option(fc.constantFrom(lambda.Architecture.ARM_64, lambda.Architecture.X86_64), { nil: undefined }),
});

/** Thousands per run by default; FC_RUNS overrides (e.g. 20000 for a long soak), FC_SEED replays a failure. */
const RUNS = Number(process.env.FC_RUNS ?? 2000);

test('random props: synthesizes with zero error findings from every pack, or a BulkheadValidationError naming a prop', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-property-'));
  let accepted = 0;
  let rejected = 0;
  fc.assert(fc.property(propsArb, (generated) => {
    const props = Object.fromEntries(Object.entries(generated).filter(([, v]) => v !== undefined)) as Partial<SecureFunctionProps>;
    const app = new App({ outdir });
    const stack = new Stack(app, 'P', { env: { account: '111111111111', region: 'eu-west-1' } });
    try {
      new SecureFunction(stack, 'Fn', { code: CODE, handler: 'index.handler', ...props });
    } catch (e) {
      expect(e).toBeInstanceOf(BulkheadValidationError);
      expect(PROPS.some((p) => (e as Error).message.includes(`P/Fn: ${p}`))).toBe(true);
      rejected++;
      return;
    }
    const packs = [new AwsSolutionsChecks(), new ServerlessChecks(), new BulkheadChecks()];
    const errors = packs.flatMap((p) => p.validateScope(stack).violations).filter((v: any) => v.severity === 'error');
    expect(errors).toEqual([]);
    expect(app.synth().getStackByName('P').template.Resources).toBeDefined();
    accepted++;
  }), { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? Date.now() % 100000) });
  fs.rmSync(outdir, { recursive: true, force: true });
  // Both outcomes must actually occur, or the generator is not exploring.
  expect(accepted).toBeGreaterThan(RUNS / 6);
  expect(rejected).toBeGreaterThan(RUNS / 6);
}, 600_000);
