import * as fs from 'fs';
import * as path from 'path';
import { App, InjectionContext, PropertyInjectors, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadBlueprint } from '../../lib/blueprint';
import { IsolatedStages } from '../../lib/stages';
import { ENV, newApp } from './support';

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const TODAY = '2026-11-30';

/** A role granting s3:* on *: Bulkhead-WildcardPermissions, which only an acknowledgement or a fix silences. */
function wildcardRole(stack: Stack, id = 'Ops'): iam.Role {
  const role = new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  return role;
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded');
}

describe('acknowledgements under the org policy', () => {
  test('an expired acknowledgement fails synth, naming the id, the path and the date', () => {
    const app = newApp();
    const acme = new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false });
    acme.applyTo(app);
    const role = wildcardRole(new Stack(app, 'Team', { env: ENV }));
    acme.acknowledge(role, { id: 'Bulkhead-WildcardPermissions', reason: 'migration in progress', expires: '2026-11-29' });
    const message = synthError(app);
    expect(message).toContain(
      'Bulkhead-AcknowledgementExpired: Bulkhead-WildcardPermissions acknowledged at Team/Ops expired on 2026-11-29',
    );
    // The expired acknowledgement hides nothing: the finding itself is back.
    expect(message).toMatch(/Bulkhead-WildcardPermissions\[[^\]]+\] \(T1\) at Team\/Ops\/DefaultPolicy\/Resource/);
  });

  test('a current acknowledgement holds, and the report gives its expiry; a plain one reads "no expiry"', () => {
    const app = newApp();
    const acme = new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false });
    acme.applyTo(app);
    const stack = new Stack(app, 'Team', { env: ENV });
    acme.acknowledge(wildcardRole(stack, 'A'), {
      id: 'Bulkhead-WildcardPermissions',
      reason: 'migration in progress',
      expires: '2027-01-15',
    });
    Validations.of(wildcardRole(stack, 'B')).acknowledge({ id: 'Bulkhead-WildcardPermissions', reason: 'legacy' });
    const assembly = app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'bulkhead-blueprint.json'), 'utf8'));
    const team = report.acknowledgements.filter((a: any) => a.by === 'team');
    expect(team).toEqual([
      { id: 'Bulkhead-WildcardPermissions', path: 'Team/A', reason: 'migration in progress', expires: '2027-01-15', by: 'team' },
      { id: 'Bulkhead-WildcardPermissions', path: 'Team/B', reason: 'legacy', expires: 'no expiry', by: 'team' },
    ]);
  });

  test('acknowledging a mandatory rule fails synth, both ways, naming the id, the path and the date', () => {
    const app = newApp();
    const acme = new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false, mandatoryRules: ['Bulkhead-WildcardPermissions'] });
    acme.applyTo(app);
    const stack = new Stack(app, 'Team', { env: ENV });
    acme.acknowledge(wildcardRole(stack, 'A'), {
      id: 'Bulkhead-WildcardPermissions[Action::s3:*]',
      reason: 'needed',
      expires: '2027-01-15',
    });
    Validations.of(wildcardRole(stack, 'B')).acknowledge({ id: 'Bulkhead-WildcardPermissions', reason: 'legacy' });
    const message = synthError(app);
    expect(message).toContain(
      'Bulkhead-MandatoryRuleAcknowledged: Bulkhead-WildcardPermissions[Action::s3:*] is acknowledged at Team/A (expires: 2027-01-15)',
    );
    expect(message).toContain(
      'Bulkhead-MandatoryRuleAcknowledged: Bulkhead-WildcardPermissions is acknowledged at Team/B (expires: no expiry)',
    );
  });

  test.each([
    [
      { id: 'Bulkhead-NoSuchRule', reason: 'x', expires: '2027-01-01' },
      'BulkheadBlueprint.acknowledge(Team): id is "Bulkhead-NoSuchRule"; allowed: a rule id of the Bulkhead, AwsSolutions or Serverless pack',
    ],
    [{ id: 'Bulkhead-SharedRole', reason: ' ', expires: '2027-01-01' }, 'reason is " "; allowed: a non-empty reason'],
    [
      { id: 'Bulkhead-SharedRole', reason: 'ok', expires: '01/03/2027' },
      'expires is "01/03/2027"; allowed: a calendar date written YYYY-MM-DD',
    ],
    [
      { id: 'Bulkhead-SharedRole', reason: 'ok', expires: '2027-02-30' },
      'expires is "2027-02-30"; allowed: a calendar date written YYYY-MM-DD',
    ],
    [
      { id: 'Bulkhead-SharedRole', reason: 'ok', expires: '2027-03-01' },
      'expires is "2027-03-01"; allowed: at most maxAcknowledgementDays (90) ahead of 2026-11-30, i.e. 2027-02-28 or earlier',
    ],
  ])('acknowledge(%j) is refused: %s', (ack, expected) => {
    const acme = new BulkheadBlueprint({ today: TODAY });
    const stack = new Stack(new App(), 'Team');
    expect(() => acme.acknowledge(stack, ack)).toThrow(expected);
  });
});

describe('bad blueprint input', () => {
  test('applyTo on something that is neither App nor Stage', () => {
    const stack = new Stack(new App(), 'Team');
    expect(() => new BulkheadBlueprint().applyTo(stack)).toThrow(
      'BulkheadBlueprint.applyTo: scope is "Team"; allowed: a cdk.App or a cdk.Stage. Fix: call applyTo(app)',
    );
  });

  test('an unknown rule id in mandatoryRules', () => {
    expect(() => new BulkheadBlueprint({ mandatoryRules: ['Bulkhead-EnvSecret', 'AwsSolutions-IAM99'] })).toThrow(
      'BulkheadBlueprint: mandatoryRules[1] is "AwsSolutions-IAM99"; allowed: a rule id of the Bulkhead, AwsSolutions or Serverless pack',
    );
  });

  test('cdk-nag ids are known too', () => {
    expect(() => new BulkheadBlueprint({ mandatoryRules: ['AwsSolutions-IAM4', 'Serverless-LambdaDLQ'] })).not.toThrow();
  });

  test.each([[0], [2.5], [5000]])('maxAcknowledgementDays %p', (days) => {
    expect(() => new BulkheadBlueprint({ maxAcknowledgementDays: days })).toThrow(
      `maxAcknowledgementDays is ${days}; allowed: a whole number of days 1-3650`,
    );
  });

  test.each<[object, string]>([
    [{ alarmEmails: ['oncall'] }, 'BulkheadBlueprint: alarmEmails[0] is "oncall"; allowed: an e-mail address'],
    [{ reservedConcurrentExecutions: 0 }, 'BulkheadBlueprint: reservedConcurrentExecutions is 0; allowed: a whole number >= 1'],
    [{ cdkHandlerConcurrency: 1.5 }, 'BulkheadBlueprint: cdkHandlerConcurrency is 1.5; allowed: a whole number >= 1'],
  ])('%j is refused', (props, message) => {
    expect(() => new BulkheadBlueprint(props)).toThrow(message);
  });

  test('a malformed today', () => {
    expect(() => new BulkheadBlueprint({ today: '30.11.2026' })).toThrow(
      'today is "30.11.2026"; allowed: a calendar date written YYYY-MM-DD',
    );
  });
});

describe('every Stage is checked', () => {
  test('a Stage made after applyTo is checked at synth', () => {
    const app = newApp();
    new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false }).applyTo(app);
    const late = new Stage(app, 'Late', { env: ENV });
    wildcardRole(new Stack(late, 'Team'));
    expect(synthError(app)).toMatch(/Bulkhead-WildcardPermissions\[[^\]]+\] \(T1\) at Late\/Team\/Ops\/DefaultPolicy\/Resource/);
  });

  test('a Stage outside the scope the blueprint was applied to fails synth', () => {
    const app = newApp();
    const covered = new Stage(app, 'Covered', { env: ENV });
    new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false }).applyTo(covered);
    new Stack(new Stage(app, 'Escaped', { env: ENV }), 'Team');
    expect(synthError(app)).toContain(
      'Bulkhead-EscapedStage: Stage Escaped is outside every scope the org blueprint was applied to (Covered)',
    );
  });
});

describe('unsafe props are refused, however they arrive', () => {
  test("a team's explicit unsafe prop on a plain Function", () => {
    const app = newApp();
    new BulkheadBlueprint({ today: TODAY }).applyTo(app);
    const stack = new Stack(app, 'Team', { env: ENV });
    expect(
      () =>
        new lambda.Function(stack, 'Pay', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X, retryAttempts: 5 }),
    ).toThrow(
      'Team/Pay: retryAttempts is 5; allowed: an integer 0-2 (T4: each retry multiplies every bad event). Fix: set retryAttempts to a whole number between 0 and 2.',
    );
  });

  test('a PropertyInjector of the team cannot smuggle a deprecated runtime past the blueprint', () => {
    const app = newApp();
    PropertyInjectors.of(app).add({
      constructUniqueId: lambda.Function.PROPERTY_INJECTION_ID,
      inject: (props: lambda.FunctionProps, _context: InjectionContext) => ({ ...props, runtime: lambda.Runtime.NODEJS_16_X }),
    });
    new BulkheadBlueprint({ today: TODAY }).applyTo(app);
    const stack = new Stack(app, 'Team', { env: ENV });
    expect(() => new lambda.Function(stack, 'Pay', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X })).toThrow(
      'Team/Pay: runtime is "nodejs16.x"; allowed: a runtime AWS still patches',
    );
  });
});

describe('functions built before applyTo', () => {
  test('are not hardened, are reported as such, and their findings fail synth', () => {
    const app = newApp();
    const stack = new Stack(app, 'Team', { env: ENV });
    new lambda.Function(stack, 'Early', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X });
    const acme = new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false });
    acme.applyTo(app);
    expect(synthError(app)).toContain('Bulkhead-ReservedConcurrency (T4) at Team/Early/Resource');
    expect(acme.report(app).functions).toEqual([{ path: 'Team/Early', kind: 'plain (not hardened)', overrides: [] }]);
  });
});

describe('with IsolatedStages', () => {
  test('a finding in a BulkheadStage fails synth once, not once per checker', () => {
    const app = newApp();
    new BulkheadBlueprint({ today: TODAY, cdkNagPacks: false }).applyTo(app);
    const stages = new IsolatedStages(app, { service: 'cards', stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }] });
    wildcardRole(new Stack(stages.stage('dev'), 'Team'));
    const message = synthError(app);
    const lines = message.split('\n').filter((l) => l.includes('Bulkhead-WildcardPermissions') && l.includes('allows Action "s3:*"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('cards-dev/Team/Ops/DefaultPolicy/Resource');
  });
});
