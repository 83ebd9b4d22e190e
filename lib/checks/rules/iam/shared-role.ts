import { defineRule, NOT_APPLICABLE } from '../../rule';

/** A Lambda function whose execution role is also used by another function (T1). */
export const SharedRole = defineRule('SharedRole', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
