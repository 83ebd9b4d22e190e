import { Annotations, Duration, Names, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { invalidProp } from '../core/errors';
import { LambdaPriceTable } from '../core/pricing';
import { estimatedCostExpression } from './alarms';
import { FUNCTION_DEFAULTS, LIMITS } from './defaults';
import { refusePublicUrl } from './url-checks';
import { bindEventSource, rethrowCdkRefusal } from './event-source-checks';
import { SecureSqsSourceOptions, SecureStreamSourceOptions } from './event-sources';
import { SecureFunctionUrlOptions } from './function-url';
import { announceWeakenedDefaults, harden, resolveSettings, validateHardeningProps, WEAKENED_DEFAULT_WARNINGS } from './hardening';
import { engineOwnedProps } from './hardening/base-props';
import { announceEngineBuild, injectedProps, refuseInjectedRuntime } from './hardening/injection';
import { codeForArchitecture, isImageCode } from './image-platform';
import { FunctionProfiles } from './profile';
import { SecureFunctionProps } from './props';
import { RECYCLER_CODE_DIR, recycle } from './recycler';
import { claimRole } from './role';
import { checkDurationRange, checkEnvName, checkEnvValue, checkIntegerRange } from './validation';
import { withoutUndefined } from '../core/without-undefined';
import { BulkheadToday } from '../core/today';

/**
 * A Lambda function that is secure by default: its own least-privilege role, a customer-managed key, an encrypted
 * DLQ as failure destination, bounded retries, a concurrency ceiling, alarms, secrets by reference, and optional
 * environment recycling. Usable wherever a `lambda.IFunction` is.
 */
export class SecureFunction extends lambda.Function {
  /** Register a PropertyInjector under this id to inject into SecureFunction; injected props are validated too. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-bulkhead.SecureFunction';

  /**
   * The function's own role (or the one you passed). Same object as `role`, typed as always present
   * (jsii forbids narrowing the inherited optional `role`).
   */
  public readonly executionRole: iam.IRole;
  /** The key encrypting the environment, the DLQ and the log group. */
  public readonly key: kms.IKey;
  /**
   * The encrypted queue receiving failed async events and failed stream records. Same object as
   * `deadLetterQueue`, typed as always present.
   */
  public readonly failureQueue: sqs.IQueue;
  /** The function's own log group, encrypted with `key`. */
  public readonly functionLogGroup: logs.ILogGroup;
  /** Errors, throttles, DLQ depth and estimated cost alarms, in that order. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** Alarm on failed invocations. */
  public readonly errorsAlarm: cloudwatch.IAlarm;
  /** Alarm on throttled invocations (the concurrency ceiling was hit). */
  public readonly throttlesAlarm: cloudwatch.IAlarm;
  /** Alarm on messages waiting in the DLQ. */
  public readonly deadLetterAlarm: cloudwatch.IAlarm;
  /** Alarm on estimated compute cost per hour. */
  public readonly costAlarm: cloudwatch.IAlarm;
  /** Async retries after the first attempt (0-2). */
  public readonly maxRetryAttempts: number;
  /** Oldest age of an async event before it goes to the DLQ. */
  public readonly maxEventAge: Duration;
  /** The concurrency ceiling. */
  public readonly reservedConcurrency: number;
  /** Configured memory in MB. */
  public readonly memoryMb: number;
  /** The maximum environment age, when recycling is on. */
  public readonly maxEnvironmentAge?: Duration;
  /** The stack's recycler function, when recycling is on. */
  public readonly recycler?: lambda.IFunction;
  /** Variables you vouched are not secrets, with your reasons (`environmentNotSecret`); shown in the Bulkhead report. */
  public readonly environmentNotSecret: { [name: string]: string };

  private readonly priceTable: LambdaPriceTable;
  /** The DLQ without its key, made when a stream source first needs it (see streamFailureQueue). */
  private dlqGrantHandle?: sqs.IQueue;
  /** True when the DLQ is the one this construct made (not `props.deadLetterQueue`). */
  private readonly ownsFailureQueue: boolean;

  constructor(scope: Construct, id: string, given: SecureFunctionProps) {
    // Validation sees the props after injection: an injector cannot hand in what the checks refuse.
    const props = injectedProps(SecureFunction.PROPERTY_INJECTION_ID, given, scope, id);
    const at = `${scope.node.path ? scope.node.path + '/' : ''}${id}`;
    const profile = FunctionProfiles.of(scope) ?? {};
    const functionName = props.functionName ?? profileName(profile.serviceName, profile.stageName, id);
    validateHardeningProps(at, props, profile, functionName, BulkheadToday.of(scope)); // every problem at once, naming the future construct path
    if (props.role) claimRole(at, props.role); // before anything is created: a shared role is refused cleanly
    const settings = resolveSettings(props, profile);
    const architecture = props.architecture ?? FUNCTION_DEFAULTS.architecture;
    const code = codeForArchitecture(props.code, architecture);
    announceEngineBuild(scope, id); // a blueprint's injector leaves these props to the engine
    const secretEnv: { [name: string]: string } = {};
    for (const [name, ref] of Object.entries(settings.secrets)) secretEnv[name] = ref.reference;

    // The parts (role, key, DLQ, log group, async config) are made by the engine below as children of this function,
    // so the props that would make lambda.Function create or wire them here are left out.
    super(
      scope,
      id,
      withoutUndefined({
        ...props,
        code,
        // A container image brings its own runtime; anything else gets the newest Node.js.
        runtime: props.runtime ?? (isImageCode(code) ? lambda.Runtime.FROM_IMAGE : lambda.Runtime.NODEJS_LATEST),
        architecture,
        timeout: props.timeout ?? FUNCTION_DEFAULTS.timeout,
        ...engineOwnedProps(settings, functionName, { ...props.environment, ...secretEnv }),
      }),
    );
    refuseInjectedRuntime(this, 'SecureFunction.PROPERTY_INJECTION_ID', props.runtime !== undefined);
    const parts = harden(this, settings);
    announceWeakenedDefaults(this, props);
    this.environmentNotSecret = { ...props.environmentNotSecret };
    for (const [name, reason] of Object.entries(this.environmentNotSecret)) {
      Validations.of(this.node.defaultChild!).acknowledge({
        id: `Bulkhead-EnvSecret[${name}]`,
        reason: `Not a secret (environmentNotSecret): ${reason}`,
      });
    }

    this.key = parts.key;
    this.executionRole = parts.role;
    this.failureQueue = parts.deadLetterQueue;
    this.ownsFailureQueue = parts.ownsDeadLetterQueue;
    this.functionLogGroup = parts.logGroup;
    this.maxRetryAttempts = settings.retryAttempts;
    this.maxEventAge = settings.maxEventAge;
    this.reservedConcurrency = settings.reservedConcurrentExecutions;
    this.memoryMb = settings.memorySize;
    this.priceTable = settings.priceTable;
    this.errorsAlarm = parts.alarms.errors;
    this.throttlesAlarm = parts.alarms.throttles;
    this.deadLetterAlarm = parts.alarms.deadLetters;
    this.costAlarm = parts.alarms.cost;
    this.alarms = [parts.alarms.errors, parts.alarms.throttles, parts.alarms.deadLetters, parts.alarms.cost];

    if (props.maxEnvironmentAge !== undefined) {
      this.maxEnvironmentAge = props.maxEnvironmentAge;
      this.recycler = recycle(
        this,
        this.key,
        props.maxEnvironmentAge,
        (s, i) =>
          new SecureFunction(s, i, {
            code: lambda.Code.fromAsset(RECYCLER_CODE_DIR),
            handler: 'index.handler',
            description: 'Rewrites BULKHEAD_RECYCLED_AT so Lambda replaces warm environments (cdk-bulkhead, T6)',
            timeout: Duration.seconds(60),
            reservedConcurrentExecutions: 1,
            retryAttempts: 0,
          }),
      );
    }
  }

  /**
   * The function's log group (overridden so that reading it never adds CDK's log-retention custom resource).
   */
  public get logGroup(): logs.ILogGroup {
    return this.functionLogGroup;
  }

  /**
   * Adds an environment variable, refusing invalid names and secret-looking values (T2).
   */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    // lambda.Function's constructor adds the props' environment through here, before this class's fields exist:
    // those variables were checked with the props.
    if (this.environmentNotSecret !== undefined) {
      checkEnvName(this, 'environment', key);
      checkEnvValue(this, 'environment', key, value, this.environmentNotSecret[key]);
    }
    return super.addEnvironment(key, value, options);
  }

  /**
   * Estimated compute cost in USD per period (default one hour): invocations × request price + duration ×
   * memory × the price per GB-second of the architecture, from the price table.
   */
  public metricEstimatedCostUsd(props?: cloudwatch.MetricOptions): cloudwatch.IMetric {
    return estimatedCostExpression(
      this,
      {
        memorySize: this.memoryMb,
        architecture: this.architecture.name,
        priceTable: this.priceTable,
      },
      props?.period ?? Duration.hours(1),
      props?.label,
    );
  }

  /**
   * Adds a function URL that requires IAM (SigV4) authentication unless public access is explicitly allowed (T7).
   */
  public addSecureFunctionUrl(options: SecureFunctionUrlOptions = {}): lambda.FunctionUrl {
    const authType = options.authType ?? lambda.FunctionUrlAuthType.AWS_IAM;
    if (authType === lambda.FunctionUrlAuthType.NONE && options.allowPublicAccess !== true) {
      throw invalidProp(
        this,
        'authType',
        'NONE',
        'AWS_IAM, or NONE together with allowPublicAccess: true (T7: public URLs are open to anyone)',
        'keep the default AWS_IAM and sign requests with SigV4, or set allowPublicAccess: true for a deliberately public endpoint',
      );
    }
    if (authType === lambda.FunctionUrlAuthType.NONE) {
      Annotations.of(this).addWarningV2(
        WEAKENED_DEFAULT_WARNINGS.publicFunctionUrl,
        'a function URL with authType NONE (default AWS_IAM): anyone on the internet can invoke it, up to its concurrency ceiling (T7) (cdk-bulkhead)',
      );
    }
    return super.addFunctionUrl({ authType, cors: options.cors, invokeMode: options.invokeMode });
  }

  /**
   * Adds a function URL; as `addSecureFunctionUrl`, a public one (`authType: NONE`) needs the explicit opt-in, which
   * only `addSecureFunctionUrl` takes (T7).
   */
  public addFunctionUrl(options?: lambda.FunctionUrlOptions): lambda.FunctionUrl {
    refusePublicUrl(this, options, 'addSecureFunctionUrl({ authType: NONE, allowPublicAccess: true })');
    return super.addFunctionUrl(options);
  }

  /**
   * Adds an event source through the same checks as `addSqsSource`, `addKinesisSource` and
   * `addDynamoStreamSource`: a queue needs a dead-letter queue and a long enough visibility timeout, a stream
   * mapping bounded retries and record age, bisect on error and an on-failure destination (T4/T5).
   */
  public addEventSource(source: lambda.IEventSource): void {
    bindEventSource(this, 'addEventSource', source, (s) => super.addEventSource(s));
  }

  /**
   * Consumes an SQS queue with partial batch failure reporting. The queue must have a dead-letter queue and a
   * visibility timeout of at least 6 × the function timeout when both are known (T5). Batch size, batching window
   * and concurrency are checked by aws-cdk-lib's `SqsEventSource` (more than 10 messages need a batching window).
   */
  public addSqsSource(queue: sqs.IQueue, options: SecureSqsSourceOptions = {}): lambda.EventSourceMapping {
    const source = rethrowCdkRefusal(
      this,
      'addSqsSource',
      () =>
        new SqsEventSource(queue, {
          batchSize: options.batchSize ?? FUNCTION_DEFAULTS.sqsBatchSize,
          maxBatchingWindow: options.maxBatchingWindow,
          maxConcurrency: options.maxConcurrency,
          enabled: options.enabled,
          reportBatchItemFailures: true,
        }),
    );
    return bindEventSource(this, 'addSqsSource', source, (s) => super.addEventSource(s))[0];
  }

  /** Consumes a Kinesis stream with bounded retries and record age, bisect on error and an on-failure destination (T4/T5). */
  public addKinesisSource(stream: kinesis.IStream, options: SecureStreamSourceOptions = {}): lambda.EventSourceMapping {
    const mapping = this.addStreamSource('addKinesisSource', `KinesisSource${Names.nodeUniqueId(stream.node)}`, stream.streamArn, options);
    stream.grantRead(this);
    return mapping;
  }

  /** Consumes a DynamoDB table's stream with the same safe defaults as `addKinesisSource` (T4/T5). */
  public addDynamoStreamSource(table: dynamodb.ITable, options: SecureStreamSourceOptions = {}): lambda.EventSourceMapping {
    const streamArn = table.tableStreamArn;
    if (streamArn === undefined) {
      throw invalidProp(
        this,
        'table',
        table.node.path,
        'a table with a stream',
        'create the table with stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES',
      );
    }
    const mapping = this.addStreamSource(
      'addDynamoStreamSource',
      `DynamoStreamSource${Names.nodeUniqueId(table.node)}`,
      streamArn,
      options,
    );
    // Only the three calls the mapping makes, on this stream only (no ListStreams on *).
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    if (table.encryptionKey) table.encryptionKey.grantDecrypt(this);
    return mapping;
  }

  private addStreamSource(method: string, id: string, arn: string, options: SecureStreamSourceOptions): lambda.EventSourceMapping {
    checkIntegerRange(
      this,
      'retryAttempts',
      options.retryAttempts,
      LIMITS.streamRetryAttempts.min,
      LIMITS.streamRetryAttempts.max,
      'T4: bounded stream retries',
    );
    checkDurationRange(
      this,
      'maxRecordAge',
      options.maxRecordAge,
      LIMITS.streamMaxRecordAgeSeconds.min,
      LIMITS.streamMaxRecordAgeSeconds.max,
      'T4: bounded record age',
    );
    checkIntegerRange(this, 'batchSize', options.batchSize, 1, 10000, 'AWS Lambda limit for streams');
    checkIntegerRange(this, 'parallelizationFactor', options.parallelizationFactor, 1, 10, 'AWS Lambda limit');
    return rethrowCdkRefusal(
      this,
      method,
      () =>
        new lambda.EventSourceMapping(this, id, {
          target: this,
          eventSourceArn: arn,
          startingPosition: options.startingPosition ?? lambda.StartingPosition.TRIM_HORIZON,
          batchSize: options.batchSize ?? FUNCTION_DEFAULTS.streamBatchSize,
          retryAttempts: options.retryAttempts ?? FUNCTION_DEFAULTS.streamRetryAttempts,
          maxRecordAge: options.maxRecordAge ?? FUNCTION_DEFAULTS.streamMaxRecordAge,
          bisectBatchOnError: options.bisectBatchOnError ?? true,
          parallelizationFactor: options.parallelizationFactor,
          maxBatchingWindow: options.maxBatchingWindow,
          onFailure: options.onFailure ?? new SqsDlq(this.streamFailureQueue()),
        }),
    );
  }

  /**
   * The DLQ for stream failures, through a handle without its key: SqsDlq's grant then adds only the SQS send
   * actions, and the explicit KMS statement made in the constructor covers the key. A queue passed in by the user
   * is used as it is.
   */
  private streamFailureQueue(): sqs.IQueue {
    if (!this.ownsFailureQueue) return this.failureQueue;
    this.dlqGrantHandle ??= sqs.Queue.fromQueueAttributes(this, 'DeadLetterQueueHandle', {
      queueArn: this.failureQueue.queueArn,
      queueUrl: this.failureQueue.queueUrl,
      queueName: this.failureQueue.queueName,
    });
    return this.dlqGrantHandle;
  }
}

/** `<service>-<id lower-kebab>-<stage>` when the profile names both (T9). */
function profileName(service: string | undefined, stage: string | undefined, id: string): string | undefined {
  if (!service || !stage) return undefined;
  const kebab = id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${service}-${kebab}-${stage}`;
}
