/**
 * The event CloudWatch sends a Lambda alarm action, as documented in the CloudWatch user guide ("Lambda alarm
 * actions"), for the breaker's estimated-cost alarm (metric math over Invocations and Duration) or its
 * invocation-rate alarm.
 */
export function alarmEvent(
  functionName: string,
  options: { state?: string; kind?: 'cost' | 'rate'; datapoint?: number; extraFunction?: string } = {},
): any {
  const dims = { FunctionName: functionName };
  const stat = (id: string, name: string, fn = dims) => ({
    id,
    metricStat: { metric: { namespace: 'AWS/Lambda', name, dimensions: fn }, period: 300, stat: 'Sum' },
    returnData: false,
  });
  const metrics =
    options.kind === 'rate'
      ? [{ ...stat('m1', 'Invocations'), returnData: true }]
      : [
          {
            id: 'expr_1',
            expression: 'FILL(inv, 0) * 2e-7 + FILL(dur, 0) * 3.33333e-9',
            label: 'Estimated compute cost (USD)',
            returnData: true,
          },
          stat('inv', 'Invocations'),
          stat('dur', 'Duration', options.extraFunction ? { FunctionName: options.extraFunction } : dims),
        ];
  const value = options.datapoint ?? 0.05;
  return {
    source: 'aws.cloudwatch',
    alarmArn: 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:payments-dev-Breaker-TripCost',
    accountId: '111111111111',
    time: '2026-11-30T03:00:00.000+0000',
    region: 'eu-west-1',
    alarmData: {
      alarmName: 'payments-dev-Breaker-TripCost',
      state: {
        value: options.state ?? 'ALARM',
        reason: `Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (0.0125).`,
        reasonData: JSON.stringify({ version: '1.0', recentDatapoints: [value, value, value], threshold: 0.0125 }),
        timestamp: '2026-11-30T03:00:00.000+0000',
      },
      previousState: { value: 'OK', reason: 'ok', timestamp: '2026-11-30T02:00:00.000+0000' },
      configuration: { description: 'trip', metrics },
    },
  };
}
