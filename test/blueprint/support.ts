import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { BulkheadChecks, FindingLevel } from '../../lib/checks';

export const ENV = { account: '111111111111', region: 'eu-west-1' };

/** An App whose cloud assembly goes to a fresh temporary directory. */
export function newApp(): App {
  return new App({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'blueprint-')) });
}

/** Error findings of the Bulkhead pack and every AwsSolutions/Serverless violation, as `rule at path` lines. */
export function allFindings(scope: IConstruct): string[] {
  const bulkhead = new BulkheadChecks()
    .findingsFor(scope)
    .filter((f) => f.level === FindingLevel.ERROR)
    .map((f) => `${f.findingId} at ${f.resourcePath}`);
  const nag = [new AwsSolutionsChecks(), new ServerlessChecks()]
    .flatMap((p) => p.validateScope(scope).violations)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
  return [...bulkhead, ...nag];
}

/** CloudFormation types of the resources under `scope`, sorted, with counts: a function's parts. */
export function partsOf(scope: IConstruct, stack: Stack): string[] {
  const types = scope.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
    .map((c) => c.cfnResourceType);
  return types.sort();
}
