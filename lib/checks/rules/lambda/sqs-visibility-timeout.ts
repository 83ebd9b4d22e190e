import { defineRule, NOT_APPLICABLE } from '../../rule';

/** SQS queues that feed a function with a visibility timeout under 6 times the function timeout (T5). */
export const SqsVisibilityTimeout = defineRule('SqsVisibilityTimeout', ['AWS::Lambda::EventSourceMapping'], () => NOT_APPLICABLE);
