import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Functions that nothing invokes: no event source, permission, URL or reference (T8). */
export const UninvokedFunction = defineRule('UninvokedFunction', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
