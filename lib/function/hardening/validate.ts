import { Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { invalidProp } from '../../core/errors';
import { runtimeDeprecation } from '../../core/runtime-deprecations';
import { FUNCTION_DEFAULTS, LIMITS } from '../defaults';
import { checkImagePlatform } from '../image-platform';
import { FunctionProfile } from '../profile';
import { SecureFunctionProps } from '../props';
import {
  checkConcurrency,
  checkDurationRange,
  checkEnvironmentSize,
  checkEnvName,
  checkEnvValue,
  checkFunctionName,
  checkIntegerRange,
  checkNotSecretReasons,
} from '../validation';
import { Problems } from './problems';

/**
 * Every check on the props of a hardened function that needs no construct yet, all of them at once: one error
 * lists every problem. `at` is the construct path the function will have. Run it on the props as they reach the
 * function, i.e. after any PropertyInjector, so an injector cannot smuggle an unsafe value past it. `today` (YYYY-MM-DD,
 * from BulkheadToday.of) dates the runtime check.
 */
export function validateHardeningProps(
  at: string,
  props: SecureFunctionProps,
  profile: FunctionProfile,
  functionName: string | undefined,
  today: string,
): void {
  const p = new Problems(at);
  p.check(() =>
    checkIntegerRange(
      at,
      'retryAttempts',
      props.retryAttempts,
      LIMITS.retryAttempts.min,
      LIMITS.retryAttempts.max,
      'T4: each retry multiplies every bad event',
    ),
  );
  p.check(() =>
    checkDurationRange(
      at,
      'maxEventAge',
      props.maxEventAge,
      LIMITS.maxEventAgeSeconds.min,
      LIMITS.maxEventAgeSeconds.max,
      'AWS limit; T4/T5',
    ),
  );
  p.check(() => checkDurationRange(at, 'timeout', props.timeout, LIMITS.timeoutSeconds.min, LIMITS.timeoutSeconds.max, 'AWS Lambda limit'));
  p.check(() => checkMemory(at, props, profile));
  p.check(() => checkConcurrency(at, props.reservedConcurrentExecutions ?? profile.reservedConcurrentExecutions));
  p.check(() => checkFunctionName(at, functionName));
  p.check(() => checkMaxEnvironmentAge(at, props));
  p.check(() => checkCostThreshold(at, props.costAlarmThresholdUsdPerHour));
  refuseWeakeningProps(p, at, props);
  p.check(() => checkRuntime(at, props, today));
  p.check(() => checkImagePlatform(at, props.code, props.architecture ?? FUNCTION_DEFAULTS.architecture));
  p.check(() => checkOwnDeadLetterQueue(at, props.deadLetterQueue));
  p.check(() => {
    if (props.logGroup !== undefined && props.logRetention !== undefined) {
      throw invalidProp(
        at,
        'logRetention',
        props.logRetention,
        'unset when logGroup is given (set retention on your log group)',
        'remove logRetention or logGroup',
      );
    }
  });
  const env = props.environment ?? {};
  const vouched = props.environmentNotSecret ?? {};
  for (const [name, value] of Object.entries(env)) {
    p.check(() => checkEnvName(at, 'environment', name));
    p.check(() => checkEnvValue(at, 'environment', name, value, vouched[name]));
  }
  p.check(() => checkNotSecretReasons(at, vouched, env));
  for (const name of Object.keys(props.secrets ?? {})) {
    p.check(() => checkEnvName(at, 'secrets', name));
    p.check(() => {
      if (name in env) {
        throw invalidProp(
          at,
          `secrets.${name}`,
          name,
          'a name not also used in environment',
          `remove ${name} from environment or from secrets`,
        );
      }
    });
  }
  p.check(() => checkEnvironmentSize(at, env));
  p.throwIfAny();
}

function checkMemory(at: string, props: SecureFunctionProps, profile: FunctionProfile): void {
  const fromProfile = props.memorySize === undefined;
  checkIntegerRange(
    at,
    fromProfile ? 'profile memorySize' : 'memorySize',
    props.memorySize ?? profile.memorySize,
    LIMITS.memorySize.min,
    LIMITS.memorySize.max,
    'AWS Lambda limit',
    ' MB',
  );
}

function checkMaxEnvironmentAge(at: string, props: SecureFunctionProps): void {
  const age = props.maxEnvironmentAge;
  if (age === undefined) return;
  checkDurationRange(
    at,
    'maxEnvironmentAge',
    age,
    LIMITS.maxEnvironmentAgeMinutes.min * 60,
    LIMITS.maxEnvironmentAgeMinutes.max * 60,
    'T6: 15 minutes to 24 hours',
  );
  if (!age.isUnresolved() && age.toSeconds() % 60 !== 0) {
    throw invalidProp(
      at,
      'maxEnvironmentAge',
      `${age.toSeconds()} seconds`,
      'whole minutes (EventBridge rate schedules)',
      'use Duration.minutes(...) or Duration.hours(...)',
    );
  }
}

function checkCostThreshold(at: string, threshold: number | undefined): void {
  if (threshold !== undefined && !Token.isUnresolved(threshold) && !(Number.isFinite(threshold) && threshold > 0)) {
    throw invalidProp(
      at,
      'costAlarmThresholdUsdPerHour',
      threshold,
      'a finite number of USD > 0',
      'omit it for half the worst-case hourly cost, or set the hourly spend that should page you',
    );
  }
}

/** Inherited props that would undo a secure default; their docs on SecureFunctionProps say so too. */
/** Props SecureFunctionProps does not declare, which JavaScript callers (or a cast) may still pass. */
function refuseWeakeningProps(p: Problems, at: string, declared: SecureFunctionProps): void {
  const props = declared as SecureFunctionProps &
    Pick<lambda.FunctionOptions, 'environmentEncryption' | 'deadLetterTopic' | 'deadLetterQueueEnabled'>;
  p.check(() => {
    if (props.environmentEncryption !== undefined) {
      throw invalidProp(
        at,
        'environmentEncryption',
        'a key',
        'unset (the key is shared by environment, DLQ and logs)',
        'pass the key as encryptionKey instead',
      );
    }
  });
  p.check(() => {
    if (props.deadLetterTopic !== undefined) {
      throw invalidProp(
        at,
        'deadLetterTopic',
        'a topic',
        'unset (failed events go to an encrypted SQS queue with a depth alarm, T5)',
        'omit deadLetterTopic, or pass your own queue as deadLetterQueue',
      );
    }
  });
  p.check(() => {
    if (props.deadLetterQueueEnabled === false) {
      throw invalidProp(
        at,
        'deadLetterQueueEnabled',
        false,
        'true or unset (T5: failed events must not vanish)',
        'omit deadLetterQueueEnabled',
      );
    }
  });
}

function checkRuntime(at: string, props: SecureFunctionProps, today: string): void {
  const runtime = props.runtime?.name;
  const deprecation = runtime === undefined ? undefined : runtimeDeprecation(runtime, today);
  if (deprecation !== undefined) {
    throw invalidProp(
      at,
      'runtime',
      runtime,
      `a runtime AWS still patches (T8: ${runtime} was deprecated on ${deprecation.deprecated})`,
      `use ${deprecation.successor}, or omit runtime for the newest Node.js`,
    );
  }
}

/** A queue made in this app shows its encryption, fixed at creation; an imported one is the user's to vouch for. */
function checkOwnDeadLetterQueue(at: string, queue: sqs.IQueue | undefined): void {
  if (!(queue instanceof sqs.Queue) || queue.encryptionMasterKey !== undefined) return;
  const kind =
    queue.encryptionType === undefined || queue.encryptionType === sqs.QueueEncryption.UNENCRYPTED
      ? 'unencrypted'
      : `encryption ${queue.encryptionType}, with a key AWS owns or manages`;
  throw invalidProp(
    at,
    'deadLetterQueue',
    `${queue.node.path} (${kind})`,
    'a queue encrypted with a customer-managed KMS key (T3: failed events carry the payload)',
    'create it with encryption: QueueEncryption.KMS and encryptionMasterKey, or omit deadLetterQueue for an encrypted one of its own',
  );
}
