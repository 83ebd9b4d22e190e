import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Function URLs without IAM authentication (T7). */
export const FunctionUrlAuth = defineRule('FunctionUrlAuth', ['AWS::Lambda::Url'], () => NOT_APPLICABLE);
