import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Local code assets with a package manifest but no lockfile (T10). */
export const AssetLockfile = defineRule('AssetLockfile', ['AWS::Lambda::Function'], () => NOT_APPLICABLE);
