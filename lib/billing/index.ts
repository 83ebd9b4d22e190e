import { IConstruct } from 'constructs';

/** Placeholder until the billing guard lands: WorstCaseCost.enforce is wired by BulkheadStage. */
export interface WorstCaseCostProps {
  /** Worst-case monthly Lambda spend allowed (USD). */
  readonly monthlyBudgetUsd: number;
}

/** Worst-case Lambda cost of a scope (placeholder). */
export class WorstCaseCost {
  /** Fails synthesis of `scope` when its worst-case monthly cost exceeds the budget (placeholder: no-op). */
  public static enforce(_scope: IConstruct, _props: WorstCaseCostProps): void {}
  private constructor() {}
}
