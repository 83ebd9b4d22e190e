import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Function code that evaluates dynamic input: `eval`, `new Function`, `vm.runIn*Context`, `child_process` exec (T6). */
export const DynamicCode = defineRule('DynamicCode', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
