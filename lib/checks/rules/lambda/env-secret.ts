import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Environment variables whose values look like secrets (T2). */
export const EnvSecret = defineRule('EnvSecret', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
