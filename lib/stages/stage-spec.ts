/** One isolated environment of a service: its own AWS account and region (T9). */
export interface StageSpec {
  /**
   * Stage name in lower-kebab-case, e.g. `dev`, `staging`, `prod`; the last part of every resource name
   * (`<service>-<function>-<stage>`) and of the stage id (`<service>-<stage>`).
   */
  readonly name: string;
  /**
   * The stage's own AWS account: a literal 12-digit id, never shared with another stage (T9). Tokens and
   * environment lookups are refused, because an account that is only known at deploy time cannot be checked.
   */
  readonly account: string;
  /** The stage's region, e.g. `eu-west-1`; must be a region aws-cdk-lib knows (or listed in `additionalRegions`). */
  readonly region: string;
  /**
   * Worst-case monthly spend of the stage's Lambda functions (compute, requests, provisioned concurrency, keys and
   * alarms; see `WorstCaseCost`) this stage may reach (USD); synth fails above it (T4).
   * @default - no budget check
   */
  readonly monthlyBudgetUsd?: number;
  /**
   * Default reserved concurrency of every SecureFunction in the stage (T4).
   * @default 5 for a stage named `dev`, 10 for `staging`, otherwise the SecureFunction default (10)
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Default memory (MB) of every SecureFunction in the stage.
   * @default - the SecureFunction default (256)
   */
  readonly memorySize?: number;
  /**
   * E-mail addresses notified by every SecureFunction alarm in the stage; creates a stack
   * `<service>-<stage>-alarms` holding a KMS-encrypted, TLS-only SNS topic (T3).
   * @default - no topic (alarms without actions, unless `BulkheadStage.useAlarmTopic` is called)
   */
  readonly alarmEmails?: string[];
}
