import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InjectionContext, IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { withoutUndefined } from '../core/without-undefined';
import { profileFunctionName } from './hardening/profile-name';

/** Defaults for every SecureFunction below a construct (e.g. per stage); explicit props still win. */
export interface FunctionProfile {
  /**
   * Service name; with `stageName`, functions are named `<service>-<id in lower-kebab>-<stage>` (T9).
   * @default - CloudFormation-generated names
   */
  readonly serviceName?: string;
  /**
   * Stage name, e.g. `dev` or `prod`.
   * @default - CloudFormation-generated names
   */
  readonly stageName?: string;
  /**
   * Default concurrency ceiling (T4), e.g. lower in dev.
   * @default 10
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Default memory in MB.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Default topic for alarm actions.
   * @default - alarms without actions
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Default key shared by the functions (one key costs $1/month, T3).
   * @default - one new key per function
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Default log retention.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Carries a FunctionProfile as an aws-cdk-lib PropertyInjector, registered under `FunctionProfiles.PROPERTY_INJECTION_ID`,
 * so per-subtree defaults live where CDK keeps them (`PropertyInjectors.of(scope)`), are found by the same nearest-scope
 * walk, and several loaded copies of this library (or of aws-cdk-lib) agree on them.
 */
export class FunctionProfileInjector implements IPropertyInjector {
  /** `FunctionProfiles.PROPERTY_INJECTION_ID`: an id of its own, so a team's injector for SecureFunction does not replace it. */
  public readonly constructUniqueId: string = FunctionProfiles.PROPERTY_INJECTION_ID;

  /** @param profile the defaults this injector carries */
  constructor(public readonly profile: FunctionProfile) {}

  /**
   * The props with the profile's defaults where they leave a value unset (SecureFunctionProps-shaped: memory,
   * concurrency, key, log retention, alarm topic, and `<service>-<id>-<stage>` as the function name).
   */
  public inject(originalProps: any, context: InjectionContext): any {
    const p = this.profile;
    const defaults = withoutUndefined({
      functionName: profileFunctionName(p.serviceName, p.stageName, context.id),
      memorySize: p.memorySize,
      reservedConcurrentExecutions: p.reservedConcurrentExecutions,
      encryptionKey: p.encryptionKey,
      logRetention: p.logRetention,
      alarmTopic: p.alarmTopic,
    });
    return { ...defaults, ...withoutUndefined({ ...originalProps }) };
  }
}

/** Attaches function profiles to construct subtrees. */
export class FunctionProfiles {
  /** The id a profile is registered under in `PropertyInjectors.of(scope)`. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-bulkhead.FunctionProfile';

  /** Sets `profile` as the defaults for every SecureFunction under `scope` (replacing an earlier one there). */
  public static apply(scope: IConstruct, profile: FunctionProfile): void {
    PropertyInjectors.of(scope).add(new FunctionProfileInjector({ ...profile }));
  }

  /** The nearest profile at `scope` or above it, if any. */
  public static of(scope: IConstruct): FunctionProfile | undefined {
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      if (!PropertyInjectors.hasPropertyInjectors(c)) continue;
      // Read by shape, not instanceof: the injector may come from another loaded copy of this library.
      const found = PropertyInjectors.of(c).for(FunctionProfiles.PROPERTY_INJECTION_ID) as { profile?: FunctionProfile } | undefined;
      if (found?.profile !== undefined) return found.profile;
    }
    return undefined;
  }

  private constructor() {}
}
