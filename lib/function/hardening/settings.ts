import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { LambdaPriceTable } from '../../core/pricing';
import { FUNCTION_DEFAULTS } from '../defaults';
import { FunctionProfile } from '../profile';
import { SecureFunctionProps } from '../props';
import { SecretReference } from '../secrets';

/**
 * Everything the hardening engine needs, with the profile and the secure defaults already applied: the same input
 * whether the function is a SecureFunction or a plain `lambda.Function` hardened by a blueprint.
 */
export interface HardeningSettings {
  readonly memorySize: number;
  readonly reservedConcurrentExecutions: number;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  readonly tracing: lambda.Tracing;
  readonly recursiveLoop: lambda.RecursiveLoop;
  /** A role of the user's; without it the function's own `ServiceRole` child is made least-privilege. */
  readonly role?: iam.IRole;
  readonly permissionsBoundary?: iam.IManagedPolicy;
  /** A key of the user's or the profile's; without it the function gets its own `Key` child. */
  readonly encryptionKey?: kms.IKey;
  /** A queue of the user's; without it the function gets its own `DeadLetterQueue` child. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** A log group of the user's; without it the function gets its own `LogGroup` child. */
  readonly logGroup?: logs.ILogGroupRef;
  readonly logRetention: logs.RetentionDays;
  readonly onFailure?: lambda.IDestination;
  readonly onSuccess?: lambda.IDestination;
  readonly alarmTopic?: sns.ITopic;
  readonly priceTable: LambdaPriceTable;
  readonly costAlarmThresholdUsdPerHour?: number;
  readonly secrets: { readonly [name: string]: SecretReference };
}

/** Applies the profile, then the secure defaults, to what the user passed. */
export function resolveSettings(props: SecureFunctionProps, profile: FunctionProfile): HardeningSettings {
  return {
    memorySize: props.memorySize ?? profile.memorySize ?? FUNCTION_DEFAULTS.memorySize,
    reservedConcurrentExecutions:
      props.reservedConcurrentExecutions ?? profile.reservedConcurrentExecutions ?? FUNCTION_DEFAULTS.reservedConcurrentExecutions,
    retryAttempts: props.retryAttempts ?? FUNCTION_DEFAULTS.retryAttempts,
    maxEventAge: props.maxEventAge ?? FUNCTION_DEFAULTS.maxEventAge,
    tracing: props.tracing ?? FUNCTION_DEFAULTS.tracing,
    recursiveLoop: props.recursiveLoop ?? FUNCTION_DEFAULTS.recursiveLoop,
    role: props.role,
    permissionsBoundary: props.permissionsBoundary,
    encryptionKey: props.encryptionKey ?? profile.encryptionKey,
    deadLetterQueue: props.deadLetterQueue,
    logGroup: props.logGroup,
    logRetention: props.logRetention ?? profile.logRetention ?? FUNCTION_DEFAULTS.logRetention,
    onFailure: props.onFailure,
    onSuccess: props.onSuccess,
    alarmTopic: props.alarmTopic ?? profile.alarmTopic,
    priceTable: props.priceTable ?? LambdaPriceTable.DEFAULT,
    costAlarmThresholdUsdPerHour: props.costAlarmThresholdUsdPerHour,
    secrets: props.secrets ?? {},
  };
}
