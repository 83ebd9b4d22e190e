import * as logs from 'aws-cdk-lib/aws-logs';
import { FailOn } from '../checks/levels';

/** Props of `BulkheadBlueprint`: the org's policy, published once by a platform team. */
export interface BulkheadBlueprintProps {
  /**
   * E-mail addresses subscribed to the alarms of every function the blueprint hardens (one encrypted, TLS-only
   * topic per stack).
   * @default - alarms without actions
   */
  readonly alarmEmails?: string[];

  /**
   * Rule ids no team may acknowledge, e.g. `Bulkhead-EnvSecret`: an acknowledgement of one (by the blueprint's
   * `acknowledge` or by `Validations.of(c).acknowledge`) fails synth. Ids of the Bulkhead, AwsSolutions and
   * Serverless packs.
   * @default - none
   */
  readonly mandatoryRules?: string[];

  /**
   * The furthest ahead, in days from today, an acknowledgement made with the blueprint's `acknowledge` may expire.
   * @default 90
   */
  readonly maxAcknowledgementDays?: number;

  /**
   * Register cdk-nag's AwsSolutions and Serverless packs besides the Bulkhead pack.
   * @default true
   */
  readonly cdkNagPacks?: boolean;

  /**
   * Which Bulkhead findings fail synth.
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;

  /**
   * Concurrency ceiling of every hardened function that sets none itself (T4).
   * @default 10
   */
  readonly reservedConcurrentExecutions?: number;

  /**
   * Concurrency ceiling given to aws-cdk-lib's own deploy-time handlers (T4). CloudFormation is their only caller;
   * a throttled call is retried by Lambda, so a small ceiling only slows a deployment with many custom resources.
   * @default 5
   */
  readonly cdkHandlerConcurrency?: number;

  /**
   * Log retention of every hardened function and of aws-cdk-lib's handlers.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The date acknowledgements and deprecated runtimes are judged against (YYYY-MM-DD), for reproducible builds.
   * @default - `BulkheadToday.of(scope)`: the `cdk-bulkhead:today` context, else the current UTC date
   */
  readonly today?: string;
}

/** An acknowledgement under the org's policy: a reason and an expiry date. */
export interface BlueprintAcknowledgement {
  /** The rule or finding id, e.g. `Bulkhead-ReservedConcurrency` or `Bulkhead-EnvSecret[LEGACY_TOKEN]`. */
  readonly id: string;
  /** Why the finding is accepted here. */
  readonly reason: string;
  /**
   * The last day the acknowledgement holds (YYYY-MM-DD), at most `maxAcknowledgementDays` ahead. After it, the
   * acknowledgement is an error finding until it is renewed or the finding is fixed.
   */
  readonly expires: string;
}
