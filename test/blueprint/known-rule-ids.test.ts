import { knownRuleIds } from '../../lib/blueprint/known-rule-ids';
import { BULKHEAD_RULES } from '../../lib/checks/wiring';

/**
 * The fence around cdk-nag's protected API: cdk-nag 3 lists no rule ids, so each pack is shown one resource with its
 * applyRule replaced by a recorder. If a cdk-nag release renames or hides applyRule, this fails first.
 */
test('every Bulkhead rule and the cdk-nag rules of AwsSolutions and Serverless are known', () => {
  const ids = knownRuleIds();
  for (const w of BULKHEAD_RULES) expect(ids.has(`Bulkhead-${w.rule.ruleName}`)).toBe(true);
  for (const id of [
    'AwsSolutions-IAM4',
    'AwsSolutions-IAM5',
    'AwsSolutions-L1',
    'AwsSolutions-S1',
    'AwsSolutions-SF1',
    'Serverless-LambdaDLQ',
    'Serverless-LambdaTracing',
    'Serverless-LambdaLatestVersion',
    'Serverless-SQSRedrivePolicy',
  ]) {
    expect(ids.has(id)).toBe(true);
  }
  expect([...ids].filter((id) => id.startsWith('AwsSolutions-')).length).toBeGreaterThan(100);
  expect([...ids].filter((id) => id.startsWith('Serverless-')).length).toBeGreaterThan(15);
  expect(ids.has('AwsSolutions-IAM99')).toBe(false);
});
