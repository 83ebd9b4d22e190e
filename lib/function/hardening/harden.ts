import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledgeByLibrary } from '../../core/acknowledgements';
import { HOURS_PER_MONTH } from '../../core/pricing';
import { AlarmSet, createAlarms, estimatedCostExpression } from '../alarms';
import { FUNCTION_DEFAULTS } from '../defaults';
import { DeadLetterQueueDestination } from '../failure-destination';
import { allowCloudWatchLogs, createKey } from '../key';
import { claimRole, grantOwnLogs, grantXRayWrite } from '../role';
import { adoptServiceRole, vpcAccessStatements } from './own-role';
import { refuseProvisionedOverCeiling } from './provisioned-concurrency';
import { HardeningSettings } from './settings';

/** What the engine added to (or adopted for) the function. */
export interface HardenedParts {
  readonly role: iam.IRole;
  readonly key: kms.IKey;
  readonly deadLetterQueue: sqs.IQueue;
  /** True when the queue is the function's own `DeadLetterQueue` child, not one passed in. */
  readonly ownsDeadLetterQueue: boolean;
  readonly logGroup: logs.ILogGroup;
  readonly alarms: AlarmSet;
  readonly costMetric: cloudwatch.IMetric;
}

/**
 * The one hardening engine: gives an already constructed `lambda.Function` its own least-privilege role, a
 * customer-managed key for environment, DLQ and logs, an encrypted TLS-only DLQ as dead-letter and on-failure
 * destination, bounded retries and event age, a concurrency ceiling and the four alarms. Every part it creates is
 * a child of the function, so `Tags.of(fn)` and `Validations.of(fn)` reach them and no sibling name is taken.
 * It writes what the function's own constructor could not know through the function's CloudFormation resource.
 * Validate the settings first (validateHardeningProps): the engine trusts them.
 */
export function harden(fn: lambda.Function, s: HardeningSettings): HardenedParts {
  const parts = hardenParts(fn, s);
  HARDENED.set(fn, { parts, settings: s });
  return parts;
}

/** What the engine gave a function, and the settings it used: for the report, whoever ran the engine. */
export interface Hardening {
  readonly parts: HardenedParts;
  readonly settings: HardeningSettings;
}

const HARDENED = new WeakMap<lambda.Function, Hardening>();

/** What the engine gave `fn`, when it has run on it (SecureFunction, SecureNodejsFunction, a blueprint's function). */
export function hardeningOf(fn: lambda.Function): Hardening | undefined {
  return HARDENED.get(fn);
}

function hardenParts(fn: lambda.Function, s: HardeningSettings): HardenedParts {
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const traced = s.tracing !== lambda.Tracing.DISABLED;

  const role = s.role ?? adoptServiceRole(fn, { boundary: s.permissionsBoundary, xrayWrite: traced });
  claimRole(fn.node.path, role);
  if (s.role) configureUserRole(fn, s.role, s, traced);

  const key = s.encryptionKey ?? createKey(fn, 'Key');
  allowCloudWatchLogs(key);
  cfn.kmsKeyArn = key.keyArn;

  const dlq = s.deadLetterQueue ?? ownDeadLetterQueue(fn, key);
  cfn.deadLetterConfig = { targetArn: dlq.queueArn };
  // What Lambda's dead-letter delivery needs: sqs:SendMessage on this queue and, for a KMS queue, two actions on
  // its key. CDK's queue grant would add wildcard KMS actions (AwsSolutions-IAM5).
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [dlq.queueArn] }));
  if (dlq.encryptionMasterKey) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendToOwnDeadLetterQueue',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [dlq.encryptionMasterKey.keyArn],
      }),
    );
  }
  // lambda.Function exposes its dead-letter queue as a readonly property set by its constructor; set it the same way.
  (fn as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = dlq;

  const logGroup = s.logGroup
    ? logs.LogGroup.fromLogGroupName(fn, 'UserLogGroup', s.logGroup.logGroupRef.logGroupName)
    : ownLogGroup(fn, key, s.logRetention);
  const logging = cfn.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined;
  cfn.loggingConfig = { ...logging, logGroup: logGroup.logGroupName };
  grantOwnLogs(role, logGroup);

  fn.configureAsyncInvoke({
    onFailure: s.onFailure ?? new DeadLetterQueueDestination(dlq),
    onSuccess: s.onSuccess,
    retryAttempts: s.retryAttempts,
    maxEventAge: s.maxEventAge,
  });
  cfn.memorySize = s.memorySize;
  cfn.reservedConcurrentExecutions = s.reservedConcurrentExecutions;
  refuseProvisionedOverCeiling(fn, s.reservedConcurrentExecutions);
  // CloudFormation takes Active or PassThrough only; DISABLED means no TracingConfig at all (as lambda.Function does).
  cfn.tracingConfig = traced ? { mode: s.tracing } : undefined;
  cfn.recursiveLoop = s.recursiveLoop;

  for (const ref of Object.values(s.secrets)) ref.grantRead(fn);

  const costMetric = estimatedCostExpression(
    fn,
    { memorySize: s.memorySize, architecture: fn.architecture.name, priceTable: s.priceTable },
    FUNCTION_DEFAULTS.costAlarmPeriod,
  );
  // Half the hourly worst-case compute, from the same price-table method as the synth-time figure. Requests are left
  // out of the threshold on purpose: at the 10 ms minimum duration they would raise it so far that a flood of slower
  // invocations at the ceiling (the usual Denial of Wallet) would never fire the alarm.
  const threshold =
    s.costAlarmThresholdUsdPerHour ??
    (0.5 * s.priceTable.worstCaseMonthlyUsd(s.reservedConcurrentExecutions, s.memorySize, fn.architecture.name)) / HOURS_PER_MONTH;
  const alarms = createAlarms(fn, fn, dlq, costMetric, roundUsd(threshold), s.alarmTopic);
  return { role, key, deadLetterQueue: dlq, ownsDeadLetterQueue: s.deadLetterQueue === undefined, logGroup, alarms, costMetric };
}

/** A role the user passed keeps its policies; it gets the boundary, X-Ray and VPC grants as policies of their own. */
function configureUserRole(fn: lambda.Function, role: iam.IRole, s: HardeningSettings, traced: boolean): void {
  if (s.permissionsBoundary) iam.PermissionsBoundary.of(role).apply(s.permissionsBoundary);
  if (traced) grantXRayWrite(fn, 'XRayWrite', role);
  const vpc = vpcAccessStatements(fn);
  if (vpc.length === 0) return;
  const policy = new iam.Policy(fn, 'VpcNetworkInterfaces', { statements: vpc });
  policy.attachToRole(role);
  const reason =
    'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets work only on "*"; the other network-interface actions are scoped ' +
    "to network interfaces of this account and region, creation to the function's subnets and security groups; this policy holds only them.";
  acknowledgeByLibrary(policy, { id: 'AwsSolutions-IAM5[Resource::*]', reason });
  acknowledgeByLibrary(policy, {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]',
    reason,
  });
}

function ownDeadLetterQueue(fn: lambda.Function, key: kms.IKey): sqs.Queue {
  const queue = new sqs.Queue(fn, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: FUNCTION_DEFAULTS.deadLetterRetention,
  });
  acknowledgeByLibrary(queue, {
    id: 'Serverless-SQSRedrivePolicy',
    reason: 'This queue is the last stop for failed events: a redrive policy on it would need another queue, which would need one too.',
  });
  return queue;
}

function ownLogGroup(fn: lambda.Function, key: kms.IKey, retention: logs.RetentionDays): logs.LogGroup {
  // Under @aws-cdk/aws-lambda:useCdkManagedLogGroup lambda.Function makes an unencrypted `LogGroup` child of its own,
  // which nothing references yet: this encrypted one replaces it.
  if (fn.node.tryFindChild('LogGroup') instanceof logs.LogGroup) fn.node.tryRemoveChild('LogGroup');
  return new logs.LogGroup(fn, 'LogGroup', { encryptionKey: key, retention });
}

function roundUsd(value: number): number {
  return Math.max(0.0001, Math.round(value * 10000) / 10000);
}
