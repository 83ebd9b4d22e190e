import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Log groups not encrypted with a customer-managed KMS key (T3). */
export const LogGroupEncryption = defineRule('LogGroupEncryption', ['AWS::Logs::LogGroup'], () => NOT_APPLICABLE);
