import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { invalidProp } from '../../core/errors';

/**
 * Refuses, at synth, provisioned concurrency above the function's reserved ceiling: Lambda rejects the deploy
 * (provisioned environments come out of the reserved ones). Checked when the app is synthesized, so aliases and
 * versions added after the function, with `addAlias` or `new lambda.Alias`, are counted.
 */
export function refuseProvisionedOverCeiling(fn: lambda.Function, ceiling: number): void {
  fn.node.addValidation({
    validate: () => {
      if (Token.isUnresolved(ceiling)) return [];
      const stack = Stack.of(fn);
      const self = JSON.stringify(stack.resolve(fn.functionName));
      const claims: string[] = [];
      let total = 0;
      for (const c of stack.node.findAll()) {
        if (!(c instanceof lambda.CfnAlias || c instanceof lambda.CfnVersion)) continue;
        if (JSON.stringify(stack.resolve(c.functionName)) !== self) continue;
        // The L1 property as written by the L2 (camelCase); CloudFormation's casing only appears when rendered.
        const config = stack.resolve(c.provisionedConcurrencyConfig) as { provisionedConcurrentExecutions?: unknown } | undefined;
        const amount = config?.provisionedConcurrentExecutions;
        if (typeof amount !== 'number') continue;
        total += amount;
        claims.push(`${amount} on ${(c as CfnResource).node.scope!.node.path}`);
      }
      if (total <= ceiling) return [];
      return [
        invalidProp(
          fn,
          'provisionedConcurrentExecutions',
          `${total} (${claims.join(', ')})`,
          `at most the function's reservedConcurrentExecutions, ${ceiling} (Lambda rejects more at deploy; T4: each provisioned environment is billed all month)`,
          `lower provisionedConcurrentExecutions to ${ceiling} or less in total, or raise reservedConcurrentExecutions to ${total} or more`,
        ).message,
      ];
    },
  });
}
