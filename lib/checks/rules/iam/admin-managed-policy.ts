import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Roles, users and groups with an administrator or power-user AWS managed policy (T1). */
export const AdminManagedPolicy = defineRule('AdminManagedPolicy', ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'], () => NOT_APPLICABLE);
