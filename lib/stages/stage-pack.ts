import * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { BulkheadChecks } from '../checks';
import { policyReport } from '../checks/policy-report';
import { takeStageFindings } from './stage-findings';

/** Where the App keeps its stage-scoped plugins, one per pack, so every stage using a pack shares one plugin. */
const PLUGINS = Symbol.for('cdk-bulkhead.StagePackPlugins');

function plugins(root: IConstruct): Map<BulkheadChecks, StagePackPlugin> {
  const holder = root as unknown as { [PLUGINS]?: Map<BulkheadChecks, StagePackPlugin> };
  return holder[PLUGINS] ?? (holder[PLUGINS] = new Map());
}

/**
 * Runs a Bulkhead pack over the stages it was registered for, and only those. CDK hands a plugin the whole App
 * (`appConstruct`) and a cdk-nag pack walks all of it, so one pack per stage would report every finding once per
 * stage, and would also judge stacks outside the stages (e.g. a pipeline stack) that nobody asked it to.
 */
export class StagePackPlugin implements cdk.IPolicyValidationPlugin {
  /** The plugin shared by every stage of `root` that uses `pack`. */
  public static shared(root: IConstruct, pack: BulkheadChecks): StagePackPlugin {
    const shared = plugins(root);
    let plugin = shared.get(pack);
    if (!plugin) {
      plugin = new StagePackPlugin(pack);
      shared.set(pack, plugin);
    }
    return plugin;
  }

  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  private readonly stages: cdk.Stage[] = [];

  private constructor(public readonly pack: BulkheadChecks) {
    this.name = pack.name;
    this.version = pack.version;
    this.ruleIds = pack.ruleIds;
  }

  public addStage(stage: cdk.Stage): void {
    if (!this.stages.includes(stage)) this.stages.push(stage);
  }

  public validate(_context: cdk.IPolicyValidationContext): cdk.PolicyValidationPluginReport {
    const reports = this.stages.map((stage) => policyReport(takeStageFindings(stage) ?? this.pack.findingsFor(stage), this.pack.failOn));
    return { success: reports.every((r) => r.success), violations: reports.flatMap((r) => r.violations) };
  }
}
