import { props } from '../../../cfn/resolve';
import { isIntrinsic } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, Violation, violations } from '../../rule';
import { runtimeDeprecation } from '../../../core/runtime-deprecations';
import { branches, whenCondition } from '../../../cfn/values';

/**
 * Functions on a runtime AWS has deprecated (T8), by the dated table in lib/core/runtime-deprecations.ts: flagged from
 * the deprecation date on. Image functions (no Runtime) and runtimes only known at deploy time are not applicable.
 */
export const DeprecatedRuntime = defineRule('DeprecatedRuntime', ['AWS::Lambda::Function'], (node) => {
  const runtime = props(node).Runtime;
  if (runtime === undefined || isIntrinsic(runtime) && branches(runtime).length === 1) return NOT_APPLICABLE;
  const found: Violation[] = [];
  for (const branch of branches(runtime)) {
    if (typeof branch.value !== 'string') continue;
    const entry = runtimeDeprecation(branch.value);
    if (entry) {
      found.push({ detail: `Runtime ${branch.value}${whenCondition(branch)} was deprecated by AWS on ${entry.deprecated} (no more security patches); a supported successor is ${entry.successor}` });
    }
  }
  return violations(found);
});
