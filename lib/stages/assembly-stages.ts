import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { DeployGuardFault } from '../core/errors';

/** A stage as recorded in a cloud assembly: one nested assembly, its stacks' single account and region. */
export interface AssemblyStage {
  /** The stage id, e.g. `payments-prod` (the nested assembly's display name). */
  readonly id: string;
  readonly account: string;
  readonly region: string;
  /** Every stage of the assembly by account, so a refusal can say whose credentials these are. */
  readonly stagesByAccount: { [account: string]: string[] };
}

// Faults reading the assembly or matching the stage: exit 2, one line.
export { DeployGuardFault };

function openAssembly(dir: string): cxapi.CloudAssembly {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new DeployGuardFault(`no cloud assembly at ${dir} (no manifest.json); run 'cdk synth' first or pass --assembly <dir>`);
  }
  try {
    return new cxapi.CloudAssembly(dir);
  } catch (e) {
    throw new DeployGuardFault(`cannot read the cloud assembly at ${dir}: ${String((e as Error).message ?? e).split('\n')[0]}`);
  }
}

/** The stages (nested assemblies) of the assembly at `dir`, with the account/region their stacks deploy to. */
export function readStages(dir: string): Array<{ id: string; stacks: cxapi.CloudFormationStackArtifact[] }> {
  const assembly = openAssembly(dir);
  return assembly.nestedAssemblies.map((nested) => ({
    id: nested.displayName,
    stacks: nested.nestedAssembly.stacksRecursively,
  }));
}

/**
 * Finds `stage` (its short name `prod` or its id `payments-prod`) and the one account/region all its stacks deploy
 * to. Every doubt is a fault: an unknown or ambiguous name, no stacks, env-agnostic stacks, or several accounts.
 */
export function findStage(dir: string, stage: string): AssemblyStage {
  const stages = readStages(dir);
  const names = stages.map((s) => s.id);
  let matches = stages.filter((s) => s.id === stage);
  if (matches.length === 0) matches = stages.filter((s) => s.id.endsWith(`-${stage}`));
  if (matches.length === 0) {
    throw new DeployGuardFault(`stage '${stage}' is not in the cloud assembly at ${dir}; stages: ${names.length ? names.join(', ') : '(none)'}`);
  }
  if (matches.length > 1) {
    throw new DeployGuardFault(`stage '${stage}' is ambiguous in ${dir} (${matches.map((m) => m.id).join(', ')}); pass the stage id`);
  }
  const found = matches[0];
  if (found.stacks.length === 0) {
    throw new DeployGuardFault(`stage '${found.id}' has no stacks in ${dir}; nothing to verify`);
  }
  const accounts = new Set(found.stacks.map((s) => s.environment.account));
  if (accounts.size > 1) {
    throw new DeployGuardFault(`stage '${found.id}' deploys to several accounts (${[...accounts].join(', ')}); one account per stage (T9)`);
  }
  const env = found.stacks[0].environment;
  if (!/^\d{12}$/.test(env.account)) {
    throw new DeployGuardFault(`stage '${found.id}' has no explicit account (${env.account}); pin it with IsolatedStages (T9)`);
  }
  const stagesByAccount: { [account: string]: string[] } = {};
  for (const s of stages) {
    for (const account of new Set(s.stacks.map((st) => st.environment.account))) {
      (stagesByAccount[account] ??= []).push(s.id);
    }
  }
  return { id: found.id, account: env.account, region: env.region, stagesByAccount };
}
