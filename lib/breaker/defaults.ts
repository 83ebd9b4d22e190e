import { Duration } from 'aws-cdk-lib';

/** Every default of CostBreaker, in one place; docs/billing.md explains each one. */
export const BREAKER_DEFAULTS = {
  /** Lambda publishes its metrics per minute; 5 minutes smooths one-minute spikes. */
  period: Duration.minutes(5),
  /** 3 × 5 minutes of overspend before a trip: a burst is bounded by the ceiling, a runaway is not (T4). */
  evaluationPeriods: 3,
  /** About 8 calls, each bounded (5 s, 3 attempts, backoff), plus conflict waits of 2+4+6 s: even all slow, it ends. */
  timeout: Duration.minutes(5),
  /** One trip at a time; CloudWatch invokes asynchronously, so a second alarm waits in Lambda's queue. */
  reservedConcurrentExecutions: 1,
  /** AWS Lambda's default account concurrency, counted for a function without reserved concurrency. */
  accountConcurrency: 1000,
};

/** CloudWatch: period × evaluation periods at most one day for these alarms. */
export const MAX_ALARM_SECONDS = 86400;
