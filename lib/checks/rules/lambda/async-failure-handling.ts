import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Functions whose failed async invocations have no destination: no DLQ and no on-failure destination (T4, T5). */
export const AsyncFailureHandling = defineRule('AsyncFailureHandling', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
