import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Functions without a reserved-concurrency ceiling (T4). */
export const ReservedConcurrency = defineRule('ReservedConcurrency', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
