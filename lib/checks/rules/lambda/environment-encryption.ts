import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Functions with environment variables but no customer-managed key (`KmsKeyArn`) (T3). */
export const EnvironmentEncryption = defineRule('EnvironmentEncryption', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
