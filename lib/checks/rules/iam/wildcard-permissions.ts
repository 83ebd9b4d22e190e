import { defineRule, NOT_APPLICABLE } from '../../rule';

/** IAM statements that allow `*` or `service:*` actions, or `Resource: *` for actions that support resource-level permissions (T1). */
export const WildcardPermissions = defineRule('WildcardPermissions', ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'], () => NOT_APPLICABLE);
