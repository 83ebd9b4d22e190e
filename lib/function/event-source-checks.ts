import { Errors, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { invalidProp } from '../core/errors';
import { acknowledgeByLibrary } from '../core/acknowledgements';
import { LIMITS } from './defaults';
import { Problems } from './hardening/problems';
import { checkIntegerRange } from './validation';

/**
 * The checks every event source of a SecureFunction goes through, whether it came from `addSqsSource`,
 * `addKinesisSource`, `addDynamoStreamSource` or the inherited `addEventSource`. AWS's own limits (batch sizes,
 * batching windows, concurrency) are aws-cdk-lib's checks, reported here in Bulkhead's form; the threat-model
 * bounds (T4, T5) are ours.
 */

/** A queue the function consumes must have a DLQ and, when both are known, a visibility timeout >= 6 × the timeout (T5). */
export function checkSqsQueue(fn: lambda.Function, queue: sqs.IQueue): void {
  if (queue instanceof sqs.Queue && queue.deadLetterQueue === undefined) {
    throw invalidProp(
      fn,
      'queue',
      queue.node.path,
      'a queue with a dead-letter queue (T5: a poison message would loop until it expires)',
      'create the queue with deadLetterQueue: { queue: dlq, maxReceiveCount: 3 }',
    );
  }
  const cfnQueue = queue.node.defaultChild instanceof sqs.CfnQueue ? queue.node.defaultChild : undefined;
  if (cfnQueue === undefined) return;
  const seconds = cfnQueue.visibilityTimeout ?? 30;
  const timeout = fn.timeout?.toSeconds();
  if (!Token.isUnresolved(seconds) && timeout !== undefined && seconds < 6 * timeout) {
    throw invalidProp(
      fn,
      'queue visibilityTimeout',
      `${seconds} seconds`,
      `at least 6 × the function timeout = ${6 * timeout} seconds (T5: shorter makes in-flight messages visible again and processed twice)`,
      `create the queue with visibilityTimeout: Duration.seconds(${6 * timeout}) or shorten the function timeout`,
    );
  }
}

/**
 * Binds `source` to `fn` with aws-cdk-lib's own binding and checks, then checks every mapping it made; returns them.
 * aws-cdk-lib's refusals (AWS limits) come back as Bulkhead errors naming the method.
 */
export function bindEventSource(
  fn: lambda.Function,
  method: string,
  source: lambda.IEventSource,
  bind: (s: lambda.IEventSource) => void,
): lambda.EventSourceMapping[] {
  if (source instanceof SqsEventSource) checkSqsQueue(fn, source.queue);
  const before = new Set(fn.node.children);
  rethrowCdkRefusal(fn, method, () => bind(source));
  const made = fn.node.children.filter((c): c is lambda.EventSourceMapping => !before.has(c) && c instanceof lambda.EventSourceMapping);
  for (const mapping of made) {
    const cfn = mapping.node.defaultChild as lambda.CfnEventSourceMapping;
    if (cfn.startingPosition !== undefined) checkStreamMapping(fn, method, cfn);
    if (source instanceof SqsEventSource) {
      acknowledgeByLibrary(mapping, {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          "SQS event source mappings do not support on-failure destinations; failed messages go to the queue's own dead-letter queue, which SecureFunction requires.",
      });
    }
  }
  return made;
}

/** Builds an event source with aws-cdk-lib, turning its refusal into a Bulkhead error naming the method. */
export function rethrowCdkRefusal<T>(fn: lambda.Function, method: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (!Errors.isValidationError(e)) throw e;
    throw invalidProp(
      fn,
      `${method} options`,
      'refused by aws-cdk-lib',
      `AWS's limits as aws-cdk-lib checks them: ${(e as Error).message}`,
      'change the option that message names',
    );
  }
}

/** A stream mapping must bound retries and record age, bisect failing batches and send what still fails somewhere (T4/T5). */
function checkStreamMapping(fn: lambda.Function, method: string, cfn: lambda.CfnEventSourceMapping): void {
  const p = new Problems(fn.node.path);
  const fix =
    method === 'addEventSource'
      ? 'use addKinesisSource or addDynamoStreamSource (bounded by default), or set it on the event source'
      : 'set it in the options';
  p.check(() => {
    if (cfn.maximumRetryAttempts === undefined || cfn.maximumRetryAttempts === -1) {
      throw invalidProp(
        fn,
        'retryAttempts',
        'unset (infinite)',
        `${LIMITS.streamRetryAttempts.min}-${LIMITS.streamRetryAttempts.max} (T4: unbounded retries block the shard)`,
        fix,
      );
    }
    checkIntegerRange(
      fn,
      'retryAttempts',
      cfn.maximumRetryAttempts,
      LIMITS.streamRetryAttempts.min,
      LIMITS.streamRetryAttempts.max,
      'T4: bounded stream retries',
    );
  });
  p.check(() => {
    if (cfn.maximumRecordAgeInSeconds === undefined || cfn.maximumRecordAgeInSeconds === -1) {
      throw invalidProp(
        fn,
        'maxRecordAge',
        'unset (until the stream expires the record)',
        `${LIMITS.streamMaxRecordAgeSeconds.min}-${LIMITS.streamMaxRecordAgeSeconds.max} seconds (T4/T5: bounded record age)`,
        fix,
      );
    }
  });
  p.check(() => {
    if (cfn.bisectBatchOnFunctionError !== true) {
      throw invalidProp(fn, 'bisectBatchOnError', cfn.bisectBatchOnFunctionError ?? 'unset', 'true (T5: isolates the poison record)', fix);
    }
  });
  p.check(() => {
    const dest = cfn.destinationConfig as lambda.CfnEventSourceMapping.DestinationConfigProperty | undefined;
    if (dest === undefined || Token.isUnresolved(dest) ? dest === undefined : dest.onFailure === undefined) {
      throw invalidProp(fn, 'onFailure', 'unset', 'a destination for records that still fail (T5: they would be dropped unseen)', fix);
    }
  });
  p.throwIfAny();
}
