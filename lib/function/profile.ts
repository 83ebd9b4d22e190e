import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';

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

/** Stored on the construct itself so that several loaded copies of this library agree. */
const PROFILE = Symbol.for('cdk-bulkhead.FunctionProfile');

/** Attaches function profiles to construct subtrees. */
export class FunctionProfiles {
  /** Sets `profile` as the defaults for every SecureFunction under `scope` (replacing an earlier one there). */
  public static apply(scope: IConstruct, profile: FunctionProfile): void {
    (scope as any)[PROFILE] = { ...profile };
  }

  /** The nearest profile at `scope` or above it, if any. */
  public static of(scope: IConstruct): FunctionProfile | undefined {
    const chain = scope.node.scopes;
    for (let i = chain.length - 1; i >= 0; i--) {
      const found = (chain[i] as any)[PROFILE] as FunctionProfile | undefined;
      if (found) return found;
    }
    return undefined;
  }

  private constructor() {}
}
