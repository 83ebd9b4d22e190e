import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BulkheadBlueprint } from '../../lib/blueprint';
import { BulkheadChecks } from '../../lib/checks';
import { BulkheadToday } from '../../lib/core/today';
import { SecureFunction, SecureNodejsFunction } from '../../lib/function';

const KEY = BulkheadToday.CONTEXT_KEY;
const CODE = lambda.Code.fromInline('exports.handler = async () => ({});');

/** An App judging as of `today`: postCliContext, because tools/jest-env.js pins the key for every other App. */
function appOn(today: string): App {
  return new App({ postCliContext: { [KEY]: today }, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'today-')) });
}

describe('BulkheadToday: one source of "today"', () => {
  test('the test run pins it (tools/jest-env.js), so no verdict changes with the calendar', () => {
    expect(BulkheadToday.of(new App())).toBe('2026-11-30');
    expect(BulkheadToday.of(new Stack())).toBe('2026-11-30');
  });

  test('the nearest context wins (App, then Stage or Stack below it)', () => {
    const app = appOn('2027-01-01');
    const stage = new Stage(app, 'Later');
    stage.node.setContext(KEY, '2028-02-02');
    expect(BulkheadToday.of(new Stack(app, 'A'))).toBe('2027-01-01');
    expect(BulkheadToday.of(new Stack(stage, 'B'))).toBe('2028-02-02');
  });

  test('without the context key it is the current UTC date', () => {
    jest.useFakeTimers({ now: Date.parse('2031-02-03T23:59:00Z') });
    try {
      expect(BulkheadToday.of(new Construct(undefined as any, ''))).toBe('2031-02-03');
    } finally {
      jest.useRealTimers();
    }
  });

  test('a context value that is not a calendar date is refused, naming the key, the value and the fix', () => {
    expect(() => BulkheadToday.of(appOn('2027-02-30'))).toThrow(
      /^\(the App\): context cdk-bulkhead:today is "2027-02-30"; allowed: a calendar date written YYYY-MM-DD\. Fix: set it like -c cdk-bulkhead:today=2027-01-15/,
    );
  });
});

describe('the context reaches every dated verdict', () => {
  // nodejs24.x, the default runtime (Runtime.NODEJS_LATEST), is deprecated from 2028-04-30.
  test('SecureFunction: its default runtime is fine the day before AWS deprecates it and refused from that day', () => {
    expect(() => new SecureFunction(new Stack(appOn('2028-04-29'), 'S'), 'Fn', { code: CODE, handler: 'index.handler' })).not.toThrow();
    expect(() => new SecureFunction(new Stack(appOn('2028-04-30'), 'S'), 'Fn', { code: CODE, handler: 'index.handler' })).toThrow(
      /^S\/Fn: runtime \(the default, aws-cdk-lib's Runtime\.NODEJS_LATEST\) is "nodejs24\.x"; allowed: a runtime AWS still patches \(T8: deprecated on 2028-04-30, judged as of 2028-04-30\)\. Fix: set runtime to a newer Node\.js runtime AWS supports, or upgrade aws-cdk-lib/,
    );
    expect(
      () =>
        new SecureFunction(new Stack(appOn('2027-05-01'), 'S'), 'Fn', {
          code: CODE,
          handler: 'index.handler',
          runtime: lambda.Runtime.NODEJS_22_X,
        }),
    ).toThrow(/S\/Fn: runtime is "nodejs22\.x"; allowed: a runtime AWS still patches \(T8: nodejs22\.x was deprecated on 2027-04-30\)/);
  });

  test('SecureNodejsFunction checks its runtime against the same date (before bundling)', () => {
    const make = (today: string) => () =>
      new SecureNodejsFunction(new Stack(appOn(today), 'S'), 'Fn', { entry: 'src/missing.ts', runtime: lambda.Runtime.NODEJS_22_X });
    expect(make('2027-05-01')).toThrow(/S\/Fn: runtime is "nodejs22\.x".*deprecated on 2027-04-30/);
  });

  test("the pack's default is the context of the scope it checks; its today prop still wins", () => {
    const runtimeFinding = (app: App, today?: string) => {
      const stack = new Stack(app, 'S');
      new lambda.CfnFunction(stack, 'Fn', { code: { zipFile: 'x' }, role: 'arn:aws:iam::111111111111:role/r', runtime: 'nodejs24.x' });
      return new BulkheadChecks(undefined, { today })
        .findingsFor(stack)
        .filter((f) => f.ruleId === 'Bulkhead-DeprecatedRuntime')
        .map((f) => f.resourcePath);
    };
    expect(runtimeFinding(appOn('2028-04-29'))).toEqual([]);
    expect(runtimeFinding(appOn('2028-04-30'))).toEqual(['S/Fn']);
    expect(runtimeFinding(appOn('2028-04-30'), '2026-11-30')).toEqual([]);
  });

  test('a blueprint without today judges acknowledgements by the context of the App it was applied to', () => {
    const app = appOn('2027-06-01');
    const acme = new BulkheadBlueprint({ cdkNagPacks: false });
    acme.applyTo(app);
    expect(acme.today).toBe('2027-06-01');
    const role = new iam.Role(new Stack(app, 'Team', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Ops', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    acme.acknowledge(role, { id: 'Bulkhead-WildcardPermissions', reason: 'migration in progress', expires: '2027-05-31' });
    expect(() => app.synth()).toThrow(
      /Bulkhead-WildcardPermissions acknowledged at Team\/Ops expired on 2027-05-31 \(today is 2027-06-01\)/,
    );
  });
});
