import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Functions on a runtime AWS has deprecated (T8). */
export const DeprecatedRuntime = defineRule('DeprecatedRuntime', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
