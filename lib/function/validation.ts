import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp } from '../core/errors';
import { SecretDetector } from '../core/secrets';
import { LIMITS, RESERVED_ENV_NAMES } from './defaults';

/** Internal checks shared by SecureFunction and its helpers. Unresolved tokens are references: never rejected. */

const ENV_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export function checkIntegerRange(
  scope: IConstruct | string,
  prop: string,
  value: number | undefined,
  min: number,
  max: number,
  why: string,
  unit = '',
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidProp(
      scope,
      prop,
      value,
      `an integer ${min}-${max}${unit} (${why})`,
      `set ${prop} to a whole number between ${min} and ${max}${unit}`,
    );
  }
}

export function checkDurationRange(
  scope: IConstruct | string,
  prop: string,
  value: Duration | undefined,
  minSeconds: number,
  maxSeconds: number,
  why: string,
): void {
  if (value === undefined || value.isUnresolved()) return;
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
    throw invalidProp(
      scope,
      prop,
      `${seconds} seconds`,
      `${minSeconds}-${maxSeconds} whole seconds (${why})`,
      `set ${prop} to a Duration between ${minSeconds} and ${maxSeconds} seconds`,
    );
  }
}

export function checkConcurrency(scope: IConstruct | string, value: number | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value <= 0) {
    throw invalidProp(
      scope,
      'reservedConcurrentExecutions',
      value,
      'a whole number >= 1 (T4: a concurrency ceiling bounds Denial of Wallet; 0 would throttle every invocation)',
      'set reservedConcurrentExecutions to the most environments the function may run at once, e.g. 10',
    );
  }
}

export function checkEnvName(scope: IConstruct | string, prop: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (!ENV_NAME.test(name)) {
    throw invalidProp(
      scope,
      `${prop} name`,
      name,
      'a letter followed by letters, digits or underscores ([a-zA-Z][a-zA-Z0-9_]*)',
      'rename the variable, e.g. MY_SETTING',
    );
  }
  if (RESERVED_ENV_NAMES.has(name)) {
    throw invalidProp(
      scope,
      `${prop} name`,
      name,
      'a name Lambda does not reserve for itself',
      'pick another name; Lambda sets this variable itself at run time',
    );
  }
}

/**
 * Rejects a secret-looking value, naming the variable and the reason but never the value (T2). `vouched` is the
 * user's reason why the value is not a secret: it settles a verdict made on the name alone, never a known key format.
 */
export function checkEnvValue(scope: IConstruct | string, prop: string, name: string, value: string, vouched?: string): void {
  if (Token.isUnresolved(value)) return;
  const limit = 'no secret values in the environment (T2: it is stored in the template and shown in the console)';
  const store = `store the value in Secrets Manager or SSM and pass it with secrets: { ${name}: SecretReference.fromSecret(...) }`;
  const certain = SecretDetector._reasonByValue(value);
  if (certain !== undefined) {
    throw invalidProp(
      scope,
      `${prop}.${name}`,
      `<hidden: ${certain}>`,
      limit,
      `${store}${vouched === undefined ? '' : ' (environmentNotSecret cannot vouch for a value in a known key format)'}`,
    );
  }
  const unsure = vouched === undefined ? SecretDetector._reasonByName(name, value) : undefined;
  if (unsure !== undefined) {
    throw invalidProp(
      scope,
      `${prop}.${name}`,
      `<hidden: ${unsure}>`,
      limit,
      `${store}; if the value is not a secret, say why: environmentNotSecret: { ${name}: '<why this is not a secret>' }`,
    );
  }
}

/** Every vouched variable must exist and carry a reason. */
export function checkNotSecretReasons(
  scope: IConstruct | string,
  vouched: { [name: string]: string },
  env: { [name: string]: string },
): void {
  for (const [name, reason] of Object.entries(vouched)) {
    if (!(name in env)) {
      throw invalidProp(
        scope,
        `environmentNotSecret.${name}`,
        name,
        'a variable of environment',
        `remove ${name} from environmentNotSecret or add it to environment`,
      );
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw invalidProp(
        scope,
        `environmentNotSecret.${name}`,
        reason,
        'a reason why the value is not a secret (it is shown in the Bulkhead report)',
        `write the reason, e.g. environmentNotSecret: { ${name}: 'the DynamoDB table holding tokens, not a token' }`,
      );
    }
  }
}

export function checkEnvironmentSize(scope: IConstruct | string, env: { [key: string]: string }): void {
  let bytes = 0;
  for (const [k, v] of Object.entries(env)) {
    if (Token.isUnresolved(k) || Token.isUnresolved(v)) return;
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > LIMITS.environmentBytes) {
    throw invalidProp(
      scope,
      'environment',
      `${bytes} bytes`,
      `${LIMITS.environmentBytes} bytes in total (AWS Lambda limit)`,
      'move large values to SSM parameters or S3 and pass a reference',
    );
  }
}

export function checkFunctionName(scope: IConstruct | string, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw invalidProp(
      scope,
      'functionName',
      name,
      '1-64 letters, digits, hyphens or underscores (AWS Lambda limit)',
      'shorten the service, function id or stage name, or set functionName explicitly',
    );
  }
}
