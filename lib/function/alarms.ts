import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LambdaPriceTable } from '../core/pricing';

/** What the cost expression needs to know about the function. */
export interface CostModel {
  readonly memorySize: number;
  readonly architecture: string;
  readonly priceTable: LambdaPriceTable;
}

/** Estimated USD per period: requests × request price + Duration (ms) / 1000 × GB × price per GB-second. */
export function estimatedCostExpression(
  fn: lambda.IFunction,
  model: CostModel,
  period: Duration,
  label?: string,
): cloudwatch.MathExpression {
  // The same per-request and per-millisecond prices the synth-time worst case multiplies (lib/core/pricing.ts),
  // written as plain decimals.
  const perRequest = plainDecimal(model.priceTable.perRequest);
  const perMs = plainDecimal(model.priceTable.perMillisecond(model.memorySize, model.architecture));
  return new cloudwatch.MathExpression({
    expression: `FILL(inv, 0) * ${perRequest} + FILL(dur, 0) * ${perMs}`,
    usingMetrics: {
      inv: fn.metricInvocations({ statistic: cloudwatch.Stats.SUM, period }),
      dur: fn.metricDuration({ statistic: cloudwatch.Stats.SUM, period }),
    },
    period,
    label: label ?? 'Estimated compute cost (USD)',
  });
}

/**
 * The price as a plain decimal (`0.0000002`): CloudWatch metric math, and aws-cdk-lib's check of it, read the `e`
 * of `2e-7` as a metric id, so exponent form warns on every synth and fails `cdk synth --strict`. Twelve significant
 * digits drop binary floating-point noise (0.2 / 1e6 is 2.0000000000000002e-7).
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`plainDecimal: ${value} is not a finite number (a bug in cdk-bulkhead)`);
  const [mantissa, exponentText] = Number(value.toPrecision(12)).toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  let text: string;
  if (exponent < 0) {
    text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  } else {
    const whole = digits.padEnd(exponent + 1, '0');
    text = `${whole.slice(0, exponent + 1)}${whole.length > exponent + 1 ? `.${whole.slice(exponent + 1)}` : ''}`;
  }
  text = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return negative ? `-${text}` : text;
}

export interface AlarmSet {
  readonly errors: cloudwatch.Alarm;
  readonly throttles: cloudwatch.Alarm;
  readonly deadLetters: cloudwatch.Alarm;
  readonly cost: cloudwatch.Alarm;
}

/** Errors, throttles, DLQ depth and estimated cost alarms (T4/T5), all sent to `topic` when given. */
export function createAlarms(
  scope: Construct,
  fn: lambda.IFunction,
  dlq: sqs.IQueue,
  cost: cloudwatch.IMetric,
  costThresholdPerHour: number,
  topic?: sns.ITopic,
): AlarmSet {
  const five = Duration.minutes(5);
  const set: AlarmSet = {
    errors: new cloudwatch.Alarm(scope, 'ErrorsAlarm', {
      alarmDescription: `${fn.node.path}: invocations failed (cdk-bulkhead)`,
      metric: fn.metricErrors({ statistic: cloudwatch.Stats.SUM, period: five }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    throttles: new cloudwatch.Alarm(scope, 'ThrottlesAlarm', {
      alarmDescription: `${fn.node.path}: invocations throttled at the concurrency ceiling (cdk-bulkhead, T4)`,
      metric: fn.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: five }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    deadLetters: new cloudwatch.Alarm(scope, 'DeadLettersAlarm', {
      alarmDescription: `${fn.node.path}: failed events waiting in the dead-letter queue (cdk-bulkhead, T5)`,
      metric: dlq.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: five }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    cost: new cloudwatch.Alarm(scope, 'CostAlarm', {
      alarmDescription: `${fn.node.path}: estimated compute cost above ${costThresholdPerHour} USD per hour (cdk-bulkhead, T4)`,
      metric: cost,
      threshold: costThresholdPerHour,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  };
  if (topic) {
    const action = new actions.SnsAction(topic);
    for (const alarm of [set.errors, set.throttles, set.deadLetters, set.cost]) alarm.addAlarmAction(action);
  }
  return set;
}
