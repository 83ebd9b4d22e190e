import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { LambdaPriceTable } from '../core/pricing';
import { SecureFunctionBaseOptions } from './function-options';
import { SecretReference } from './secrets';

/**
 * Props of SecureFunction: the `lambda.FunctionOptions` props it takes unchanged (`SecureFunctionBaseOptions`),
 * the ones whose default or meaning it changes, declared here with its defaults, and its own. It does not take
 * `environmentEncryption` (use `encryptionKey`), `deadLetterTopic`, `deadLetterQueueEnabled`, `architectures`,
 * `logRetentionRole`, `logRetentionRetryOptions` or `logRemovalPolicy` (docs/function.md says why).
 * Defaults come from the nearest FunctionProfile, then from the secure defaults documented in docs/function.md.
 */
export interface SecureFunctionProps extends SecureFunctionBaseOptions {
  /** The function code (an asset directory, inline code, ...). */
  readonly code: lambda.Code;

  /** The handler, e.g. `index.handler`. */
  readonly handler: string;

  /**
   * The runtime.
   * @default - the newest Node.js runtime known to aws-cdk-lib (nodejs24.x with 2.276)
   */
  readonly runtime?: lambda.Runtime;

  /**
   * Memory in MB (128-10240). Stated explicitly (cdk-nag Serverless-LambdaDefaultMemorySize); small, because the
   * worst-case cost grows with it (T4).
   * @default - the profile's memorySize, else 256
   */
  readonly memorySize?: number;

  /**
   * Longest run of one invocation (1 s-15 min): a stuck invocation burns at most this much compute (T4).
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;

  /**
   * The concurrency ceiling (a whole number >= 1; 0 is refused): a flood of requests becomes throttling, not a
   * bill (T4). Provisioned concurrency on the function's aliases and versions may not exceed it.
   * @default - the profile's ceiling, else 10
   */
  readonly reservedConcurrentExecutions?: number;

  /**
   * The processor architecture. A container image built from a directory is built for it.
   * @default lambda.Architecture.ARM_64 (about 20% cheaper per GB-second, T4)
   */
  readonly architecture?: lambda.Architecture;

  /**
   * X-Ray tracing. `DISABLED` leaves the tracing configuration out and is announced with a CDK warning.
   * @default lambda.Tracing.ACTIVE (every invocation can be followed)
   */
  readonly tracing?: lambda.Tracing;

  /**
   * Retries of a failed asynchronous invocation (0-2; T4: each retry multiplies every bad event).
   * @default 2
   */
  readonly retryAttempts?: number;

  /**
   * Oldest age of an asynchronous event before it goes to the DLQ (60 s-6 h; T4/T5).
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;

  /**
   * Retention of the function's own encrypted log group (refused together with `logGroup`). `INFINITE` is
   * announced with a CDK warning.
   * @default - the profile's logRetention, else logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The function's log group. When omitted, the function gets its own, encrypted with `encryptionKey`.
   * @default - an own log group, encrypted with the function's key, retention `logRetention`
   */
  readonly logGroup?: logs.ILogGroupRef;

  /**
   * The execution role. When omitted, the function gets its own least-privilege role (no managed policies, logs on
   * its own log group only). A role of yours is used as it is, refused if another SecureFunction uses it (T1),
   * and announced with a CDK warning.
   * @default - an own role, used by this function only
   */
  readonly role?: iam.IRole;

  /**
   * The queue receiving failed asynchronous events (also the on-failure destination). A queue made in this app must
   * be encrypted with a customer-managed key (T3); one imported from elsewhere is announced with a CDK warning.
   * @default - an own SQS queue, KMS-encrypted with `encryptionKey`, TLS-only, 14 days, with a depth alarm
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * Where failed asynchronous events go.
   * @default - the dead-letter queue
   */
  readonly onFailure?: lambda.IDestination;

  /**
   * The function's name.
   * @default - `<service>-<id in lower-kebab>-<stage>` when the profile names service and stage, else generated
   */
  readonly functionName?: string;

  /**
   * What Lambda does when it detects a recursive loop (SQS, SNS, S3). `ALLOW` is announced with a CDK warning.
   * @default lambda.RecursiveLoop.TERMINATE (a loop stops instead of billing forever, T4)
   */
  readonly recursiveLoop?: lambda.RecursiveLoop;

  /**
   * Customer-managed key that encrypts the environment, the DLQ and the log group (T3).
   * Pass one key to several functions to pay for one key instead of one per function.
   * @default - the profile's key, else a new key with rotation on
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Topic that receives every alarm of this function (T4).
   * @default - the profile's topic, else alarms without actions
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Secrets passed by reference: environment variable name to secret. The variable holds only the ARN (Secrets
   * Manager) or the parameter name (SSM), and the function may read exactly these (T2).
   * @default - no secrets
   */
  readonly secrets?: { [name: string]: SecretReference };

  /**
   * Variables of `environment` whose values you vouch are not secrets, each with the reason. For when the secret
   * detector judges a value by its variable's name alone (`API_TOKEN_HEADER: 'x-api-token'`): it is unsure there.
   * A value in a known key format (an AWS access key, a private key, a GitHub, Slack or Stripe token, ...) is
   * refused whatever the reason. Each reason acknowledges `Bulkhead-EnvSecret[NAME]` on this function and is shown
   * in the Bulkhead report (T2).
   * @default - none: every variable is judged
   */
  readonly environmentNotSecret?: { [name: string]: string };

  /**
   * Permissions boundary for the function's own role (T1).
   * @default - no boundary
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * The longest a warm execution environment may live: a scheduled recycler rewrites one environment variable
   * so Lambda starts new environments (T6). Between 15 minutes and 24 hours.
   * @default - no recycling
   */
  readonly maxEnvironmentAge?: Duration;

  /**
   * Prices used by the estimated-cost metric and alarm.
   * @default LambdaPriceTable.DEFAULT (us-east-1 on-demand)
   */
  readonly priceTable?: LambdaPriceTable;

  /**
   * Estimated compute cost per hour (USD) above which the cost alarm fires (T4).
   * @default - half of the function's worst-case hourly cost (reserved concurrency running all hour)
   */
  readonly costAlarmThresholdUsdPerHour?: number;
}
