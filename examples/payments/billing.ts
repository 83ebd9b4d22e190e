import * as cdk from 'aws-cdk-lib';
import { BillingGuard } from '../../lib/billing';
import { BulkheadStage } from '../../lib/stages';
import { ACCOUNT_BUDGETS } from './config';

/** AWS publishes the AWS/Billing metrics in us-east-1 only, so the guard lives there, in the stage's own account. */
const BILLING_REGION = 'us-east-1';

/**
 * The account-level Denial-of-Wallet guard of one stage (T4): a monthly cost budget, an EstimatedCharges alarm and
 * Cost Anomaly Detection, in stack `<service>-<stage>-billing` (us-east-1, the stage's account). The stage budget
 * (`monthlyBudgetUsd`) bounds Lambda's worst case at synth; this one watches the whole account's real bill.
 */
export function addBillingGuard(stage: BulkheadStage): BillingGuard {
  const stack = new cdk.Stack(stage, 'Billing', {
    stackName: `${stage.serviceName}-${stage.shortName}-billing`,
    env: { account: stage.spec.account, region: BILLING_REGION },
  });
  const budget = ACCOUNT_BUDGETS[stage.shortName];
  return new BillingGuard(stack, 'Guard', {
    monthlyBudgetUsd: budget.monthlyUsd,
    emails: stage.spec.alarmEmails ?? [],
    anomalyThresholdUsd: budget.anomalyUsd,
    budgetName: `${stage.serviceName}-${stage.shortName}-monthly`,
  });
}
