import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagPack } from 'cdk-nag';
import { BulkheadChecks, FailOn, FindingLevel } from '../../lib/checks';
import { SecureFunction } from '../../lib/function';
import { BULKHEAD_RULES } from '../../lib/checks/wiring';
import { newStack } from './support';

/** The pack's own behaviour: levels, failOn, acknowledgements, the plugin contract. Rules are tested one by one elsewhere. */

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');

/** A hardened function that nothing invokes: only the T8 warning. */
function lonelySecureFunction(stack: Stack): SecureFunction {
  return new SecureFunction(stack, 'Lonely', { code: CODE, handler: 'index.handler' });
}

/** A plain function with an open URL and two secret-looking variables: several error findings. */
function openFunction(stack: Stack): lambda.Function {
  const fn = new lambda.Function(stack, 'Open', {
    code: CODE,
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    environment: { API_TOKEN: 'x9Qz' + '7pLwQ2mVrTa', DB_PASSWORD: 'k2Jd' + '8sLq0WvXyZ' },
  });
  fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  return fn;
}

test('a cdk-nag v3 pack with one id per rule', () => {
  const pack = new BulkheadChecks();
  expect(pack).toBeInstanceOf(NagPack);
  expect(pack.name).toBe('Bulkhead');
  expect(pack.ruleIds).toEqual(BULKHEAD_RULES.map((w) => `Bulkhead-${w.rule.ruleName}`));
});

test('warnings are reported but fail the report only with failOn: WARNING', () => {
  const stack = newStack();
  lonelySecureFunction(stack);
  const findings = new BulkheadChecks().findingsFor(stack);
  expect(findings.map((f) => `${f.ruleId} ${f.level}`)).toEqual(['Bulkhead-UninvokedFunction warning']);
  const lenient = new BulkheadChecks().validateScope(stack);
  expect(lenient.success).toBe(true);
  expect(lenient.violations.map((v) => v.severity)).toEqual(['warning']);
  expect(new BulkheadChecks(undefined, { failOn: FailOn.WARNING }).validateScope(stack).success).toBe(false);
});

test('error findings fail the report; each names the resource, its logical id and the fix', () => {
  const stack = newStack();
  openFunction(stack);
  const findings = new BulkheadChecks().findingsFor(stack);
  const url = findings.find((f) => f.ruleId === 'Bulkhead-FunctionUrlAuth');
  expect(url).toMatchObject({ level: FindingLevel.ERROR, threat: 'T7', resourcePath: 'Test/Open/FunctionUrl/Resource' });
  expect(url!.logicalId).toMatch(/^OpenFunctionUrl/);
  expect(url!.message).toMatch(/Fix: /);
  expect(new BulkheadChecks().validateScope(stack).success).toBe(false);
});

test('several findings of one rule on one resource get their own ids; secrets never appear in messages', () => {
  const stack = newStack();
  openFunction(stack);
  const secrets = new BulkheadChecks().findingsFor(stack).filter((f) => f.ruleId === 'Bulkhead-EnvSecret');
  expect(secrets.map((f) => f.findingId).sort()).toEqual(['Bulkhead-EnvSecret[API_TOKEN]', 'Bulkhead-EnvSecret[DB_PASSWORD]']);
  for (const f of secrets) expect(f.message).not.toMatch(/x9Qz|k2Jd/);
});

test('acknowledging Rule[key] covers that finding only; acknowledging Rule covers all of them; a stack-level one covers its resources', () => {
  const one = newStack();
  Validations.of(openFunction(one)).acknowledge({ id: 'Bulkhead-EnvSecret[API_TOKEN]', reason: 'test value' });
  expect(
    new BulkheadChecks()
      .findingsFor(one)
      .filter((f) => f.ruleId === 'Bulkhead-EnvSecret')
      .map((f) => f.findingId),
  ).toEqual(['Bulkhead-EnvSecret[DB_PASSWORD]']);

  const all = newStack();
  Validations.of(openFunction(all)).acknowledge({ id: 'Bulkhead-EnvSecret', reason: 'test values' });
  expect(new BulkheadChecks().findingsFor(all).filter((f) => f.ruleId === 'Bulkhead-EnvSecret')).toEqual([]);

  const byStack = newStack();
  openFunction(byStack);
  Validations.of(byStack).acknowledge({ id: 'Bulkhead-FunctionUrlAuth', reason: 'public webhook, verifies signatures' });
  expect(new BulkheadChecks().findingsFor(byStack).filter((f) => f.ruleId === 'Bulkhead-FunctionUrlAuth')).toEqual([]);
});

test('registered on an App with Validations.of(app).addPlugins, error findings fail synth and acknowledged ones do not', () => {
  const app = new App();
  Validations.of(app).addPlugins(new BulkheadChecks(app));
  const stack = new Stack(app, 'Api', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = new SecureFunction(stack, 'Card', { code: CODE, handler: 'index.handler' });
  // A URL made beside the function, which SecureFunction's own addFunctionUrl would refuse: only the pack sees it.
  new lambda.FunctionUrl(stack, 'CardUrl', { function: fn, authType: lambda.FunctionUrlAuthType.NONE });
  expect(() => app.synth()).toThrow(/Bulkhead-FunctionUrlAuth/);

  const app2 = new App();
  Validations.of(app2).addPlugins(new BulkheadChecks(app2));
  const stack2 = new Stack(app2, 'Api', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn2 = new SecureFunction(stack2, 'Card', { code: CODE, handler: 'index.handler' });
  const url2 = new lambda.FunctionUrl(stack2, 'CardUrl', { function: fn2, authType: lambda.FunctionUrlAuthType.NONE });
  Validations.of(url2).acknowledge({ id: 'Bulkhead-FunctionUrlAuth', reason: 'public webhook that verifies an HMAC signature' });
  expect(() => app2.synth()).not.toThrow();
});

test('a second run after a fix sees the fix (no stale cache between runs)', () => {
  const stack = newStack();
  const fn = new lambda.Function(stack, 'Fn', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
  fn.grantInvoke(new iam.AccountRootPrincipal());
  const pack = new BulkheadChecks();
  expect(pack.findingsFor(stack).some((f) => f.ruleId === 'Bulkhead-ReservedConcurrency')).toBe(true);
  (fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = 5;
  expect(pack.findingsFor(stack).some((f) => f.ruleId === 'Bulkhead-ReservedConcurrency')).toBe(false);
});
