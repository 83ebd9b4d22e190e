import { IPolicyValidationPlugin, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Stages the blueprint has registered its packs on, per pack list (plugins are registered once per stage). */
const COVERED = Symbol.for('cdk-bulkhead.BlueprintCoveredStages');

/** Every Stage below `scope`, nested Stages included, in tree order. */
export function stagesUnder(scope: IConstruct): Stage[] {
  return scope.node.findAll().filter((c): c is Stage => c !== scope && Stage.isStage(c));
}

/**
 * Registers `plugins` on every Stage below `scope` that does not have them yet, Stages created after `applyTo`
 * included: it runs at synth, when the tree is complete. CDK invokes each plugin instance once however many Stages
 * hold it, so a finding is still reported once.
 */
export function coverStages(scope: IConstruct, plugins: IPolicyValidationPlugin[]): void {
  for (const stage of stagesUnder(scope)) {
    const done: Set<IPolicyValidationPlugin> = (stage as any)[COVERED] ?? ((stage as any)[COVERED] = new Set());
    const missing = plugins.filter((p) => !done.has(p));
    if (missing.length === 0) continue;
    Validations.of(stage).addPlugins(...missing);
    for (const p of missing) done.add(p);
  }
}

/** Stages of the App that no blueprint covers (the blueprint was applied to a sibling Stage only). */
export function escapedStages(app: IConstruct, covered: (stage: Stage) => boolean): Stage[] {
  return stagesUnder(app).filter((s) => !covered(s));
}
