import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { invalidProp } from '../core/errors';
import { withoutUndefined } from '../core/without-undefined';
import { FUNCTION_DEFAULTS } from './defaults';
import { harden, resolveSettings, validateHardeningProps } from './hardening';
import { engineOwnedProps } from './hardening/base-props';
import { announceEngineBuild, injectedProps, refuseInjectedRuntime } from './hardening/injection';
import { profileFunctionName } from './hardening/profile-name';
import { FunctionSecurityProps } from './hardening/security-props';
import { FunctionProfiles } from './profile';
import { BulkheadToday } from '../core/today';
import { SecureFunctionProps } from './props';
import { claimRole } from './role';
import { bindEventSource } from './event-source-checks';
import { refusePublicUrl } from './url-checks';
import { checkEnvName, checkEnvValue } from './validation';

/** Props of SecureNodejsFunction: every `NodejsFunction` prop, plus SecureFunction's security props. */
export interface SecureNodejsFunctionProps extends nodejs.NodejsFunctionProps, FunctionSecurityProps {}

/**
 * A TypeScript or JavaScript handler bundled locally by esbuild (aws-cdk-lib's NodejsFunction: `entry`, `handler`,
 * `bundling`, `depsLockFilePath` ...), hardened by the same engine as SecureFunction: its own role, a
 * customer-managed key, an encrypted DLQ as failure destination, bounded retries, a concurrency ceiling, alarms,
 * secrets by reference. esbuild must be a dependency of the app (`npm i -D esbuild`), as aws-cdk-lib expects.
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
    // Validation sees the props after injection: an injector cannot hand in what the checks refuse.
    const given = injectedProps(SecureNodejsFunction.PROPERTY_INJECTION_ID, props, scope, id);
    const at = `${scope.node.path ? scope.node.path + '/' : ''}${id}`;
    if (given.entry === undefined) {
      throw invalidProp(
        at,
        'entry',
        undefined,
        'the path of the handler file (.ts, .js, .mjs ...)',
        "set entry, e.g. entry: 'src/update-card.ts'",
      );
    }
    const profile = FunctionProfiles.of(scope) ?? {};
    const functionName = given.functionName ?? profileFunctionName(profile.serviceName, profile.stageName, id);
    // The engine's props are SecureFunction's with code and handler left to NodejsFunction's bundling.
    const asSecure = given as unknown as SecureFunctionProps;
    validateHardeningProps(at, asSecure, profile, functionName, BulkheadToday.of(scope));
    if (given.role) claimRole(at, given.role);
    const settings = resolveSettings(asSecure, profile);
    announceEngineBuild(scope, id); // a blueprint's injector leaves these props to the engine
    const secretEnv: { [name: string]: string } = {};
    for (const [name, ref] of Object.entries(settings.secrets)) secretEnv[name] = ref.reference;

    // As in SecureFunction: the parts are made by the engine below as children, so the props that would make
    // lambda.Function create or wire them here are left out.
    super(
      scope,
      id,
      withoutUndefined({
        ...given,
        runtime: given.runtime ?? lambda.Runtime.NODEJS_LATEST,
        architecture: given.architecture ?? FUNCTION_DEFAULTS.architecture,
        timeout: given.timeout ?? FUNCTION_DEFAULTS.timeout,
        ...engineOwnedProps(settings, functionName, { ...given.environment, ...secretEnv }),
      }),
    );
    refuseInjectedRuntime(this, 'SecureNodejsFunction.PROPERTY_INJECTION_ID', given.runtime !== undefined);
    const parts = harden(this, settings);

    this.executionRole = parts.role;
    this.key = parts.key;
    this.failureQueue = parts.deadLetterQueue;
    this.functionLogGroup = parts.logGroup;
    this.alarms = [parts.alarms.errors, parts.alarms.throttles, parts.alarms.deadLetters, parts.alarms.cost];
    this.maxRetryAttempts = settings.retryAttempts;
    this.maxEventAge = settings.maxEventAge;
    this.reservedConcurrency = settings.reservedConcurrentExecutions;
    this.memoryMb = settings.memorySize;
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

  /**
   * Adds a function URL; a public one (`authType: NONE`) is refused here, as on SecureFunction (T7). For a
   * deliberately public endpoint, acknowledge `Bulkhead-FunctionUrlAuth` with the reason.
   */
  public addFunctionUrl(options?: lambda.FunctionUrlOptions): lambda.FunctionUrl {
    refusePublicUrl(this, options, 'a SecureFunction and its addSecureFunctionUrl({ authType: NONE, allowPublicAccess: true })');
    return super.addFunctionUrl(options);
  }

  /**
   * Adds an event source through SecureFunction's checks: a queue needs a dead-letter queue and a long enough
   * visibility timeout, a stream mapping bounded retries and record age, bisect on error and an on-failure
   * destination (T4/T5). aws-cdk-lib's own limits (e.g. batch size) are checked by its event source classes.
   */
  public addEventSource(source: lambda.IEventSource): void {
    bindEventSource(this, 'addEventSource', source, (s) => super.addEventSource(s));
  }
}
