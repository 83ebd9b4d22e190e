import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { invalidProp } from '../core/errors';

/** Marks a role as taken by a SecureFunction; a Symbol.for key so several copies of the library agree. */
const ROLE_OWNER = Symbol.for('cdk-bulkhead.RoleOwner');

/** Creates the function's own role: no managed policies, trusted by Lambda only (T1). */
export function createOwnRole(scope: Construct, id: string, boundary?: iam.IManagedPolicy): iam.Role {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of ${scope.node.path}/${id.replace(/Role$/, '')} only (cdk-bulkhead, T1)`,
    permissionsBoundary: boundary,
  });
}

/** Throws when `role` already serves another SecureFunction (T1: one compromised function must not act as another). */
export function claimRole(fnPath: string, role: iam.IRole): void {
  const owner = (role as any)[ROLE_OWNER] as string | undefined;
  if (owner !== undefined && owner !== fnPath) {
    throw invalidProp(fnPath, 'role', role.node.path, `a role used by this function only (T1); it already serves ${owner}`,
      'omit role so the function gets its own, or create one role per function');
  }
  (role as any)[ROLE_OWNER] = fnPath;
}

/** Log writes scoped to the function's own log group (T1). */
export function grantOwnLogs(role: iam.IRole, logGroup: logs.ILogGroup): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'WriteOwnLogGroupOnly',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupArn],
  }));
}

/**
 * X-Ray writes support no resource-level permissions, so AWS requires `Resource: *`. They live in a policy of
 * their own, so the acknowledgement below covers these two actions and nothing a user grants later.
 */
export function grantXRayWrite(scope: Construct, id: string, role: iam.IRole): iam.Policy {
  const policy = new iam.Policy(scope, id, {
    statements: [new iam.PolicyStatement({
      sid: 'XRayWriteNoResourceLevelPermissions',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      resources: ['*'],
    })],
  });
  policy.attachToRole(role);
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; this policy holds only them.',
  });
  return policy;
}
