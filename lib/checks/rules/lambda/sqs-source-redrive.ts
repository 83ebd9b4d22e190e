import { defineRule, NOT_APPLICABLE } from '../../rule';

/** SQS queues that feed a function but have no redrive policy (dead-letter queue) (T5). */
export const SqsSourceRedrive = defineRule('SqsSourceRedrive', ['AWS::Lambda::EventSourceMapping'], () => NOT_APPLICABLE);
