import { Stack, Stage, Token } from 'aws-cdk-lib';
import { ResolvedResource } from './resolve';

/**
 * Where a stack's template comes from and where it deploys to, for judgements across stacks: a stack of a CDK app
 * says it through its environment and stage; a template that `bulkhead check` read into an app of its own says it
 * through the origin the CLI records for it (its file, and the account, region and stack name the assembly states).
 */

/** What `bulkhead check` knows of a template it included. */
export interface StackOrigin {
  /** The account it deploys to, when the assembly states one. */
  readonly account?: string;
  /** The region it deploys to, when the assembly states one. */
  readonly region?: string;
  /** The CloudFormation stack name, when the assembly states it. */
  readonly stackName?: string;
  /** Templates of one group with no account stated are taken to deploy to one account (e.g. one assembly's stage). */
  readonly group?: string;
  /** How findings on other templates name one of its resources: its construct path, or its logical ID and file. */
  nameOf(logicalId: string): string;
}

const origins = new WeakMap<Stack, StackOrigin>();

/** Records where the template of `stack` comes from (bulkhead check). */
export function recordStackOrigin(stack: Stack, origin: StackOrigin): void {
  origins.set(stack, origin);
}

/** Where a stack deploys, as keys comparable across the stacks of one run. */
export interface StackPlacement {
  /** `account:<id>`, or `unknown-account:<group>` when no account is stated (one per stage or assembly). */
  readonly account: string;
  /** `region:<name>`, or `unknown-region:<group>`. */
  readonly region: string;
  /** The literal account id, when stated. */
  readonly accountId?: string;
  /** The CloudFormation stack name, when known before deployment. */
  readonly stackName?: string;
}

const literal = (value: string | undefined): string | undefined =>
  value === undefined || Token.isUnresolved(value) || value === 'unknown-account' || value === 'unknown-region' ? undefined : value;

/**
 * Where `stack` deploys. Stacks without a stated account are grouped by the stage holding them (stacks of one CDK
 * stage, or all templates of one `bulkhead check` run without an assembly, deploy together), never equated with
 * another stage's.
 */
export function placementOf(stack: Stack): StackPlacement {
  const origin = origins.get(stack);
  const group = origin ? (origin.group ?? '') : (Stage.of(stack)?.node.path ?? '');
  const accountId = literal(origin ? origin.account : stack.account);
  const region = literal(origin ? origin.region : stack.region);
  return {
    account: accountId !== undefined ? `account:${accountId}` : `unknown-account:${group}`,
    region: region !== undefined ? `region:${region}` : `unknown-region:${group}`,
    accountId,
    stackName: literal(origin ? origin.stackName : stack.stackName),
  };
}

/**
 * How a finding on a resource of `from`'s stack names `resource`: its logical ID in the same template, else its
 * construct path in a CDK app, or what `bulkhead check` recorded (a construct path, or the logical ID and file).
 */
export function placeOf(resource: ResolvedResource, from?: Stack): string {
  const stack = Stack.of(resource.node);
  if (from === stack) return resource.logicalId;
  return origins.get(stack)?.nameOf(resource.logicalId) ?? resource.node.node.path;
}
