import { possibleTexts } from '../../../cfn/possible-texts';
import { isIntrinsic } from '../../../cfn/references';
import { props } from '../../../cfn/resolve';
import { branches, describeIntrinsic, UNKNOWN, whenCondition } from '../../../cfn/values';
import { evaluationDate } from '../../evaluation-date';
import { runtimeDeprecation } from '../../../core/runtime-deprecations';
import { defineRule, NOT_APPLICABLE, Violation, violations } from '../../rule';

/**
 * Functions on a runtime AWS has deprecated (T8), by the dated table in lib/core/runtime-deprecations.ts: flagged from
 * the deprecation date on. A runtime from `Fn::FindInMap` over the template's Mappings or from a parameter's Default
 * or AllowedValues is judged like a literal, on every value it may take. Image functions (no Runtime) and runtimes
 * the template does not decide (an import, a parameter without a default) are not applicable.
 */
export const DeprecatedRuntime = defineRule('DeprecatedRuntime', ['AWS::Lambda::Function'], (node) => {
  const runtime = props(node).Runtime;
  if (runtime === undefined) return NOT_APPLICABLE;
  const found: Violation[] = [];
  for (const branch of branches(runtime)) {
    const candidates =
      typeof branch.value === 'string' ? [branch.value] : isIntrinsic(branch.value) ? possibleTexts(node, branch.value) : [];
    const how = typeof branch.value === 'string' ? '' : ` (from ${describeIntrinsic(branch.value)})`;
    for (const value of new Set(candidates)) {
      const entry = runtimeDeprecation(value, evaluationDate());
      if (entry) {
        found.push({
          detail: `Runtime ${value}${how}${whenCondition(branch)} was deprecated by AWS on ${entry.deprecated} (no more security patches); a supported successor is ${entry.successor}`,
        });
      }
    }
  }
  const decided = possibleTexts(node, runtime).some((t) => !t.includes(UNKNOWN));
  return found.length === 0 && !decided ? NOT_APPLICABLE : violations(found);
});
