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
 * A stage with a topic is not searched: every function reads the stage's topic when it is created.
 */
export function warnAlarmsWithoutActions(stage: cdk.Stage, stageLabel: string, stageHasTopic: boolean): void {
  if (stageHasTopic) return;
  for (const fn of stageFunctions(stage)) {
    const alarms = fn.alarms.map((a) => a.node.defaultChild).filter((c): c is cloudwatch.CfnAlarm => c instanceof cloudwatch.CfnAlarm);
    // The L2 alarm writes its actions as a lazy list, so it is resolved to see whether any were added; the first
    // alarm with an action ends the search (resolving costs about half a millisecond per alarm).
    if (alarms.some((c) => ((cdk.Stack.of(c).resolve(c.alarmActions) as unknown[] | undefined) ?? []).length > 0)) continue;
    cdk.Annotations.of(fn).addWarningV2(
      ALARMS_WITHOUT_ACTIONS,
      `${alarms.length} alarms of ${fn.node.path} notify nobody (T4: a Denial of Wallet ` +
        `would go unnoticed). Fix: set alarmEmails in the spec of stage ${stageLabel}, call stage.useAlarmTopic(topic) before creating ` +
        'its functions, or pass alarmTopic to the function.',
    );
  }
}
