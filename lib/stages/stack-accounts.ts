import * as cdk from 'aws-cdk-lib';

/** Marks a BulkheadStage, so a stack can find the isolated stage that owns it without importing the class. */
export const ISOLATED_STAGE = Symbol.for('cdk-bulkhead.IsolatedStage');

/** The nearest isolated stage above `stack`: plain cdk.Stages nested inside one are part of it. */
function owningStage(stack: cdk.Stack): cdk.Stage | undefined {
  for (let s: cdk.Stage | undefined = cdk.Stage.of(stack); s; s = s.parentStage) {
    if ((s as unknown as { [ISOLATED_STAGE]?: boolean })[ISOLATED_STAGE]) return s;
  }
  return undefined;
}

/**
 * Stacks of `stage`, plain cdk.Stages nested in it included (not stacks of BulkheadStages nested in it) that deploy to another account than the stage's, or to an account
 * known only at deploy time: a stack's own `env` would otherwise walk around the stage's isolation (T9).
 */
export function foreignStacks(stage: cdk.Stage, account: string): string[] {
  const problems: string[] = [];
  for (const c of stage.node.findAll()) {
    if (!cdk.Stack.isStack(c) || c.nested || owningStage(c) !== stage) continue;
    const shown = cdk.Token.isUnresolved(c.account) ? 'an account known only at deploy time' : `account ${c.account}`;
    if (c.account !== account) {
      problems.push(
        `stack ${c.node.path} deploys to ${shown}, but its stage deploys to account ${account} (T9: a stack's own env.account ` +
          `must not walk around the stage's isolation). Fix: leave env.account out of the stack's props (it inherits the stage's), or create the stack in the stage of that account.`,
      );
    }
  }
  return problems;
}
