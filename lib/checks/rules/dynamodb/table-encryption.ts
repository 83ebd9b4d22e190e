import { defineRule, NOT_APPLICABLE } from '../../rule';

/** DynamoDB tables not encrypted with a KMS key (T3). */
export const TableEncryption = defineRule('TableEncryption', ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], () => NOT_APPLICABLE);
