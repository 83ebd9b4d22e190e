import * as cxapi from 'aws-cdk-lib/cx-api';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { AssemblyProblem, AssemblyUnreadable, openCloudAssembly } from '../cfn/assembly';
import { DeployGuardFault } from '../core/errors';

/** The metadata type under which a BulkheadStage records itself in each of its stacks. */
export const STAGE_METADATA = 'cdk-bulkhead:stage';

/** What a BulkheadStage records about itself in the cloud assembly. */
export interface StageRecord {
  readonly service: string;
  readonly name: string;
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  /** The stage's own `monthlyBudgetUsd`, for `bulkhead cost`; absent when it has none. */
  readonly monthlyBudgetUsd?: number;
}

/** One stack of a stage: where it deploys, and the role CDK Pipelines' deploy action (and `cdk deploy`) assumes for it. */
export interface AssemblyStack {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  /** The deploy role with the environment placeholders filled in, as CDK Pipelines fills them. */
  readonly deployRoleArn?: string;
}

/** A stage as recorded in a cloud assembly: one nested assembly, the account its stacks deploy to, and its stacks. */
export interface AssemblyStage {
  /** The stage id, e.g. `payments-prod` (the nested assembly's display name). */
  readonly id: string;
  readonly account: string;
  /** The regions its stacks deploy to, sorted. */
  readonly regions: string[];
  readonly stacks: AssemblyStack[];
}

/** The stages of a deploy: one, or every stage of an environment (prod in several regions). */
export interface AssemblySelection {
  readonly stages: AssemblyStage[];
  /** Every stage of the assembly by account, so a refusal can say whose credentials these are. */
  readonly stagesByAccount: { [account: string]: string[] };
}

// Faults reading the assembly or matching the stage: exit 2, one line.
export { DeployGuardFault };

function openAssembly(dir: string): cxapi.CloudAssembly {
  try {
    return openCloudAssembly(dir);
  } catch (e) {
    if (!(e instanceof AssemblyUnreadable)) throw e;
    if (e.problem === AssemblyProblem.UNREADABLE) throw new DeployGuardFault(`cannot read the cloud assembly at ${dir}: ${e.detail}`);
    throw new DeployGuardFault(`no cloud assembly at ${dir} (no manifest.json); run 'cdk synth' first or pass --assembly <dir>`);
  }
}

/**
 * The stages (nested assemblies) of the assembly at `dir`, at any depth (a BulkheadStage may sit inside another
 * Stage, e.g. a pipeline's wave), each with its own stacks and what BulkheadStage recorded. A stage's id is its
 * path (`wave/payments-prod`); a stage inside another is its own stage, not part of the outer one.
 */
export function readStages(dir: string): Array<{ id: string; stacks: cxapi.CloudFormationStackArtifact[]; record?: StageRecord }> {
  const out: Array<{ id: string; stacks: cxapi.CloudFormationStackArtifact[]; record?: StageRecord }> = [];
  const visit = (assembly: cxapi.CloudAssembly): void => {
    for (const nested of assembly.nestedAssemblies) {
      const stacks = nested.nestedAssembly.stacks;
      // A stage holding only stages deploys nothing itself: its stages are listed instead.
      if (stacks.length > 0 || nested.nestedAssembly.nestedAssemblies.length === 0) {
        out.push({ id: nested.displayName, stacks, record: stacks.map(recordOf).find((r) => r !== undefined) });
      }
      visit(nested.nestedAssembly);
    }
  };
  visit(openAssembly(dir));
  return out;
}

function recordOf(stack: cxapi.CloudFormationStackArtifact): StageRecord | undefined {
  // Through the artifact, not the manifest: CDK may write metadata to a file of its own (additionalMetadataFile).
  return stack.findMetadataByType(STAGE_METADATA)[0]?.data as unknown as StageRecord | undefined;
}

/** The deploy role as CDK Pipelines' deploy action fills its placeholders (cx-api's EnvironmentPlaceholders). */
function deployRole(stack: cxapi.CloudFormationStackArtifact): string | undefined {
  const arn = stack.assumeRoleArn;
  if (!arn) return undefined;
  const { account, region } = stack.environment;
  const partition = RegionInfo.get(region).partition ?? 'aws';
  return cxapi.EnvironmentPlaceholders.replace(arn, { accountId: account, region, partition });
}

/**
 * Finds `stage`: its id (`payments-prod`, or `wave/payments-prod` inside a Stage `wave`), else the stages of that environment (`prod`: one stage, or prod-eu and
 * prod-us declared with `environment: 'prod'`), else the one stage whose id ends in `-<stage>`. Every doubt is a
 * fault: an unknown or ambiguous name, no stacks, env-agnostic stacks, or several accounts in one stage.
 */
export function findStages(dir: string, stage: string): AssemblySelection {
  const stages = readStages(dir);
  const names = stages.map((s) => s.id);
  // A stage inside another Stage has the outer one's path in its id (wave/payments-prod): its own id matches too.
  let matches = stages.filter((s) => s.id === stage);
  if (matches.length === 0) {
    matches = stages.filter((s) => s.id.endsWith(`/${stage}`));
    if (matches.length > 1) {
      throw new DeployGuardFault(`stage '${stage}' is ambiguous in ${dir} (${matches.map((m) => m.id).join(', ')}); pass the stage id`);
    }
  }
  if (matches.length === 0) {
    matches = stages.filter((s) => s.record?.environment === stage);
    if (new Set(matches.map((m) => m.record?.service)).size > 1) {
      throw new DeployGuardFault(
        `stage '${stage}' is ambiguous in ${dir}: it is an environment of several services (${matches.map((m) => m.id).join(', ')}); pass the stage id`,
      );
    }
  }
  if (matches.length === 0) {
    matches = stages.filter((s) => s.id.endsWith(`-${stage}`));
    if (matches.length > 1) {
      throw new DeployGuardFault(`stage '${stage}' is ambiguous in ${dir} (${matches.map((m) => m.id).join(', ')}); pass the stage id`);
    }
  }
  if (matches.length === 0) {
    throw new DeployGuardFault(
      `stage '${stage}' is not in the cloud assembly at ${dir}; stages: ${names.length ? names.join(', ') : '(none)'}`,
    );
  }
  const selected = matches.map((found): AssemblyStage => {
    if (found.stacks.length === 0) {
      throw new DeployGuardFault(`stage '${found.id}' has no stacks in ${dir}; nothing to verify`);
    }
    const accounts = new Set(found.stacks.map((s) => s.environment.account));
    if (accounts.size > 1) {
      throw new DeployGuardFault(
        `stage '${found.id}' deploys to several accounts (${[...accounts].join(', ')}); one account per stage (T9)`,
      );
    }
    const account = found.stacks[0].environment.account;
    if (!/^\d{12}$/.test(account)) {
      throw new DeployGuardFault(`stage '${found.id}' has no explicit account (${account}); pin it with IsolatedStages (T9)`);
    }
    const stacks = found.stacks.map((s) => ({
      id: s.hierarchicalId,
      account: s.environment.account,
      region: s.environment.region,
      deployRoleArn: deployRole(s),
    }));
    return { id: found.id, account, regions: [...new Set(stacks.map((s) => s.region))].sort(), stacks };
  });
  const stagesByAccount: { [account: string]: string[] } = {};
  for (const s of stages) {
    for (const account of new Set(s.stacks.map((st) => st.environment.account))) {
      (stagesByAccount[account] ??= []).push(s.id);
    }
  }
  return { stages: selected, stagesByAccount };
}
