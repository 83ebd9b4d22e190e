import * as crypto from 'crypto';
import { Aws, Duration, Fn, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeByLibrary } from '../core/acknowledgements';
import { invalidProp } from '../core/errors';
import { LambdaPriceTable } from '../core/pricing';
import { FunctionProfiles, SecureFunction } from '../function';
import { estimatedCostExpression } from '../function/alarms';
import { BreakerMode, ProtectOptions } from './breaker-mode';
import { BREAKER_DEFAULTS, MAX_ALARM_SECONDS } from './defaults';
import { BREAKER_CODE_DIR, BREAKER_METADATA } from './record';

/** Props of `CostBreaker`. */
export interface CostBreakerProps {
  /**
   * Topic the breaker reports every trip to, and its own alarms go to (the stage's alarm topic in IsolatedStages).
   * @default - the FunctionProfile's alarm topic, else none: trips are reported to EventBridge only
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Length of one period of the trip alarms (whole minutes).
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * Consecutive periods above the threshold before the breaker trips: it trips after period × evaluationPeriods.
   * @default 3
   */
  readonly evaluationPeriods?: number;
  /**
   * Prices for the estimated cost of functions that are not SecureFunctions (a SecureFunction uses its own).
   * @default LambdaPriceTable.DEFAULT
   */
  readonly priceTable?: LambdaPriceTable;
  /**
   * Stage name written in every report.
   * @default - the FunctionProfile's stage name, else none
   */
  readonly stageName?: string;
}

/** Marks the breaker's own function, so no breaker ever protects it (it would stop the thing that stops). */
const BREAKER_FUNCTION = Symbol.for('cdk-bulkhead.CostBreaker.function');
/** Marks functions already protected in this app (by any copy of the library). */
const PROTECTED_BY = Symbol.for('cdk-bulkhead.CostBreaker.protectedBy');

interface Target {
  readonly fn: lambda.Function;
  readonly mode: BreakerMode;
}

/**
 * Stops a runaway function automatically (Denial of Wallet, T4). For each protected function, a trip alarm on its
 * estimated cost per hour (and optionally its invocation rate) invokes a small hardened breaker function through
 * CloudWatch's Lambda alarm action when the alarm stays in ALARM for `evaluationPeriods` × `period`. The breaker
 * records the function's reserved concurrency (tags on the function), removes provisioned concurrency, sets the
 * reserved concurrency to 0, and reports it to the alarm topic and EventBridge. `bulkhead breaker restore` puts the
 * recorded ceiling back. Its role may change the protected functions only; NOTIFY functions are never throttled.
 */
export class CostBreaker extends Construct {
  /** True when `x` is a breaker's own function (never protected, by a breaker or by a stage's switch). */
  public static isBreakerFunction(x: IConstruct): boolean {
    return (x as any)[BREAKER_FUNCTION] === true;
  }

  /** True when `fn` is already protected by a CostBreaker. */
  public static isProtected(fn: IConstruct): boolean {
    return (fn as any)[PROTECTED_BY] !== undefined;
  }

  /** The hardened breaker function: own role, key, DLQ, concurrency 1, alarms. */
  public readonly breakerFunction: SecureFunction;
  /** The alarms that trip the breaker, in the order the functions were protected. */
  public readonly tripAlarms: cloudwatch.IAlarm[] = [];
  /** One alarm period. */
  public readonly period: Duration;
  /** Consecutive periods in ALARM before a trip. */
  public readonly evaluationPeriods: number;

  private readonly targets: Target[] = [];
  private readonly priceTable: LambdaPriceTable;
  private provisionedPolicy?: iam.Policy;

  constructor(scope: Construct, id: string, props: CostBreakerProps = {}) {
    super(scope, id);
    this.period = props.period ?? BREAKER_DEFAULTS.period;
    this.evaluationPeriods = props.evaluationPeriods ?? BREAKER_DEFAULTS.evaluationPeriods;
    checkSchedule(this, this.period, this.evaluationPeriods);
    this.priceTable = props.priceTable ?? LambdaPriceTable.DEFAULT;
    const profile = FunctionProfiles.of(this) ?? {};
    const topic = props.alarmTopic ?? profile.alarmTopic;
    const stage = props.stageName ?? profile.stageName;

    this.breakerFunction = new SecureFunction(this, 'Function', {
      code: lambda.Code.fromAsset(BREAKER_CODE_DIR),
      handler: 'index.handler',
      description: 'Sets the reserved concurrency of a runaway protected function to 0 (cdk-bulkhead CostBreaker, T4)',
      functionName: breakerName(this, profile.serviceName, stage),
      timeout: BREAKER_DEFAULTS.timeout,
      reservedConcurrentExecutions: BREAKER_DEFAULTS.reservedConcurrentExecutions,
      alarmTopic: topic,
      environment: {
        BULKHEAD_BREAKER_THROTTLE: Lazy.string({ produce: () => this.namesOf(BreakerMode.THROTTLE) }),
        BULKHEAD_BREAKER_NOTIFY: Lazy.string({ produce: () => this.namesOf(BreakerMode.NOTIFY) }),
        ...(stage ? { BULKHEAD_BREAKER_STAGE: stage } : {}),
        ...(topic ? { BULKHEAD_BREAKER_TOPIC_ARN: topic.topicArn } : {}),
      },
    });
    (this.breakerFunction as any)[BREAKER_FUNCTION] = true;
    // What `bulkhead breaker status --assembly` lists: the protected functions of this breaker, by logical ID.
    (this.breakerFunction.node.defaultChild as lambda.CfnFunction).addMetadata(
      BREAKER_METADATA,
      Lazy.any({
        produce: () =>
          Object.fromEntries(
            [BreakerMode.THROTTLE, BreakerMode.NOTIFY].map((mode) => [
              mode,
              this.targets.filter((t) => t.mode === mode).map((t) => (t.fn.node.defaultChild as lambda.CfnFunction).logicalId),
            ]),
          ),
      }),
    );

    // Reports go to the account's default event bus and to the topic: exactly these, nothing else.
    this.breakerFunction.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReportTripsToEventBridge',
        actions: ['events:PutEvents'],
        resources: [`arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`],
      }),
    );
    if (topic) {
      this.breakerFunction.addToRolePolicy(
        new iam.PolicyStatement({ sid: 'ReportTripsToTopic', actions: ['sns:Publish'], resources: [topic.topicArn] }),
      );
      // CDK's topic grant would add kms:GenerateDataKey* (a wildcard action, AwsSolutions-IAM5): name the two needed.
      if (topic.masterKey) {
        this.breakerFunction.addToRolePolicy(
          new iam.PolicyStatement({
            sid: 'PublishToEncryptedTopic',
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: [topic.masterKey.keyArn],
          }),
        );
      }
    }
  }

  /**
   * Protects `fn`, a `lambda.Function` (SecureFunction, NodejsFunction, Function) in this breaker's stack: adds its
   * trip alarm(s), wired to the breaker, and lets the breaker change this function's concurrency (THROTTLE) or
   * nothing (NOTIFY). Returns the trip alarms.
   */
  public protect(fn: lambda.IFunction, options: ProtectOptions = {}): cloudwatch.IAlarm[] {
    const target = this.checkTarget(fn);
    const mode = options.mode ?? BreakerMode.THROTTLE;
    if (!Object.values(BreakerMode).includes(mode)) {
      throw invalidProp(this, 'mode', String(mode), 'BreakerMode.THROTTLE or BreakerMode.NOTIFY', 'pass one of the BreakerMode values');
    }
    const usdPerHour = options.costThresholdUsdPerHour ?? defaultThreshold(target, this.priceTable);
    if (Token.isUnresolved(usdPerHour) || !(Number.isFinite(usdPerHour) && usdPerHour > 0)) {
      throw invalidProp(
        `${this.node.path} protect(${target.node.path})`,
        'costThresholdUsdPerHour',
        usdPerHour,
        'a finite number of USD per hour above 0',
        "omit it for the function's own cost-alarm threshold (half its worst case), or set the hourly spend that should stop it",
      );
    }
    const rate = options.maxInvocationsPerMinute;
    if (rate !== undefined && (Token.isUnresolved(rate) || !Number.isInteger(rate) || rate < 1)) {
      throw invalidProp(
        `${this.node.path} protect(${target.node.path})`,
        'maxInvocationsPerMinute',
        rate,
        'a whole number of invocations per minute, at least 1',
        'set the rate no legitimate load reaches, or omit it for the cost alarm alone',
      );
    }

    (target as any)[PROTECTED_BY] = this.node.path;
    this.targets.push({ fn: target, mode });
    const action = new actions.LambdaAction(this.breakerFunction, { useUniquePermissionId: true });
    const id = Names.nodeUniqueId(target.node);
    const seconds = this.period.toSeconds();
    const verb =
      mode === BreakerMode.THROTTLE
        ? 'the CostBreaker sets its reserved concurrency to 0'
        : 'the CostBreaker reports it (NOTIFY: never throttled)';
    const cost = new cloudwatch.Alarm(this, `${id}CostTrip`, {
      alarmDescription: `${target.node.path}: estimated cost above ${round(usdPerHour)} USD per hour for ${this.evaluationPeriods} x ${seconds / 60} min; ${verb} (cdk-bulkhead, T4)`,
      metric: this.costMetric(target),
      threshold: round((usdPerHour * seconds) / 3600),
      evaluationPeriods: this.evaluationPeriods,
      datapointsToAlarm: this.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    cost.addAlarmAction(action);
    const alarms: cloudwatch.IAlarm[] = [cost];
    if (rate !== undefined) {
      const invocations = new cloudwatch.Alarm(this, `${id}RateTrip`, {
        alarmDescription: `${target.node.path}: more than ${rate} invocations per minute for ${this.evaluationPeriods} x ${seconds / 60} min; ${verb} (cdk-bulkhead, T4)`,
        metric: target.metricInvocations({ statistic: cloudwatch.Stats.SUM, period: this.period }),
        threshold: (rate * seconds) / 60,
        evaluationPeriods: this.evaluationPeriods,
        datapointsToAlarm: this.evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      invocations.addAlarmAction(action);
      alarms.push(invocations);
    }
    this.tripAlarms.push(...alarms);
    if (mode === BreakerMode.THROTTLE) this.allowTrip(target);
    return alarms;
  }

  /** The functions protected so far (THROTTLE and NOTIFY). */
  public get protectedFunctions(): lambda.IFunction[] {
    return this.targets.map((t) => t.fn);
  }

  /** Refuses what the breaker cannot wire: imported functions, aliases, another stack, itself, a second protect. */
  private checkTarget(fn: lambda.IFunction): lambda.Function {
    const where = this.node.path;
    if (!(fn instanceof lambda.Function)) {
      throw invalidProp(
        where,
        'protect(fn)',
        fn?.node?.path ?? String(fn),
        'a lambda.Function defined in this app (SecureFunction, NodejsFunction or Function); imported functions, aliases and versions have no concurrency setting the breaker can own',
        'protect the function itself in the stack that defines it',
      );
    }
    if (CostBreaker.isBreakerFunction(fn)) {
      throw invalidProp(where, 'protect(fn)', fn.node.path, "a function other than a breaker's own", 'do not protect the breaker function');
    }
    if (Stack.of(fn) !== Stack.of(this)) {
      throw invalidProp(
        where,
        'protect(fn)',
        fn.node.path,
        `a function in the breaker's stack ${Stack.of(this).stackName} (CloudWatch invokes the breaker from an alarm of the same stack)`,
        `create a CostBreaker in stack ${Stack.of(fn).stackName} and protect the function there`,
      );
    }
    const owner = (fn as any)[PROTECTED_BY];
    if (owner !== undefined) {
      throw invalidProp(
        where,
        'protect(fn)',
        fn.node.path,
        `a function not yet protected (it is protected by ${owner})`,
        'protect each function once',
      );
    }
    return fn;
  }

  private costMetric(fn: lambda.Function): cloudwatch.IMetric {
    if (fn instanceof SecureFunction) return fn.metricEstimatedCostUsd({ period: this.period });
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    const memory = typeof cfn.memorySize === 'number' ? cfn.memorySize : 128;
    return estimatedCostExpression(
      fn,
      { memorySize: memory, architecture: fn.architecture.name, priceTable: this.priceTable },
      this.period,
    );
  }

  /** The breaker may read and throttle this function, and remove its provisioned concurrency: nothing else. */
  private allowTrip(fn: lambda.Function): void {
    this.breakerFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'lambda:GetFunctionConfiguration',
          'lambda:GetFunctionConcurrency',
          'lambda:ListProvisionedConcurrencyConfigs',
          'lambda:ListTags',
          'lambda:PutFunctionConcurrency',
        ],
        resources: [fn.functionArn],
      }),
    );
    // The record only: tags that other policies may key on (ABAC) stay out of the breaker's reach.
    this.breakerFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:TagResource'],
        resources: [fn.functionArn],
        conditions: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['bulkhead:breaker:*'] } },
      }),
    );
    // Provisioned concurrency is set per alias or version, whose ARNs are the function's with a qualifier. These
    // statements live in a policy of their own so the acknowledgement below covers them and no later grant.
    this.provisionedPolicy ??= new iam.Policy(this, 'ProvisionedConcurrencyPolicy', { roles: [this.breakerFunction.executionRole] });
    this.provisionedPolicy.addStatements(
      new iam.PolicyStatement({
        actions: ['lambda:DeleteProvisionedConcurrencyConfig'],
        resources: [`${fn.functionArn}:*`],
      }),
    );
    const logicalId = Stack.of(fn).resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId);
    acknowledgeByLibrary(this.provisionedPolicy, {
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason:
        'lambda:DeleteProvisionedConcurrencyConfig on the aliases and versions of a protected function only: provisioned concurrency is configured per qualifier.',
    });
  }

  private namesOf(mode: BreakerMode): string {
    const names = this.targets.filter((t) => t.mode === mode).map((t) => t.fn.functionName);
    return names.length === 0 ? '' : Fn.join(',', names);
  }
}

/** A SecureFunction's own cost-alarm threshold; else half the worst case at its ceiling (or the account's). */
function defaultThreshold(fn: lambda.Function, prices: LambdaPriceTable): number {
  if (fn instanceof SecureFunction) {
    const threshold = (fn.costAlarm.node.defaultChild as cloudwatch.CfnAlarm).threshold;
    if (typeof threshold === 'number') return threshold;
  }
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const reserved =
    typeof cfn.reservedConcurrentExecutions === 'number' && cfn.reservedConcurrentExecutions > 0
      ? cfn.reservedConcurrentExecutions
      : BREAKER_DEFAULTS.accountConcurrency;
  const memory = typeof cfn.memorySize === 'number' ? cfn.memorySize : 128;
  // Rounded to 0.0001 USD as SecureFunction rounds its own, so the alarm shows the figure the docs compute.
  return Math.max(0.0001, Math.round(0.5 * reserved * (memory / 1024) * 3600 * prices.perGbSecond(fn.architecture.name) * 10000) / 10000);
}

function checkSchedule(scope: Construct, period: Duration, evaluationPeriods: number): void {
  const seconds = period.isUnresolved() ? NaN : period.toSeconds();
  if (!(Number.isInteger(seconds) && seconds >= 60 && seconds % 60 === 0)) {
    throw invalidProp(
      scope,
      'period',
      Number.isNaN(seconds) ? 'a token' : `${seconds} seconds`,
      'whole minutes, at least 1 (Lambda publishes its metrics per minute)',
      'use Duration.minutes(...)',
    );
  }
  if (
    Token.isUnresolved(evaluationPeriods) ||
    !Number.isInteger(evaluationPeriods) ||
    evaluationPeriods < 1 ||
    evaluationPeriods * seconds > MAX_ALARM_SECONDS
  ) {
    throw invalidProp(
      scope,
      'evaluationPeriods',
      evaluationPeriods,
      `a whole number from 1 to ${Math.floor(MAX_ALARM_SECONDS / seconds)} (period × evaluationPeriods at most one day, CloudWatch limit)`,
      'trip after fewer periods, or use a longer period',
    );
  }
}

/** `<service>-<stack>-<id>-<stage>` under a stage profile (unique per stack), at most 64 characters. */
function breakerName(scope: Construct, service: string | undefined, stage: string | undefined): string | undefined {
  if (!service || !stage) return undefined;
  const name = `${service}-${kebab(Stack.of(scope).node.id)}-${kebab(scope.node.id)}-${stage}`;
  if (name.length <= 64) return name;
  const hash = crypto.createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}-${hash}`;
}

function kebab(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}
