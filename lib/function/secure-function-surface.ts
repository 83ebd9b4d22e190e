import { Annotations, Duration, Names, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { invalidProp } from '../core/errors';
import { estimatedCostExpression } from './alarms';
import { FUNCTION_DEFAULTS, LIMITS } from './defaults';
import { bindEventSource, rethrowCdkRefusal } from './event-source-checks';
import { SecureSqsSourceOptions, SecureStreamSourceOptions } from './event-sources';
import { SecureFunctionUrlOptions } from './function-url';
import { HardenedParts } from './hardening/harden';
import { HardeningSettings } from './hardening/settings';
import { announceWeakenedDefaults, WEAKENED_DEFAULT_WARNINGS } from './hardening/warnings';
import { SecureFunctionProps } from './props';
import { checkDurationRange, checkEnvName, checkEnvValue, checkIntegerRange } from './validation';

/** The inherited, unchecked `addEventSource` / `addFunctionUrl` of the class (its `super` call). */
export type BindSource = (source: lambda.IEventSource) => void;
export type AddUrl = (options: lambda.FunctionUrlOptions) => lambda.FunctionUrl;

/**
 * What SecureFunction and SecureNodejsFunction have in common once the engine has run: their parts, settings and
 * helper methods, written once. jsii classes cannot share a base here (one extends lambda.Function, the other
 * NodejsFunction), so each class holds one of these and delegates its public members to it.
 */
export class SecureFunctionSurface {
  /** The DLQ without its key, made when a stream source first needs it (see streamFailureQueue). */
  private dlqGrantHandle?: sqs.IQueue;

  constructor(
    private readonly fn: lambda.Function,
    public readonly parts: HardenedParts,
    public readonly settings: HardeningSettings,
    /** Variables the user vouched are not secrets, with the reasons. */
    public readonly environmentNotSecret: { [name: string]: string },
  ) {}

  /**
   * After the engine: announces each prop that weakens a secure default, and acknowledges the secret check of each
   * variable vouched for in `environmentNotSecret`.
   */
  public static announce(fn: lambda.Function, props: SecureFunctionProps): void {
    announceWeakenedDefaults(fn, props);
    for (const [name, reason] of Object.entries(props.environmentNotSecret ?? {})) {
      Validations.of(fn.node.defaultChild!).acknowledge({
        id: `Bulkhead-EnvSecret[${name}]`,
        reason: `Not a secret (environmentNotSecret): ${reason}`,
      });
    }
  }

  /** Refuses an invalid name or a secret-looking value added after construction (T2). */
  public checkAddedEnvironment(key: string, value: string): void {
    checkEnvName(this.fn, 'environment', key);
    checkEnvValue(this.fn, 'environment', key, value, this.environmentNotSecret[key]);
  }

  public get alarms(): cloudwatch.IAlarm[] {
    const a = this.parts.alarms;
    return [a.errors, a.throttles, a.deadLetters, a.cost];
  }

  /** See SecureFunction.metricEstimatedCostUsd. */
  public metricEstimatedCostUsd(props?: cloudwatch.MetricOptions): cloudwatch.IMetric {
    return estimatedCostExpression(
      this.fn,
      { memorySize: this.settings.memorySize, architecture: this.fn.architecture.name, priceTable: this.settings.priceTable },
      props?.period ?? Duration.hours(1),
      props?.label,
    );
  }

  /** See SecureFunction.addSecureFunctionUrl. */
  public addSecureFunctionUrl(options: SecureFunctionUrlOptions, add: AddUrl): lambda.FunctionUrl {
    const authType = options.authType ?? lambda.FunctionUrlAuthType.AWS_IAM;
    if (authType === lambda.FunctionUrlAuthType.NONE && options.allowPublicAccess !== true) {
      throw invalidProp(
        this.fn,
        'authType',
        'NONE',
        'AWS_IAM, or NONE together with allowPublicAccess: true (T7: public URLs are open to anyone)',
        'keep the default AWS_IAM and sign requests with SigV4, or set allowPublicAccess: true for a deliberately public endpoint',
      );
    }
    if (authType === lambda.FunctionUrlAuthType.NONE) {
      Annotations.of(this.fn).addWarningV2(
        WEAKENED_DEFAULT_WARNINGS.publicFunctionUrl,
        'a function URL with authType NONE (default AWS_IAM): anyone on the internet can invoke it, up to its concurrency ceiling (T7) (cdk-bulkhead)',
      );
    }
    return add({ authType, cors: options.cors, invokeMode: options.invokeMode });
  }

  /** See SecureFunction.addSqsSource. */
  public addSqsSource(queue: sqs.IQueue, options: SecureSqsSourceOptions, bind: BindSource): lambda.EventSourceMapping {
    const source = rethrowCdkRefusal(
      this.fn,
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
    return bindEventSource(this.fn, 'addSqsSource', source, bind)[0];
  }

  /** See SecureFunction.addKinesisSource. */
  public addKinesisSource(stream: kinesis.IStream, options: SecureStreamSourceOptions): lambda.EventSourceMapping {
    const mapping = this.addStreamSource('addKinesisSource', `KinesisSource${Names.nodeUniqueId(stream.node)}`, stream.streamArn, options);
    stream.grantRead(this.fn);
    return mapping;
  }

  /** See SecureFunction.addDynamoStreamSource. */
  public addDynamoStreamSource(table: dynamodb.ITable, options: SecureStreamSourceOptions): lambda.EventSourceMapping {
    const streamArn = table.tableStreamArn;
    if (streamArn === undefined) {
      throw invalidProp(
        this.fn,
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
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    if (table.encryptionKey) table.encryptionKey.grantDecrypt(this.fn);
    return mapping;
  }

  private addStreamSource(method: string, id: string, arn: string, options: SecureStreamSourceOptions): lambda.EventSourceMapping {
    const fn = this.fn;
    checkIntegerRange(
      fn,
      'retryAttempts',
      options.retryAttempts,
      LIMITS.streamRetryAttempts.min,
      LIMITS.streamRetryAttempts.max,
      'T4: bounded stream retries',
    );
    checkDurationRange(
      fn,
      'maxRecordAge',
      options.maxRecordAge,
      LIMITS.streamMaxRecordAgeSeconds.min,
      LIMITS.streamMaxRecordAgeSeconds.max,
      'T4: bounded record age',
    );
    checkIntegerRange(fn, 'batchSize', options.batchSize, 1, 10000, 'AWS Lambda limit for streams');
    checkIntegerRange(fn, 'parallelizationFactor', options.parallelizationFactor, 1, 10, 'AWS Lambda limit');
    return rethrowCdkRefusal(
      fn,
      method,
      () =>
        new lambda.EventSourceMapping(fn, id, {
          target: fn,
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
   * actions, and the explicit KMS statement the engine made covers the key. A queue passed in by the user is used
   * as it is.
   */
  private streamFailureQueue(): sqs.IQueue {
    const dlq = this.parts.deadLetterQueue;
    if (!this.parts.ownsDeadLetterQueue) return dlq;
    this.dlqGrantHandle ??= sqs.Queue.fromQueueAttributes(this.fn, 'DeadLetterQueueHandle', {
      queueArn: dlq.queueArn,
      queueUrl: dlq.queueUrl,
      queueName: dlq.queueName,
    });
    return this.dlqGrantHandle;
  }
}
