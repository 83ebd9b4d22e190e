import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_DEFAULTS } from './defaults';
import { bindEventSource } from './event-source-checks';
import { SecureSqsSourceOptions, SecureStreamSourceOptions } from './event-sources';
import { SecureFunctionUrlOptions } from './function-url';
import { finishHardening, startHardening } from './hardening/construction';
import { injectedProps } from './hardening/injection';
import { codeForArchitecture, isImageCode } from './image-platform';
import { SecureFunctionProps } from './props';
import { RECYCLER_CODE_DIR, recycle } from './recycler';
import { SecureFunctionSurface } from './secure-function-surface';
import { refusePublicUrl } from './url-checks';

/**
 * A Lambda function that is secure by default: its own least-privilege role, a customer-managed key, an encrypted
 * DLQ as failure destination, bounded retries, a concurrency ceiling, alarms, secrets by reference, and optional
 * environment recycling. Usable wherever a `lambda.IFunction` is.
 */
export class SecureFunction extends lambda.Function {
  /** Register a PropertyInjector under this id to inject into SecureFunction; injected props are validated too. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-bulkhead.SecureFunction';

  /** The maximum environment age, when recycling is on. */
  public readonly maxEnvironmentAge?: Duration;
  /** The stack's recycler function, when recycling is on. */
  public readonly recycler?: lambda.IFunction;

  private readonly surface: SecureFunctionSurface;

  constructor(scope: Construct, id: string, given: SecureFunctionProps) {
    // Validation sees the props after injection: an injector cannot hand in what the checks refuse.
    const props = injectedProps(SecureFunction.PROPERTY_INJECTION_ID, given, scope, id);
    const start = startHardening(scope, id, props, { ownConstructor: true });
    const architecture = props.architecture ?? FUNCTION_DEFAULTS.architecture;
    const code = codeForArchitecture(props.code, architecture);
    super(scope, id, {
      ...start.baseProps,
      code,
      // A container image brings its own runtime; anything else gets the newest Node.js.
      runtime: props.runtime ?? (isImageCode(code) ? lambda.Runtime.FROM_IMAGE : lambda.Runtime.NODEJS_LATEST),
      architecture,
    });
    const parts = finishHardening(this, start.settings, 'SecureFunction.PROPERTY_INJECTION_ID', props.runtime !== undefined);
    this.surface = new SecureFunctionSurface(this, parts, start.settings, { ...props.environmentNotSecret });
    SecureFunctionSurface.announce(this, props);

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
   * The function's own role (or the one you passed). Same object as `role`, typed as always present
   * (jsii forbids narrowing the inherited optional `role`).
   */
  public get executionRole(): iam.IRole {
    return this.surface.parts.role;
  }
  /** The key encrypting the environment, the DLQ and the log group. */
  public get key(): kms.IKey {
    return this.surface.parts.key;
  }
  /**
   * The encrypted queue receiving failed async events and failed stream records. Same object as
   * `deadLetterQueue`, typed as always present.
   */
  public get failureQueue(): sqs.IQueue {
    return this.surface.parts.deadLetterQueue;
  }
  /** The function's own log group, encrypted with `key` (or the one you passed). */
  public get functionLogGroup(): logs.ILogGroup {
    return this.surface.parts.logGroup;
  }
  /** Errors, throttles, DLQ depth and estimated cost alarms, in that order. */
  public get alarms(): cloudwatch.IAlarm[] {
    return this.surface.alarms;
  }
  /** Alarm on failed invocations. */
  public get errorsAlarm(): cloudwatch.IAlarm {
    return this.surface.parts.alarms.errors;
  }
  /** Alarm on throttled invocations (the concurrency ceiling was hit). */
  public get throttlesAlarm(): cloudwatch.IAlarm {
    return this.surface.parts.alarms.throttles;
  }
  /** Alarm on messages waiting in the DLQ. */
  public get deadLetterAlarm(): cloudwatch.IAlarm {
    return this.surface.parts.alarms.deadLetters;
  }
  /** Alarm on estimated compute cost per hour. */
  public get costAlarm(): cloudwatch.IAlarm {
    return this.surface.parts.alarms.cost;
  }
  /** Async retries after the first attempt (0-2). */
  public get maxRetryAttempts(): number {
    return this.surface.settings.retryAttempts;
  }
  /** Oldest age of an async event before it goes to the DLQ. */
  public get maxEventAge(): Duration {
    return this.surface.settings.maxEventAge;
  }
  /** The concurrency ceiling. */
  public get reservedConcurrency(): number {
    return this.surface.settings.reservedConcurrentExecutions;
  }
  /** Configured memory in MB. */
  public get memoryMb(): number {
    return this.surface.settings.memorySize;
  }
  /** Variables you vouched are not secrets, with your reasons (`environmentNotSecret`); shown in the Bulkhead report. */
  public get environmentNotSecret(): { [name: string]: string } {
    return this.surface.environmentNotSecret;
  }

  /** The function's log group (overridden so that reading it never adds CDK's log-retention custom resource). */
  public get logGroup(): logs.ILogGroup {
    return this.surface.parts.logGroup;
  }

  /**
   * Estimated compute cost in USD per period (default one hour): invocations × request price + duration ×
   * memory × the price per GB-second of the architecture, from the price table.
   */
  public metricEstimatedCostUsd(props?: cloudwatch.MetricOptions): cloudwatch.IMetric {
    return this.surface.metricEstimatedCostUsd(props);
  }

  /**
   * Adds a function URL that requires IAM (SigV4) authentication unless public access is explicitly allowed (T7).
   */
  public addSecureFunctionUrl(options: SecureFunctionUrlOptions = {}): lambda.FunctionUrl {
    return this.surface.addSecureFunctionUrl(options, (o) => super.addFunctionUrl(o));
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
    return this.surface.addSqsSource(queue, options, (s) => super.addEventSource(s));
  }

  /** Consumes a Kinesis stream with bounded retries and record age, bisect on error and an on-failure destination (T4/T5). */
  public addKinesisSource(stream: kinesis.IStream, options: SecureStreamSourceOptions = {}): lambda.EventSourceMapping {
    return this.surface.addKinesisSource(stream, options);
  }

  /** Consumes a DynamoDB table's stream with the same safe defaults as `addKinesisSource` (T4/T5). */
  public addDynamoStreamSource(table: dynamodb.ITable, options: SecureStreamSourceOptions = {}): lambda.EventSourceMapping {
    return this.surface.addDynamoStreamSource(table, options);
  }

  /** Adds an environment variable, refusing invalid names and secret-looking values (T2). */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    // lambda.Function's constructor adds the props' environment through here, before the surface exists: those
    // variables were checked with the props.
    this.surface?.checkAddedEnvironment(key, value);
    return super.addEnvironment(key, value, options);
  }
}
