import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { BulkheadValidationError } from '../../lib/core/errors';
import { SecureFunction } from '../../lib/function';
import { IsolatedStages, StageSpec } from '../../lib/stages';
import { propertyRuns } from '../support/property';

/**
 * Random IsolatedStages specs: the app either synthesizes (every stage with a SecureFunction in it) or fails with an
 * error naming the prop: at construction a BulkheadValidationError `IsolatedStages: <prop> is ...`, at synth the
 * budget check naming monthlyBudgetUsd. No third outcome. Each run synthesizes up to four stages: a fixed-seed sample
 * in `npm test`, 200 runs in `npm run soak` (test/support/property.ts).
 */
const { numRuns: RUNS, seed: SEED } = propertyRuns({ runs: 24, soakRuns: 200 });

const NAMES = ['dev', 'staging', 'prod', 'qa'];
const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444'];

const spec: fc.Arbitrary<StageSpec> = fc.record(
  {
    name: fc.oneof(
      { arbitrary: fc.constantFrom(...NAMES), weight: 30 },
      { arbitrary: fc.constantFrom('Prod', '', 'a-stage-name-too-long'), weight: 1 },
    ),
    account: fc.oneof(
      { arbitrary: fc.constantFrom(...ACCOUNTS), weight: 8 },
      { arbitrary: fc.constantFrom('12345', '', '1111111111111'), weight: 1 },
    ),
    region: fc.oneof(
      { arbitrary: fc.constantFrom('eu-west-1', 'us-east-1', 'eu-central-1'), weight: 30 },
      { arbitrary: fc.constantFrom('mars-north-1', 'EU-WEST-1'), weight: 1 },
    ),
    monthlyBudgetUsd: fc.option(
      fc.oneof({ arbitrary: fc.constantFrom(100000, 1000), weight: 30 }, { arbitrary: fc.constantFrom(1, 0, -5), weight: 1 }),
      { nil: undefined },
    ),
    reservedConcurrentExecutions: fc.option(
      fc.oneof({ arbitrary: fc.integer({ min: 1, max: 50 }), weight: 30 }, { arbitrary: fc.constantFrom(0, 2.5), weight: 1 }),
      { nil: undefined },
    ),
    memorySize: fc.option(
      fc.oneof({ arbitrary: fc.constantFrom(128, 512, 1024), weight: 30 }, { arbitrary: fc.constantFrom(64, 20000), weight: 1 }),
      { nil: undefined },
    ),
    environment: fc.option(fc.oneof({ arbitrary: fc.constant('prod'), weight: 10 }, { arbitrary: fc.constant('Prod'), weight: 1 }), {
      nil: undefined,
    }),
    alarmEmails: fc.option(
      fc.oneof({ arbitrary: fc.constant(['ops@example.com']), weight: 30 }, { arbitrary: fc.constant(['not-an-address']), weight: 1 }),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['name', 'account', 'region'] },
) as fc.Arbitrary<StageSpec>;

const props = fc.record({
  service: fc.oneof(
    { arbitrary: fc.constant('payments'), weight: 30 },
    { arbitrary: fc.constantFrom('Payments', 'a-service-name-far-too-long-for-names', ''), weight: 1 },
  ),
  // Nine times in ten every stage gets a name and an account of its own (unless generated invalid), so that most
  // apps get as far as synth; the tenth keeps what was drawn, duplicates included.
  stages: fc.tuple(fc.array(spec, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 9 })).map(([specs, keep]) =>
    keep === 0
      ? specs
      : specs.map((st, i) => ({
          ...st,
          name: NAMES.includes(st.name) ? NAMES[i] : st.name,
          account: ACCOUNTS.includes(st.account) ? ACCOUNTS[i] : st.account,
        })),
  ),
});

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-stages-property-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('random stage specs: the app synthesizes, or the error names the prop', () => {
  const outcomes = { synthesized: 0, refused: 0, overBudget: 0 };
  fc.assert(
    fc.property(props, (p) => {
      const app = new cdk.App({ outdir: dir });
      let stages: IsolatedStages;
      try {
        stages = new IsolatedStages(app, { service: p.service, stages: p.stages.map(withoutUndefined) });
      } catch (e) {
        expect(e).toBeInstanceOf(BulkheadValidationError);
        expect((e as Error).message).toMatch(
          /^IsolatedStages: (service|stages\[\d+\]( \([^)]*\))?\.(name|environment|account|region|monthlyBudgetUsd|reservedConcurrentExecutions|memorySize|alarmEmails\[\d+\])) is /,
        );
        outcomes.refused++;
        return;
      }
      for (const stage of stages.stages) {
        const stack = new cdk.Stack(stage, 'Service');
        new SecureFunction(stack, 'Charge', {
          code: lambda.Code.fromInline('exports.handler = async () => 1;'),
          handler: 'index.handler',
        }).grantInvoke(new iam.AccountPrincipal(stack.account));
      }
      try {
        app.synth();
      } catch (e) {
        expect((e as Error).message).toMatch(/monthlyBudgetUsd/);
        outcomes.overBudget++;
        return;
      }
      outcomes.synthesized++;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  if (process.env.FC_DEBUG) console.log(outcomes);
  expect(outcomes.synthesized).toBeGreaterThan(RUNS / 10);
  expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
}, 600_000);
