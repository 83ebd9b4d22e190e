import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { BulkheadChecks } from '../../lib/checks';

/**
 * What docs/benchmark.md and the README say of the bench's baselines, checked: (b) has the same resources as a
 * SecureFunction and passes all three packs, so (c)/(b) compares like with like; (b0) is the lighter one, with 9
 * resources and 5 cdk-nag findings per function.
 */
const { CONTEXT, hardenedFunction, lightlyHardenedFunction, secureFunction } = require('../../bench/workloads/cases');

type Make = (scope: cdk.Stack, id: string) => { grantInvoke(p: iam.IPrincipal): unknown };

function oneFunction(make: Make): { stack: cdk.Stack; types: { [type: string]: number } } {
  const app = new cdk.App({ context: CONTEXT });
  const stage = new cdk.Stage(app, 'bench-dev', { env: { account: '111111111111', region: 'eu-west-1' } });
  const stack = new cdk.Stack(stage, 'Functions0');
  make(stack, 'Fn0').grantInvoke(new iam.AccountRootPrincipal());
  const types: { [type: string]: number } = {};
  for (const r of Object.values(cdk.assertions.Template.fromStack(stack).toJSON().Resources as { [id: string]: { Type: string } })) {
    types[r.Type] = (types[r.Type] ?? 0) + 1;
  }
  return { stack, types };
}

function findings(stack: cdk.Stack): string[] {
  const nag = [new AwsSolutionsChecks(), new ServerlessChecks()]
    .flatMap((p) => p.validateScope(stack).violations)
    .flatMap((v) => v.violatingResources.map(() => v.ruleName));
  return [...nag, ...new BulkheadChecks().findingsFor(stack).map((f) => f.findingId)];
}

test('(b) has the resources of a SecureFunction, type for type, and no finding from any pack', () => {
  const b = oneFunction(hardenedFunction);
  const c = oneFunction(secureFunction);
  expect(b.types).toEqual(c.types);
  expect(Object.values(c.types).reduce((x, y) => x + y, 0)).toBe(13);
  expect(findings(b.stack)).toEqual([]);
  expect(findings(c.stack)).toEqual([]);
});

test('(b0) is the lighter baseline: 9 resources, no alarms, 5 cdk-nag findings', () => {
  const b0 = oneFunction(lightlyHardenedFunction);
  expect(Object.values(b0.types).reduce((x, y) => x + y, 0)).toBe(9);
  expect(b0.types['AWS::CloudWatch::Alarm']).toBeUndefined();
  const nag = [new AwsSolutionsChecks(), new ServerlessChecks()]
    .flatMap((p) => p.validateScope(b0.stack).violations)
    .flatMap((v) => v.violatingResources.map(() => v.ruleName));
  expect(nag).toHaveLength(5);
});
