/** What the CostBreaker does when a protected function's trip alarm fires. */
export enum BreakerMode {
  /** Record the reserved concurrency, remove provisioned concurrency, set reserved concurrency to 0, and report it. */
  THROTTLE = 'THROTTLE',
  /** Only report (for critical functions whose outage costs more than their bill): never throttled. */
  NOTIFY = 'NOTIFY',
}

/** Options of `CostBreaker.protect`. */
export interface ProtectOptions {
  /**
   * THROTTLE stops the function; NOTIFY marks it critical: reported, never throttled.
   * @default BreakerMode.THROTTLE
   */
  readonly mode?: BreakerMode;
  /**
   * Estimated compute cost (USD per hour) that, held for every evaluation period, trips the breaker.
   * @default - a SecureFunction's own cost-alarm threshold; for another function, half its worst case (reserved
   * concurrency, or 1,000 without one, × memory × the price per GB-second)
   */
  readonly costThresholdUsdPerHour?: number;
  /**
   * Invocations per minute that, held for every evaluation period, also trip the breaker: for functions whose
   * cost is mostly requests (short, cheap invocations in huge numbers).
   * @default - no invocation-rate alarm
   */
  readonly maxInvocationsPerMinute?: number;
}
