import { props } from '../../../cfn/resolve';
import { isIntrinsic } from '../../../cfn/references';
import { defineRule, Violation, violations } from '../../rule';
import { asNumber, branches, whenCondition } from '../../../cfn/values';

/**
 * Functions without a reserved-concurrency ceiling (T4). `ReservedConcurrentExecutions: 0` is compliant: it
 * throttles every invocation, so the function cannot scale or cost anything (it is switched off). A value from a
 * parameter or import is compliant too: whatever it is at deploy time, it is a ceiling.
 */
export const ReservedConcurrency = defineRule('ReservedConcurrency', ['AWS::Lambda::Function'], (node) => {
  const found: Violation[] = [];
  for (const branch of branches(props(node).ReservedConcurrentExecutions)) {
    const value = branch.value;
    if (value === undefined) {
      found.push({
        detail: `ReservedConcurrentExecutions is unset${whenCondition(branch)}, so the function may scale to the account's whole concurrency limit`,
      });
    } else if (!isIntrinsic(value)) {
      const n = asNumber(value);
      if (n === undefined || !Number.isInteger(n) || n < 0) {
        found.push({ detail: `ReservedConcurrentExecutions is ${JSON.stringify(value)}${whenCondition(branch)}, not a whole number >= 0` });
      }
    }
  }
  return violations(found.slice(0, 1));
});
