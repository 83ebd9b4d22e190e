import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { invalidProp } from '../core/errors';
import { runtimeDeprecation } from '../core/runtime-deprecations';
import { FUNCTION_DEFAULTS, newestNodeRuntime } from './defaults';
import { completeHardening, hardenProps } from './hardening/function-hardening';
import { injectedProps } from './hardening/injection';
import { profileFunctionName } from './hardening/profile-name';
import { FunctionSecurityProps } from './hardening/security-props';
import { FunctionProfiles } from './profile';
import { claimRole } from './role';
import { checkEnvName, checkEnvValue, checkFunctionName } from './validation';

/** Props of SecureNodejsFunction: every `NodejsFunction` prop, plus SecureFunction's security props. */
export interface SecureNodejsFunctionProps extends nodejs.NodejsFunctionProps, FunctionSecurityProps {}

/**
 * A TypeScript or JavaScript handler bundled locally by esbuild (aws-cdk-lib's NodejsFunction: `entry`, `handler`,
 * `bundling`, `depsLockFilePath` ...), hardened as SecureFunction is: its own role, a customer-managed key, an
 * encrypted DLQ as failure destination, bounded retries, a concurrency ceiling, alarms, secrets by reference.
 * esbuild must be a dependency of the app (`npm i -D esbuild`), as aws-cdk-lib expects.
 */
export class SecureNodejsFunction extends nodejs.NodejsFunction {
  /** Register a PropertyInjector under this id to inject into SecureNodejsFunction; injected props are validated too. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-bulkhead.SecureNodejsFunction';

  /** The function's own role (or the one you passed), typed as always present. */
  public readonly executionRole: iam.IRole;
  /** The key encrypting the environment, the DLQ and the log group. */
  public readonly key: kms.IKey;
  /** The encrypted queue receiving failed async events. */
  public readonly failureQueue: sqs.IQueue;
  /** The function's own log group, encrypted with `key` (or the one you passed). */
  public readonly functionLogGroup: logs.ILogGroup;
  /** Errors, throttles, DLQ depth and estimated cost alarms, in that order. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** Async retries after the first attempt (0-2). */
  public readonly maxRetryAttempts: number;
  /** Oldest age of an async event before it goes to the DLQ. */
  public readonly maxEventAge: Duration;
  /** The concurrency ceiling. */
  public readonly reservedConcurrency: number;
  /** Configured memory in MB. */
  public readonly memoryMb: number;

  constructor(scope: Construct, id: string, props: SecureNodejsFunctionProps = {}) {
    // Validation sees the props after injection: an injector cannot hand in what the checks below refuse.
    const given = injectedProps(SecureNodejsFunction.PROPERTY_INJECTION_ID, props, scope, id);
    const at = `${scope.node.path ? scope.node.path + '/' : ''}${id}`;
    const profile = FunctionProfiles.of(scope) ?? {};
    if (given.entry === undefined) {
      throw invalidProp(at, 'entry', undefined, 'the path of the handler file (.ts, .js, .mjs ...)', 'set entry, e.g. entry: \'src/update-card.ts\'');
    }
    checkSecurityProps(at, given);
    const functionName = given.functionName ?? profileFunctionName(profile.serviceName, profile.stageName, id);
    checkFunctionName(at, functionName);
    const secretEnv: { [name: string]: string } = {};
    for (const [name, ref] of Object.entries(given.secrets ?? {})) secretEnv[name] = ref.reference;
    const { props: hardened, parts } = hardenProps(scope, id, {
      ...given,
      runtime: given.runtime ?? newestNodeRuntime(),
      architecture: given.architecture ?? FUNCTION_DEFAULTS.architecture,
      memorySize: given.memorySize ?? profile.memorySize,
      functionName,
      environment: { ...given.environment, ...secretEnv },
      // Retention goes on the function's own log group (below), never to CDK's LogRetention custom resource.
      logRetention: undefined,
    }, {
      reservedConcurrentExecutions: profile.reservedConcurrentExecutions ?? FUNCTION_DEFAULTS.reservedConcurrentExecutions,
      logRetention: given.logRetention ?? profile.logRetention ?? FUNCTION_DEFAULTS.logRetention,
      alarmTopic: given.alarmTopic ?? profile.alarmTopic,
      encryptionKey: given.encryptionKey ?? profile.encryptionKey,
      permissionsBoundary: given.permissionsBoundary,
      priceTable: given.priceTable,
      costAlarmThresholdUsdPerHour: given.costAlarmThresholdUsdPerHour,
    });
    super(scope, id, hardened);
    checkNothingSmuggled(this, parts.reservedConcurrentExecutions);
    claimRole(this.node.path, parts.role);
    const set = completeHardening(this, parts);
    for (const ref of Object.values(given.secrets ?? {})) ref.grantRead(this);

    this.executionRole = parts.role;
    this.key = parts.key;
    this.failureQueue = parts.failureQueue;
    this.functionLogGroup = parts.logGroup ?? logs.LogGroup.fromLogGroupName(this, 'FunctionLogGroup', `/aws/lambda/${this.functionName}`);
    this.alarms = [set.errors, set.throttles, set.deadLetters, set.cost];
    this.maxRetryAttempts = parts.retryAttempts;
    this.maxEventAge = parts.maxEventAge;
    this.reservedConcurrency = parts.reservedConcurrentExecutions;
    this.memoryMb = parts.memorySize;
  }

  /** The function's log group (overridden so that reading it never adds CDK's log-retention custom resource). */
  public get logGroup(): logs.ILogGroup {
    return this.functionLogGroup;
  }

  /** Adds an environment variable, refusing invalid names and secret-looking values (T2). */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    checkEnvName(this, 'environment', key);
    checkEnvValue(this, 'environment', key, value);
    return super.addEnvironment(key, value, options);
  }
}

/** SecureFunction's checks of its own props, on what the engine does not check for every hardened function. */
function checkSecurityProps(at: string, props: SecureNodejsFunctionProps): void {
  if (props.environmentEncryption !== undefined) {
    throw invalidProp(at, 'environmentEncryption', 'a key', 'unset (the key is shared by environment, DLQ and logs)', 'pass the key as encryptionKey instead');
  }
  if (props.logGroup !== undefined && props.logRetention !== undefined) {
    throw invalidProp(at, 'logRetention', props.logRetention, 'unset when logGroup is given (set retention on your log group)', 'remove logRetention or logGroup');
  }
  const threshold = props.costAlarmThresholdUsdPerHour;
  if (threshold !== undefined && !Token.isUnresolved(threshold) && !(Number.isFinite(threshold) && threshold > 0)) {
    throw invalidProp(at, 'costAlarmThresholdUsdPerHour', threshold, 'a finite number of USD > 0',
      'omit it for half the worst-case hourly cost, or set the hourly spend that should page you');
  }
  for (const name of Object.keys(props.secrets ?? {})) {
    checkEnvName(at, 'secrets', name);
    if (name in (props.environment ?? {})) {
      throw invalidProp(at, `secrets.${name}`, name, 'a name not also used in environment', `remove ${name} from environment or from secrets`);
    }
  }
}

/**
 * NodejsFunction constructs a lambda.Function, so a PropertyInjector registered for lambda.Function runs after the
 * checks above; what it could weaken is read back from the function and refused.
 */
function checkNothingSmuggled(fn: SecureNodejsFunction, ceiling: number): void {
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const fix = 'remove the PropertyInjector for lambda.Function that sets it, or register it for SecureNodejsFunction.PROPERTY_INJECTION_ID so its props are checked';
  const runtime = fn.runtime.name;
  const deprecation = runtimeDeprecation(runtime);
  if (deprecation) {
    throw invalidProp(fn, 'runtime (injected for lambda.Function)', runtime, `a runtime AWS still patches (T8: deprecated on ${deprecation.deprecated})`, fix);
  }
  if (cfn.reservedConcurrentExecutions !== ceiling) {
    throw invalidProp(fn, 'reservedConcurrentExecutions (injected for lambda.Function)', cfn.reservedConcurrentExecutions, `${ceiling}, the checked ceiling (T4)`, fix);
  }
  if (cfn.kmsKeyArn === undefined) {
    throw invalidProp(fn, 'environmentEncryption (injected for lambda.Function)', 'unset', 'the function\'s customer-managed key (T3)', fix);
  }
  if (cfn.deadLetterConfig === undefined) {
    throw invalidProp(fn, 'deadLetterQueue (injected for lambda.Function)', 'unset', 'the function\'s encrypted queue (T5)', fix);
  }
}
