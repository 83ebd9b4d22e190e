import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeByLibrary } from '../core/acknowledgements';
import { invalidProp } from '../core/errors';

/** Marks a role as taken by a SecureFunction; a Symbol.for key so several copies of the library agree. */
const ROLE_OWNER = Symbol.for('cdk-bulkhead.RoleOwner');

/** Throws when `role` already serves another SecureFunction (T1: one compromised function must not act as another). */
export function claimRole(fnPath: string, role: iam.IRole): void {
  const owner = (role as any)[ROLE_OWNER] as string | undefined;
  if (owner !== undefined && owner !== fnPath) {
    throw invalidProp(
      fnPath,
      'role',
      role.node.path,
      `a role used by this function only (T1); it already serves ${owner}`,
      'omit role so the function gets its own, or create one role per function',
    );
  }
  (role as any)[ROLE_OWNER] = fnPath;
}

/** Log writes scoped to the function's own log group (T1). */
export function grantOwnLogs(role: iam.IRole, logGroup: logs.ILogGroup): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteOwnLogGroupOnly',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
}

/**
 * X-Ray writes for a role passed in by the user. They live in a policy of their own, so the acknowledgement
 * covers these two actions and nothing the user grants later.
 */
export function grantXRayWrite(scope: Construct, id: string, role: iam.IRole): iam.Policy {
  const policy = new iam.Policy(scope, id, { statements: [xrayWriteStatement()] });
  policy.attachToRole(role);
  acknowledgeXRayWildcard(policy, 'this policy holds only them');
  return policy;
}

/** X-Ray writes support no resource-level permissions, so AWS requires `Resource: *`. */
export function xrayWriteStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'XRayWriteNoResourceLevelPermissions',
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    resources: ['*'],
  });
}

function acknowledgeXRayWildcard(scope: Construct, where: string): void {
  acknowledgeByLibrary(scope, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: `xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; ${where}.`,
  });
}
