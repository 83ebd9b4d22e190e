import { defineRule, NOT_APPLICABLE } from '../../rule';

/** SQS queues whose policy does not deny requests without TLS (T3). */
export const QueueTlsOnly = defineRule('QueueTlsOnly', ['AWS::SQS::Queue'], () => NOT_APPLICABLE);
