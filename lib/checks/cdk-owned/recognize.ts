import { CustomResourceProviderBase, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';

/** A resource that aws-cdk-lib itself adds to an app (a deploy-time handler, its role and policies). */
export interface CdkOwner {
  /** The aws-cdk-lib construct the resource belongs to, as users know it, e.g. `aws_s3.Bucket (autoDeleteObjects)`. */
  readonly construct: string;
  /** The construct holding all of the handler's resources (its function, role and policies). */
  readonly root: IConstruct;
}

/** Markers aws-cdk-lib puts on its custom-resource handlers (read by its public `CustomResourceConfig` aspects). */
const SINGLETON_MARKER = 'aws:cdk:is-custom-resource-handler-singleton';
const PROVIDER_MARKER = 'aws:cdk:is-custom-resource-handler-customResourceProvider';
/** The metadata types the recognition reads; an assembly records them per construct path. */
export const CDK_HANDLER_MARKER_TYPES: readonly string[] = [SINGLETON_MARKER, PROVIDER_MARKER];

/**
 * Stack-level singletons by construct id: some carry no marker, and the id is what names the owning construct.
 * The hex tails are the UUIDs aws-cdk-lib 2.276 gives each singleton.
 */
const SINGLETON_IDS: ReadonlyArray<{ readonly id: RegExp; readonly construct: string }> = [
  {
    id: /^BucketNotificationsHandler050a0587b7544547bf325f094a3db834$/,
    construct: 'aws_s3.Bucket (addEventNotification: the BucketNotificationsHandler)',
  },
  { id: /^Custom::S3AutoDeleteObjectsCustomResourceProvider$/, construct: 'aws_s3.Bucket (autoDeleteObjects)' },
  { id: /^Custom::CDKBucketDeployment[0-9A-Fa-f]{32}/, construct: 'aws_s3_deployment.BucketDeployment' },
  { id: /^AWS679f53fac002430cb0da5b7982bd2287$/, construct: 'custom_resources.AwsCustomResource' },
  { id: /^LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a$/, construct: "aws_logs.LogRetention (a function's logRetention prop)" },
  { id: /^Custom::VpcRestrictDefaultSGCustomResourceProvider$/, construct: 'aws_ec2.Vpc (restrictDefaultSecurityGroup)' },
  { id: /^Custom::ECRAutoDeleteImagesCustomResourceProvider$/, construct: 'aws_ecr.Repository (emptyOnDelete)' },
  { id: /^Custom::CrossRegionExport(Writer|Reader)CustomResourceProvider$/, construct: 'Stack (crossRegionReferences)' },
  { id: /^AWSCDKCfnUtilsProviderCustomResourceProvider$/, construct: 'CfnUtils (CloudFormation JSON helpers)' },
  { id: /^Custom::S3ObjectCopy/, construct: 'aws_lambda (S3 object copy for Code.fromCustomCommand)' },
];

/** Children of a `custom_resources.Provider` that the framework makes (the user's own handlers are not among them). */
const PROVIDER_FRAMEWORK_IDS = new Set(['framework-onEvent', 'framework-isComplete', 'framework-onTimeout', 'waiter-state-machine']);

/**
 * The aws-cdk-lib construct that owns `node`, when `node` (or a construct above it, up to its stack) is one of
 * aws-cdk-lib's own deploy-time handlers: the S3 notifications handler, the autoDeleteObjects provider,
 * BucketDeployment's handler, AwsCustomResource's singleton, LogRetention, the custom-resource Provider framework,
 * and any other handler aws-cdk-lib marks as a custom-resource singleton or provider.
 */
export function cdkOwnerOf(node: IConstruct): CdkOwner | undefined {
  for (let c: IConstruct | undefined = node; c && !Stack.isStack(c); c = c.node.scope) {
    const parent = c.node.scope;
    const construct = ownerOfStep({
      id: c.node.id,
      parentIsStack: parent !== undefined && Stack.isStack(parent),
      parentIsProvider: parent instanceof cr.Provider,
      markers: c.node.metadata.map((m) => m.type),
      isProviderBase: c instanceof CustomResourceProviderBase,
    });
    if (construct !== undefined) return { construct, root: c };
  }
  return undefined;
}

/** What is known of one construct on the path from a resource up to its stack: in an app, or read from an assembly. */
interface PathStep {
  readonly id: string;
  /** Unknown (undefined) when read from an assembly: the singletons' ids are distinctive enough alone there. */
  readonly parentIsStack?: boolean;
  readonly parentIsProvider: boolean;
  /** Types of the construct metadata recorded on it (an assembly records them per path, too). */
  readonly markers: string[];
  /** Unknown (undefined) when read from an assembly: the marker alone is taken there. */
  readonly isProviderBase?: boolean;
}

/** The one recognition, step by step: the aws-cdk-lib construct a step shows the resource belongs to, if any. */
function ownerOfStep(step: PathStep): string | undefined {
  if (step.parentIsStack !== false) {
    const known = SINGLETON_IDS.find((s) => s.id.test(step.id));
    if (known) return known.construct;
  }
  if (step.parentIsProvider && PROVIDER_FRAMEWORK_IDS.has(step.id)) {
    return `custom_resources.Provider (its ${step.id} ${step.id.startsWith('waiter') ? 'state machine' : 'function'})`;
  }
  const marked = step.markers.includes(SINGLETON_MARKER) || (step.markers.includes(PROVIDER_MARKER) && step.isProviderBase !== false);
  return marked ? `an aws-cdk-lib custom-resource handler (${step.id})` : undefined;
}

/** The description aws-cdk-lib's Provider framework gives its functions: what shows a `framework-*` child is one in a template. */
const PROVIDER_FRAMEWORK_DESCRIPTION = 'AWS CDK resource provider framework - ';

/**
 * `cdkOwnerOf` for a resource of a synthesized template, which has no constructs: from its construct path (the
 * assembly's `aws:cdk:logicalId` metadata, or the template's `aws:cdk:path`), the construct metadata types the
 * assembly recorded on each of its ancestors, and its description. The same steps as in an app decide.
 */
export function cdkOwnerOfTemplateResource(
  constructPath: string,
  markersAt: (path: string) => string[],
  description: unknown,
): string | undefined {
  const ids = constructPath.replace(/^\//, '').split('/');
  const fromProvider = typeof description === 'string' && description.startsWith(PROVIDER_FRAMEWORK_DESCRIPTION);
  for (let i = ids.length - 1; i >= 1; i--) {
    const path = `/${ids.slice(0, i + 1).join('/')}`;
    const construct = ownerOfStep({ id: ids[i], parentIsProvider: fromProvider, markers: markersAt(path) });
    if (construct !== undefined) return construct;
  }
  return undefined;
}

/**
 * The aws-cdk-lib construct a function about to be created as `id` in `scope` belongs to, if any (a PropertyInjector
 * sees only the scope and the id: the function does not exist yet).
 */
export function cdkHandlerAt(scope: IConstruct, id: string): string | undefined {
  if (Stack.isStack(scope)) {
    const known = SINGLETON_IDS.find((s) => s.id.test(id));
    if (known) return known.construct;
  }
  if (scope instanceof cr.Provider && PROVIDER_FRAMEWORK_IDS.has(id)) return `custom_resources.Provider (its ${id} function)`;
  return cdkOwnerOf(scope)?.construct;
}
