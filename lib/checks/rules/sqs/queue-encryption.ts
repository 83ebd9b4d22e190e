import { defineRule, NOT_APPLICABLE } from '../../rule';

/** SQS queues not encrypted with a customer-managed KMS key (T3). */
export const QueueEncryption = defineRule('QueueEncryption', ['AWS::SQS::Queue'], () => NOT_APPLICABLE);
