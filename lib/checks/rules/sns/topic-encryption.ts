import { defineRule, NOT_APPLICABLE } from '../../rule';

/** SNS topics not encrypted with a customer-managed KMS key (T3). */
export const TopicEncryption = defineRule('TopicEncryption', ['AWS::SNS::Topic'], () => NOT_APPLICABLE);
