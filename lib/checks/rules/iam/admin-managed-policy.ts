import { props } from '../../../cfn/resolve';
import { asList } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, violations, Violation } from '../../rule';
import { alternatives, textOf, UNKNOWN } from '../../../cfn/values';

/**
 * AWS managed policies that hand over the account or a whole service: full admin, everything but IAM administration
 * (which still reads and writes every data store), IAM administration (which can grant itself the rest), the
 * `AdministratorAccess-*` variants (Amplify, Elastic Beanstalk, which create and pass roles), every `*FullAccess`
 * policy (every action on every resource of a service: AmazonS3FullAccess reads and deletes every bucket), the
 * read-write ones of that kind (SecretsManagerReadWrite reads every secret), the administrator job functions, and the
 * two Lambda policies that reach every resource of a service (AWSLambdaExecute reads and writes every S3 object,
 * AWSLambdaRole invokes every function).
 */
const ADMIN_POLICY =
  /^(AdministratorAccess(-[A-Za-z0-9]+)?|PowerUserAccess|[A-Za-z0-9_-]*FullAccess(V[0-9]+)?|SecretsManagerReadWrite|SystemAdministrator|DatabaseAdministrator|NetworkAdministrator|SupportUser|DataScientist|AWSLambdaExecute|AWSLambdaRole)$/;

/** `arn:<partition>:iam::aws:policy/[path/]Name`, where any part may be a deploy-time value (e.g. `Ref AWS::Partition`). */
const AWS_MANAGED_ARN = new RegExp(`^arn:[^:]*:iam::aws:policy/(?:[^${UNKNOWN}]*/)?([^/${UNKNOWN}]+)$`);

/** Roles, users and groups with an administrator, power-user, whole-service (`*FullAccess`) or admin job-function AWS managed policy (T1). */
export const AdminManagedPolicy = defineRule('AdminManagedPolicy', ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'], (node) => {
  const arns = props(node).ManagedPolicyArns;
  if (arns === undefined) return NOT_APPLICABLE;
  const found = new Map<string, Violation>();
  for (const list of alternatives(arns)) {
    for (const item of asList(list)) {
      for (const arn of alternatives(item)) {
        const name = AWS_MANAGED_ARN.exec(textOf(arn))?.[1];
        if (name === undefined || !ADMIN_POLICY.test(name) || found.has(name)) continue;
        found.set(name, { key: name, detail: `ManagedPolicyArns includes the AWS managed policy ${name}` });
      }
    }
  }
  return violations([...found.values()]);
});
