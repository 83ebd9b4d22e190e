import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { invalidProp } from '../../core/errors';
import { runtimeDeprecation } from '../../core/runtime-deprecations';
import { LIMITS } from '../defaults';
import { checkConcurrency, checkDurationRange, checkEnvironmentSize, checkEnvName, checkEnvValue, checkIntegerRange } from '../validation';

/**
 * The checks every hardened function's explicit props get, whichever way it came in (SecureNodejsFunction, a plain
 * function under a BulkheadBlueprint): a value the team chose wins unless it is unsafe, and then this throws the
 * usual message naming the prop, the value, the limit and the fix. `at` is the function's future construct path.
 */
export function checkExplicitProps(at: string, props: lambda.FunctionProps | lambda.FunctionOptions): void {
  checkIntegerRange(at, 'retryAttempts', props.retryAttempts, LIMITS.retryAttempts.min, LIMITS.retryAttempts.max,
    'T4: each retry multiplies every bad event');
  checkDurationRange(at, 'maxEventAge', props.maxEventAge, LIMITS.maxEventAgeSeconds.min, LIMITS.maxEventAgeSeconds.max, 'AWS limit; T4/T5');
  checkDurationRange(at, 'timeout', props.timeout, LIMITS.timeoutSeconds.min, LIMITS.timeoutSeconds.max, 'AWS Lambda limit');
  checkIntegerRange(at, 'memorySize', props.memorySize, LIMITS.memorySize.min, LIMITS.memorySize.max, 'AWS Lambda limit', ' MB');
  checkConcurrency(at, props.reservedConcurrentExecutions);
  if (props.deadLetterQueueEnabled === false) {
    throw invalidProp(at, 'deadLetterQueueEnabled', false, 'true or unset (T5: failed events must not vanish)', 'omit deadLetterQueueEnabled');
  }
  const runtime = (props as lambda.FunctionProps).runtime?.name;
  const deprecation = runtime === undefined ? undefined : runtimeDeprecation(runtime);
  if (deprecation !== undefined) {
    throw invalidProp(at, 'runtime', runtime, `a runtime AWS still patches (T8: ${runtime} was deprecated on ${deprecation.deprecated})`,
      `use ${deprecation.successor}, or omit runtime for the newest Node.js`);
  }
  const queue = props.deadLetterQueue;
  // A queue made in this app shows its encryption, fixed at creation; an imported one is the team's to vouch for.
  if (queue instanceof sqs.Queue && queue.encryptionMasterKey === undefined) {
    throw invalidProp(at, 'deadLetterQueue', queue.node.path, 'a queue encrypted with a customer-managed KMS key (T3: failed events carry the payload)',
      'create it with encryption: QueueEncryption.KMS and encryptionMasterKey, or omit deadLetterQueue for an encrypted one of its own');
  }
  const env = props.environment ?? {};
  for (const [name, value] of Object.entries(env)) {
    checkEnvName(at, 'environment', name);
    checkEnvValue(at, 'environment', name, value);
  }
  checkEnvironmentSize(at, env);
}
