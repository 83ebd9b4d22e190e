import { StageSpec } from '../../lib/stages';

/** The service name: stage ids `payments-<stage>`, function names `payments-<function>-<stage>` (T9). */
export const SERVICE = 'payments';
export const REGION = 'eu-west-1';

/**
 * One account per stage (T9). Budgets bound the worst-case monthly spend of staging and prod (T4): synth fails when
 * the concurrency ceilings below could cost more, counting compute, requests (an invocation per environment every
 * 10 ms) and the fixed cost of keys and alarms. Dev's ceiling is lower (5) because experiments run away there; the
 * stage's name never sets it, the spec does.
 */
export const STAGES: StageSpec[] = [
  {
    name: 'dev',
    account: '111111111111',
    region: REGION,
    reservedConcurrentExecutions: 5,
    alarmEmails: ['payments-dev-alarms@example.com'],
  },
  {
    name: 'staging',
    account: '222222222222',
    region: REGION,
    monthlyBudgetUsd: 1200,
    alarmEmails: ['payments-staging-alarms@example.com'],
  },
  { name: 'prod', account: '333333333333', region: REGION, monthlyBudgetUsd: 2000, alarmEmails: ['payments-oncall@example.com'] },
];

/** Concurrency ceilings that do not follow the stage default: each bounds what one function can cost (T4). */
export const CEILINGS = {
  /** Card updates come from the customer API: the stage default (5 dev, 10 staging/prod) except where set here. */
  updateCard: { prod: 20 } as { [stage: string]: number },
  /** Settlements: the SQS mapping's maxConcurrency (2) is the real ceiling; one spare for the reserved pool. */
  settlePayment: 3,
  /** One shard, parallelization factor 1: one batch at a time; one spare while a bisected retry runs. */
  scoreTransaction: 2,
  /** A nightly job: one run at a time. */
  reconcile: 1,
};

/**
 * The whole account's monthly bill per stage (every service, not only Lambda's worst case) and the anomaly impact
 * that is worth an e-mail: the BillingGuard in each stage's `<service>-<stage>-billing` stack watches them.
 */
export const ACCOUNT_BUDGETS: { [stage: string]: { monthlyUsd: number; anomalyUsd: number } } = {
  dev: { monthlyUsd: 100, anomalyUsd: 20 },
  staging: { monthlyUsd: 400, anomalyUsd: 50 },
  prod: { monthlyUsd: 1500, anomalyUsd: 100 },
};
