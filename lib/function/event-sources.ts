import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Options of `SecureFunction.addSqsSource`. */
export interface SecureSqsSourceOptions {
  /**
   * Messages per batch; a failed message is reported on its own (`ReportBatchItemFailures`), not the batch.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long to gather a batch.
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Most concurrent invocations this source may cause (2-1000).
   * @default - bounded by the function's reserved concurrency
   */
  readonly maxConcurrency?: number;
  /**
   * Whether the mapping is enabled.
   * @default true
   */
  readonly enabled?: boolean;
}

/** Options of `SecureFunction.addKinesisSource` and `addDynamoStreamSource`. */
export interface SecureStreamSourceOptions {
  /**
   * Where to start reading.
   * @default lambda.StartingPosition.TRIM_HORIZON (no record is skipped, T5)
   */
  readonly startingPosition?: lambda.StartingPosition;
  /**
   * Records per batch.
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * Retries of a failed batch, 0-10 (T4: unbounded stream retries block the shard until the record expires).
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * Oldest record sent to the function, 60 s-7 days; older ones go to the on-failure destination.
   * @default Duration.hours(1)
   */
  readonly maxRecordAge?: Duration;
  /**
   * Split a failing batch in two to isolate the poison record.
   * @default true
   */
  readonly bisectBatchOnError?: boolean;
  /**
   * Concurrent batches per shard (1-10).
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * How long to gather a batch.
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Where records that still fail go.
   * @default - the function's dead-letter queue
   */
  readonly onFailure?: lambda.IEventSourceDlq;
}
