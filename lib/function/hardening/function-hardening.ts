import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { invalidProp } from '../../core/errors';
import { acknowledgeForLibrary } from '../../core/library-acknowledgement';
import { LambdaPriceTable } from '../../core/pricing';
import { createAlarms, estimatedCostExpression } from '../alarms';
import { FUNCTION_DEFAULTS } from '../defaults';
import { DeadLetterQueueDestination } from '../failure-destination';
import { allowCloudWatchLogs, createKey } from '../key';
import { createOwnRole, grantOwnLogs, grantXRayWrite } from '../role';
import { checkExplicitProps } from './check-props';

/** What a hardened function gets where its props say nothing (from a blueprint, or SecureFunction's defaults). */
export interface HardeningDefaults {
  readonly reservedConcurrentExecutions: number;
  readonly logRetention: logs.RetentionDays;
  readonly alarmTopic?: sns.ITopic;
  /** A key shared by several functions; else each gets its own. */
  readonly encryptionKey?: kms.IKey;
  readonly permissionsBoundary?: iam.IManagedPolicy;
  readonly priceTable?: LambdaPriceTable;
  readonly costAlarmThresholdUsdPerHour?: number;
}

/** A default a team overrode, worded for the override report. */
export interface PropOverride {
  readonly prop: string;
  readonly blueprint: string;
  readonly value: string;
}

/** The parts made for one function before it exists, and what `completeHardening` needs after. */
export interface HardenedParts {
  readonly role: iam.IRole;
  readonly ownRole: boolean;
  readonly key: kms.IKey;
  readonly failureQueue: sqs.IQueue;
  readonly logGroup?: logs.ILogGroup;
  readonly tracing: lambda.Tracing;
  readonly memorySize: number;
  readonly reservedConcurrentExecutions: number;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  readonly priceTable: LambdaPriceTable;
  readonly alarmTopic?: sns.ITopic;
  readonly costAlarmThresholdUsdPerHour?: number;
  readonly overrides: PropOverride[];
}

/** The alarms `completeHardening` adds. */
export interface HardenedAlarms {
  readonly errors: cloudwatch.IAlarm;
  readonly throttles: cloudwatch.IAlarm;
  readonly deadLetters: cloudwatch.IAlarm;
  readonly cost: cloudwatch.IAlarm;
}

/**
 * The hardening engine's first half, run before the function exists (in a constructor, or in a PropertyInjector):
 * checks the explicit props, makes the function's own role, key, encrypted DLQ and log group as siblings, and returns
 * the props to construct it with: explicit props win unless unsafe, every other prop gets the secure default.
 */
export function hardenProps<P extends lambda.FunctionOptions>(scope: Construct, id: string, explicit: P, defaults: HardeningDefaults): { props: P; parts: HardenedParts } {
  const at = `${scope.node.path ? scope.node.path + '/' : ''}${id}`;
  checkExplicitProps(at, explicit);
  if (explicit.deadLetterTopic !== undefined) {
    throw invalidProp(at, 'deadLetterTopic', explicit.deadLetterTopic.node.path, 'unset (failed events go to an encrypted SQS queue with a depth alarm, T5)',
      'omit deadLetterTopic, or pass your own encrypted queue as deadLetterQueue');
  }
  const overrides = overridesOf(explicit, defaults);
  const tracing = explicit.tracing ?? FUNCTION_DEFAULTS.tracing;
  const traced = tracing !== lambda.Tracing.DISABLED;
  const role = explicit.role ?? createOwnRole(scope, freeId(scope, `${id}Role`), { boundary: defaults.permissionsBoundary, xrayWrite: traced });
  if (explicit.role && traced) grantXRayWrite(scope, freeId(scope, `${id}XRayWrite`), explicit.role);
  const key = asKey(scope, id, explicit.environmentEncryption) ?? defaults.encryptionKey ?? createKey(scope, freeId(scope, `${id}Key`));
  allowCloudWatchLogs(key);
  const dlq = explicit.deadLetterQueue ?? new sqs.Queue(scope, freeId(scope, `${id}DeadLetterQueue`), {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: FUNCTION_DEFAULTS.deadLetterRetention,
  });
  if (explicit.deadLetterQueue === undefined) {
    acknowledgeForLibrary(dlq, {
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This queue is the last stop for failed events: a redrive policy on it would need another queue, which would need one too.',
    });
  }
  if (dlq.encryptionMasterKey) {
    // Sending to an encrypted queue needs these two on its key; CDK's queue grant would add two wildcards (IAM5).
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'SendToOwnDeadLetterQueue', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [dlq.encryptionMasterKey.keyArn],
    }));
  }
  const logGroup = asLogGroup(scope, id, explicit.logGroup) ?? (explicit.logRetention !== undefined ? undefined
    : new logs.LogGroup(scope, freeId(scope, `${id}LogGroup`), { encryptionKey: key, retention: defaults.logRetention }));
  if (logGroup && !explicit.role) grantOwnLogs(role, logGroup);

  const parts: HardenedParts = {
    role, ownRole: !explicit.role, key, failureQueue: dlq, logGroup, tracing,
    memorySize: explicit.memorySize ?? FUNCTION_DEFAULTS.memorySize,
    reservedConcurrentExecutions: explicit.reservedConcurrentExecutions ?? defaults.reservedConcurrentExecutions,
    retryAttempts: explicit.retryAttempts ?? FUNCTION_DEFAULTS.retryAttempts,
    maxEventAge: explicit.maxEventAge ?? FUNCTION_DEFAULTS.maxEventAge,
    priceTable: defaults.priceTable ?? LambdaPriceTable.DEFAULT,
    alarmTopic: defaults.alarmTopic,
    costAlarmThresholdUsdPerHour: defaults.costAlarmThresholdUsdPerHour,
    overrides,
  };
  const props = withoutUndefined({
    ...explicit,
    memorySize: parts.memorySize,
    timeout: explicit.timeout ?? FUNCTION_DEFAULTS.timeout,
    reservedConcurrentExecutions: parts.reservedConcurrentExecutions,
    role,
    environmentEncryption: key,
    deadLetterQueue: dlq,
    deadLetterQueueEnabled: undefined,
    // Set on the L1 by completeHardening: the base class would put its Resource:* X-Ray grant in the default policy.
    tracing: undefined,
    logGroup,
    onFailure: explicit.onFailure ?? new DeadLetterQueueDestination(dlq),
    retryAttempts: parts.retryAttempts,
    maxEventAge: parts.maxEventAge,
  });
  return { props, parts };
}

/** The engine's second half, once the function exists: tracing on the L1, log writes of CDK's default group, the four alarms. */
export function completeHardening(fn: lambda.Function, parts: HardenedParts): HardenedAlarms {
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  // CloudFormation takes Active or PassThrough only; DISABLED means no TracingConfig at all.
  cfn.tracingConfig = parts.tracing === lambda.Tracing.DISABLED ? undefined : { mode: parts.tracing };
  if (!parts.logGroup && parts.ownRole) {
    grantOwnLogs(parts.role, logs.LogGroup.fromLogGroupName(fn, 'DefaultLogGroup', `/aws/lambda/${fn.functionName}`));
  }
  const cost = estimatedCostExpression(fn, { memorySize: parts.memorySize, architecture: fn.architecture.name, priceTable: parts.priceTable }, Duration.hours(1));
  const threshold = parts.costAlarmThresholdUsdPerHour
    ?? 0.5 * parts.reservedConcurrentExecutions * (parts.memorySize / 1024) * 3600 * parts.priceTable.perGbSecond(fn.architecture.name);
  const set = createAlarms(fn, fn, parts.failureQueue, cost, Math.max(0.0001, Math.round(threshold * 10000) / 10000), parts.alarmTopic);
  return { errors: set.errors, throttles: set.throttles, deadLetters: set.deadLetters, cost: set.cost };
}

/** A key passed as a reference only (aws-cdk-lib 2.276 props take `IKeyRef`) as the full interface the queue needs. */
function asKey(scope: Construct, id: string, ref: kms.IKeyRef | undefined): kms.IKey | undefined {
  if (ref === undefined) return undefined;
  return 'keyArn' in ref ? ref as kms.IKey : kms.Key.fromKeyArn(scope, freeId(scope, `${id}KeyRef`), ref.keyRef.keyArn);
}

function asLogGroup(scope: Construct, id: string, ref: logs.ILogGroupRef | undefined): logs.ILogGroup | undefined {
  if (ref === undefined) return undefined;
  return 'logGroupArn' in ref ? ref as logs.ILogGroup : logs.LogGroup.fromLogGroupName(scope, freeId(scope, `${id}LogGroupRef`), ref.logGroupRef.logGroupName);
}

/** `base`, or `base` with a number when a sibling already has that id (a team's own `<id>Role`, say). */
function freeId(scope: Construct, base: string): string {
  if (!scope.node.tryFindChild(base)) return base;
  for (let i = 2; ; i++) if (!scope.node.tryFindChild(`${base}${i}`)) return `${base}${i}`;
}

const DEFAULT_WORDING: { [prop: string]: (d: HardeningDefaults) => string } = {
  reservedConcurrentExecutions: (d) => String(d.reservedConcurrentExecutions),
  retryAttempts: () => String(FUNCTION_DEFAULTS.retryAttempts),
  maxEventAge: () => FUNCTION_DEFAULTS.maxEventAge.toHumanString(),
  memorySize: () => String(FUNCTION_DEFAULTS.memorySize),
  timeout: () => FUNCTION_DEFAULTS.timeout.toHumanString(),
  tracing: () => FUNCTION_DEFAULTS.tracing,
  role: () => 'its own role',
  environmentEncryption: (d) => (d.encryptionKey ? d.encryptionKey.node.path : 'its own customer-managed key'),
  deadLetterQueue: () => 'its own encrypted queue',
  onFailure: () => 'its dead-letter queue',
  logGroup: () => 'its own encrypted log group',
  logRetention: (d) => `its own encrypted log group, ${d.logRetention} days`,
};

/** The explicit props that differ from what the hardening would set. */
function overridesOf(explicit: lambda.FunctionOptions, defaults: HardeningDefaults): PropOverride[] {
  const found: PropOverride[] = [];
  for (const [prop, wording] of Object.entries(DEFAULT_WORDING)) {
    const value = (explicit as { [k: string]: unknown })[prop];
    if (value === undefined) continue;
    const blueprint = wording(defaults);
    const shown = describe(value);
    if (shown !== blueprint) found.push({ prop, blueprint, value: shown });
  }
  return found;
}

function describe(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (value instanceof Construct) return value.node.path;
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'an object';
  return String(value);
}

/** Drops keys whose value is undefined: CDK warns about deprecated props merely present, e.g. logRetention. */
function withoutUndefined<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}
