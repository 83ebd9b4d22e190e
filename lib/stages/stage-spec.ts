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
   * The environment the stage belongs to, in lower-kebab-case. Stages share an account only when they declare the
   * same environment and deploy to different regions, e.g. `{ name: 'prod-eu', environment: 'prod', region:
   * 'eu-west-1' }` and `{ name: 'prod-us', environment: 'prod', region: 'us-east-1' }` on one account; anything else
   * on one account is refused across the whole app (T9). `bulkhead verify-account --stage prod` checks every stage
   * of the environment.
   * @default - the stage's name (an environment of its own)
   */
  readonly environment?: string;
  /**
   * Worst-case monthly Lambda spend this stage may reach (USD); synth fails above it (T4).
   * @default - no budget check
   */
  readonly monthlyBudgetUsd?: number;
  /**
   * Default reserved concurrency of every SecureFunction in the stage (T4). Set it lower where experiments run
   * away, e.g. 5 in dev; the stage's name never changes it.
   * @default - the SecureFunction default (10), in every stage
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
   * @default - no topic: alarms without actions, unless `BulkheadStage.useAlarmTopic` is called (synth warns)
   */
  readonly alarmEmails?: string[];
  /**
   * Protects every Lambda function of the stage with a CostBreaker (one per stack): a function whose estimated cost
   * stays above its threshold for 15 minutes is throttled to 0 and reported to the alarm topic (T4). Recommended
   * for dev and staging; in production, protect functions one by one and mark critical ones `BreakerMode.NOTIFY`.
   * @default false - opt-in: each breaker adds 13 resources to its stack, and each protected function two more
   */
  readonly costBreaker?: boolean;
}
