import { RuleAcknowledgement } from '../core/rule-acknowledgement';

/** How serious a finding is. */
export enum FindingLevel {
  /** Fails `cdk synth` and makes `bulkhead check` exit 1. */
  ERROR = 'error',
  /** Reported; fails only when `failOn` is `FailOn.WARNING`. */
  WARNING = 'warning',
}

/** The lowest finding level that fails synthesis. */
export enum FailOn {
  /** Only error-level findings fail synth (the default). */
  ERROR = 'error',
  /** Warning-level findings fail synth too. */
  WARNING = 'warning',
}

/** One finding of the Bulkhead rule pack on one resource. */
export interface BulkheadFinding {
  /**
   * The rule, e.g. `Bulkhead-SharedRole`; acknowledge it with `Validations.of(c).acknowledge({ id, reason })`.
   */
  readonly ruleId: string;
  /**
   * The exact id this finding can be acknowledged with: `ruleId`, or `ruleId[detail]` for rules that report
   * several findings per resource (e.g. `Bulkhead-EnvSecret[DB_PASSWORD]`). Acknowledging `ruleId` covers them all.
   */
  readonly findingId: string;
  /** The finding's level. */
  readonly level: FindingLevel;
  /** The THREATS.md row the rule enforces, e.g. `T1`. */
  readonly threat: string;
  /** Construct path of the violating resource. */
  readonly resourcePath: string;
  /** Logical ID of the violating resource in its template. */
  readonly logicalId: string;
  /** What is wrong, the value at fault and the fix. */
  readonly message: string;
}

/** A finding that would be reported but is acknowledged, with the acknowledgement that covers it. */
export interface AcknowledgedFinding {
  /** The finding as it would be reported. */
  readonly finding: BulkheadFinding;
  /** The acknowledgement covering it (the nearest one above the resource that names its rule or finding id). */
  readonly acknowledgement: RuleAcknowledgement;
}

/** Props of `BulkheadChecks`. */
export interface BulkheadChecksProps {
  /**
   * Which findings fail synthesis (and make the plugin report fail).
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;
  /**
   * Add each rule's explanation (why it exists) to its message.
   * @default false
   */
  readonly verbose?: boolean;
  /**
   * The date (UTC, `YYYY-MM-DD`) dated rules judge against, e.g. whether a runtime is deprecated: set it to
   * reproduce a past verdict.
   * @default - `BulkheadToday.of(scope)` at each check: the `cdk-bulkhead:today` context, else the current UTC date
   */
  readonly today?: string;
}
