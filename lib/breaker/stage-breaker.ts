import { IAspect, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { CostBreaker } from './cost-breaker';

/** The id of the breaker a stage's switch adds to each stack with functions. */
export const STAGE_BREAKER_ID = 'BulkheadCostBreaker';

/**
 * Protects every `lambda.Function` of a stage (SecureFunctions, NodejsFunctions, plain ones) with one CostBreaker
 * per stack, unless a breaker already protects it or it is a breaker itself. Runs as an aspect so that functions
 * added after the stage is created are covered too; the topic is read when it runs (after `useAlarmTopic`).
 */
export class StageBreakerAspect implements IAspect {
  constructor(private readonly topic: () => sns.ITopic | undefined) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof lambda.Function) || CostBreaker.isBreakerFunction(node) || CostBreaker.isProtected(node)) return;
    const stack = Stack.of(node);
    const breaker =
      (stack.node.tryFindChild(STAGE_BREAKER_ID) as CostBreaker | undefined) ??
      new CostBreaker(stack, STAGE_BREAKER_ID, { alarmTopic: this.topic() });
    breaker.protect(node);
  }
}
