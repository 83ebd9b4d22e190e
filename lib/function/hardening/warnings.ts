import { Annotations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { SecureFunctionProps } from '../props';

/**
 * Acknowledgeable warnings (`Annotations.of(fn).acknowledgeWarning(id, reason)`) for explicit choices that weaken a
 * secure default but stay allowed, so a reviewer sees them in the synth output (as AWS Solutions Constructs do).
 */
export const WEAKENED_DEFAULT_WARNINGS = {
  tracingDisabled: 'cdk-bulkhead:tracingDisabled',
  recursiveLoopAllowed: 'cdk-bulkhead:recursiveLoopAllowed',
  roleOfYours: 'cdk-bulkhead:roleOfYours',
  deadLetterQueueNotVerified: 'cdk-bulkhead:deadLetterQueueNotVerified',
  logRetentionInfinite: 'cdk-bulkhead:logRetentionInfinite',
  publicFunctionUrl: 'cdk-bulkhead:publicFunctionUrl',
};

/** Warns, on the function, about each prop that overrides a secure default with a weaker choice. */
export function announceWeakenedDefaults(fn: IConstruct, props: SecureFunctionProps): void {
  const warn = (id: string, message: string) => Annotations.of(fn).addWarningV2(id, `${message} (cdk-bulkhead)`);
  if (props.tracing === lambda.Tracing.DISABLED) {
    warn(WEAKENED_DEFAULT_WARNINGS.tracingDisabled, 'tracing is DISABLED (default ACTIVE): an incident cannot be followed across services');
  }
  if (props.recursiveLoop === lambda.RecursiveLoop.ALLOW) {
    warn(
      WEAKENED_DEFAULT_WARNINGS.recursiveLoopAllowed,
      'recursiveLoop is ALLOW (default TERMINATE): a loop through SQS, SNS or S3 keeps invoking, and billing, until someone stops it (T4)',
    );
  }
  if (props.role !== undefined) {
    warn(
      WEAKENED_DEFAULT_WARNINGS.roleOfYours,
      `role is ${props.role.node.path} (default: an own least-privilege role): its policies are yours to keep least-privilege (T1)`,
    );
  }
  const dlq = props.deadLetterQueue;
  if (dlq !== undefined && !(dlq instanceof sqs.Queue)) {
    warn(
      WEAKENED_DEFAULT_WARNINGS.deadLetterQueueNotVerified,
      `deadLetterQueue is ${dlq.node.path}, made outside this app: its encryption cannot be checked here (T3); make sure a customer-managed key encrypts it`,
    );
  }
  if (props.logRetention === logs.RetentionDays.INFINITE) {
    warn(
      WEAKENED_DEFAULT_WARNINGS.logRetentionInfinite,
      'logRetention is INFINITE (default ONE_MONTH): logs, and whatever personal data they hold, are kept and billed forever',
    );
  }
}
