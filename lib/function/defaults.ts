import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

/** Every secure default of SecureFunction, in one place; docs/function.md explains each one. */
export const FUNCTION_DEFAULTS = {
  /** Explicit memory (cdk-nag Serverless-LambdaDefaultMemorySize); 256 MB keeps the worst-case cost low (T4). */
  memorySize: 256,
  /** Explicit, short timeout: a stuck invocation burns at most 10 s of compute (T4). */
  timeout: Duration.seconds(10),
  /** A concurrency ceiling bounds what a flood of requests can cost (Denial of Wallet, T4). */
  reservedConcurrentExecutions: 10,
  /** AWS's own default is 2; we state it so it is bounded and visible (T4). */
  retryAttempts: 2,
  /** Stale events are dropped to the DLQ after an hour instead of being retried for 6 hours (T4/T5). */
  maxEventAge: Duration.hours(1),
  /** Logs are kept long enough to investigate an incident, not forever (cost, data minimisation). */
  logRetention: logs.RetentionDays.ONE_MONTH,
  /** Graviton is about 20% cheaper per GB-second than x86_64 (T4). */
  architecture: lambda.Architecture.ARM_64,
  /** X-Ray active tracing: every invocation can be followed across services. */
  tracing: lambda.Tracing.ACTIVE,
  /**
   * Lambda stops a detected recursive loop (SQS, SNS, S3 invoking the function that wrote to them) instead of
   * letting it bill forever (T4). AWS's default today, stated so that it stays bounded and visible.
   */
  recursiveLoop: lambda.RecursiveLoop.TERMINATE,
  /** The period of the estimated-cost metric and alarm. */
  costAlarmPeriod: Duration.hours(1),
  /** SQS's maximum retention, so a failed event survives a two-week holiday (T5). */
  deadLetterRetention: Duration.days(14),
  /** Stream sources: a poison record is retried twice, then goes to the DLQ (T4). */
  streamRetryAttempts: 2,
  /** Stream sources: records older than an hour go to the DLQ instead of blocking the shard (T4/T5). */
  streamMaxRecordAge: Duration.hours(1),
  /** SQS sources: small batches limit how much one poison message drags down (T5). */
  sqsBatchSize: 10,
  /** Stream sources: small batches, bisected on error, isolate a poison record quickly (T5). */
  streamBatchSize: 100,
};

/** Limits from AWS and from the threat model (lib/core/lambda-limits.ts, shared with the rules and the stages). */
export { LIMITS } from '../core/lambda-limits';

/** Variables Lambda sets itself and refuses in a function's configuration. */
export const RESERVED_ENV_NAMES = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);
