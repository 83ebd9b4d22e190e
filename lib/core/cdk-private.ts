import { CfnMapping, CfnResource, IPolicyValidationPlugin, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Every use of aws-cdk-lib's non-public API, fenced here: none has a public equivalent in aws-cdk-lib 2.276 (the
 * public `Stage.policyValidationBeta1` prints a deprecation warning to the user). test/core/cdk-private.test.ts
 * fails, naming the installed aws-cdk-lib version, when CDK changes one of them.
 */

/**
 * A resource's own CloudFormation fragment (`{ Resources: { <id>: {...} } }`), overrides included, unresolved; for a
 * CfnMapping, `{ Mappings: { <id>: {...} } }` (CfnMapping has no public accessor for its contents).
 */
export function renderedFragment(node: CfnResource | CfnMapping): any {
  return (node as unknown as { _toCloudFormation(): any })._toCloudFormation();
}

/** The validation plugins registered on a stage with `Validations.of(stage).addPlugins`; undefined if CDK hides them. */
export function validationPluginsOf(stage: Stage): IPolicyValidationPlugin[] | undefined {
  const plugins = (stage as unknown as { _validationPlugins?: unknown })._validationPlugins;
  return Array.isArray(plugins) ? (plugins as IPolicyValidationPlugin[]) : undefined;
}

/** True when an s3_assets.Asset (a lambda.Code.fromAsset's asset) was created with bundling options. */
export function isBundledAsset(asset: IConstruct): boolean {
  return (asset as IConstruct & { isBundled?: unknown }).isBundled === true;
}

/**
 * The strings CDK's L1 validation refused where an object was required (a JSON document written as a string, which
 * CloudFormation accepts), read from its error text `<prop>: "<string>" should be an 'object'`.
 */
export function stringsRefusedAsObjects(message: string): string[] {
  return [...message.matchAll(/: ("(?:[^"\\]|\\.)*") should be an 'object'/g)].map((m) => JSON.parse(m[1]) as string);
}
