import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SecureFunction } from '../function';

/** The id users pass to `Annotations.of(stage or function).acknowledgeWarning(...)` to accept alarms nobody receives. */
export const ALARMS_WITHOUT_ACTIONS = '@cdk-bulkhead/stages:alarmsWithoutActions';

/** The SecureFunctions of `stage` (not of stages nested in it). */
export function stageFunctions(stage: cdk.Stage): SecureFunction[] {
  return stage.node.findAll().filter((c): c is SecureFunction => c instanceof SecureFunction && cdk.Stage.of(c) === stage);
}

/**
 * Warns, on each SecureFunction of `stage` whose alarms notify nobody, that a Denial of Wallet would go unnoticed
 * (T4): the stage has no `alarmEmails` and `useAlarmTopic` was not called, and the function set no `alarmTopic`.
 */
export function warnAlarmsWithoutActions(stage: cdk.Stage, stageLabel: string): void {
  for (const fn of stageFunctions(stage)) {
    // The L2 alarm writes its actions as a lazy list: resolve it to see whether any were added.
    const silent = fn.alarms.map((a) => a.node.defaultChild).filter((c): c is cloudwatch.CfnAlarm => c instanceof cloudwatch.CfnAlarm
      && ((cdk.Stack.of(c).resolve(c.alarmActions) as unknown[] | undefined) ?? []).length === 0);
    if (silent.length === 0) continue;
    cdk.Annotations.of(fn).addWarningV2(ALARMS_WITHOUT_ACTIONS, `${silent.length} alarms of ${fn.node.path} notify nobody (T4: a Denial of Wallet `
      + `would go unnoticed). Fix: set alarmEmails in the spec of stage ${stageLabel}, call stage.useAlarmTopic(topic) before creating `
      + 'its functions, or pass alarmTopic to the function.');
  }
}
