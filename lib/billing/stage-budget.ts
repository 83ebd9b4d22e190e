import { Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Stack metadata carrying the stage's own budget into the cloud assembly, for `bulkhead cost`. */
export const STAGE_BUDGET_METADATA = 'cdk-bulkhead:stage-budget';

/**
 * Records `monthlyBudgetUsd` on every top-level stack of `stage` (aspects run at the stage's synthesis, so stacks
 * added later are covered), so `bulkhead cost` holds each stage of an assembly to its own budget.
 */
export function recordStageBudget(stage: Stage, monthlyBudgetUsd: number): void {
  const aspect: IAspect = {
    visit(node: IConstruct): void {
      if (Stack.isStack(node) && node.nestedStackParent === undefined && Stage.of(node) === stage) {
        node.node.addMetadata(STAGE_BUDGET_METADATA, { stage: stage.node.path, monthlyBudgetUsd });
      }
    },
  };
  Aspects.of(stage).add(aspect);
}
