import { props, resolved, ResolvedResource, StackIndex } from '../../../cfn/resolve';
import { isIntrinsic, referencedIds } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, Violation, violations } from '../../rule';
import { functionInvokers } from '../../../cfn/function-invokers';
import { functionIdOf } from '../../../cfn/function-refs';
import { alternatives, alternativesAt, asNumber, branches, describeIntrinsic, ifCondition, whenCondition } from '../../../cfn/values';

/** Function logical ID → its AWS::Lambda::EventInvokeConfig resources (any qualifier), built once per stack. */
function invokeConfigs(index: StackIndex): Map<string, ResolvedResource[]> {
  return index.memo('lambda:invoke-configs', () => {
    const map = new Map<string, ResolvedResource[]>();
    for (const config of index.ofType('AWS::Lambda::EventInvokeConfig')) {
      const fn = functionIdOf(config.properties.FunctionName, index);
      if (fn === undefined) continue;
      map.set(fn, [...(map.get(fn) ?? []), config]);
    }
    return map;
  });
}

/** The Qualifier as written, or the Name of the alias it is derived from (CDK writes Fn::Select of the alias ARN). */
function qualifierLabel(qualifier: unknown, index: StackIndex): string {
  if (typeof qualifier === 'string') return qualifier;
  for (const id of referencedIds(qualifier)) {
    const target = index.byId.get(id);
    if (target?.type === 'AWS::Lambda::Alias' && typeof target.properties.Name === 'string') return target.properties.Name;
    if (target?.type === 'AWS::Lambda::Version') return `version ${id}`;
  }
  return describeIntrinsic(qualifier);
}

/** A destination or DLQ target is set: any non-empty literal, or a value known at deploy time. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** An on-failure destination on every side of every Fn::If on the way to it. */
function onFailureOf(config: ResolvedResource): boolean {
  return alternativesAt(config.properties.DestinationConfig, ['OnFailure', 'Destination']).every(isSet);
}

/** A literal side (of any Fn::If) outside [min, max]; deploy-time values pass (CloudFormation enforces AWS's ranges). */
function outOfRange(value: unknown, min: number, max: number): unknown {
  for (const alt of alternatives(value)) {
    if (alt === undefined || isIntrinsic(alt)) continue;
    const n = asNumber(alt);
    if (n === undefined || !Number.isInteger(n) || n < min || n > max) return alt;
  }
  return undefined;
}

/**
 * Functions whose failed async invocations have no destination: no DeadLetterConfig.TargetArn and no
 * AWS::Lambda::EventInvokeConfig with DestinationConfig.OnFailure.Destination (T4, T5). Each EventInvokeConfig
 * is judged on its own (key `<Qualifier>.<Property>`): without an on-failure destination when the function has
 * no DLQ, MaximumRetryAttempts outside 0-2, MaximumEventAgeInSeconds outside 60-21600. An unset
 * MaximumRetryAttempts (AWS default 2) or MaximumEventAgeInSeconds (AWS default 6 hours) is accepted: both are
 * already bounded, and what T4 asks is that retries be bounded and failures land somewhere.
 * Every side of an `Fn::If` is judged (a DLQ or destination removed by AWS::NoValue on one side is a gap there).
 * Not applicable to functions that only synchronous invokers call (event source mappings, function URLs, API
 * Gateway integrations and authorizers, load balancers, Cognito triggers, AppSync, Step Functions tasks): Lambda's
 * async retries and destinations never apply to them. An EventInvokeConfig declares async invocation, so a function
 * with one is judged whoever its known invokers are.
 */
export const AsyncFailureHandling = defineRule('AsyncFailureHandling', ['AWS::Lambda::Function'], (node) => {
  const index = StackIndex.of(node);
  const fnId = resolved(node).logicalId;
  const invokers = functionInvokers(index).get(fnId);
  const configs = invokeConfigs(index).get(fnId) ?? [];
  // An EventInvokeConfig declares async invocation, whoever the known invokers are.
  if (configs.length === 0 && invokers && invokers.invokers.length > 0 && !invokers.mayInvokeAsync) return NOT_APPLICABLE;

  const dlqGaps = branches(props(node).DeadLetterConfig).filter(
    (b) => !isIntrinsic(b.value) && !alternativesAt((b.value as { TargetArn?: unknown } | undefined)?.TargetArn, []).every(isSet),
  );
  const found: Violation[] = [];
  if (dlqGaps.length > 0 && configs.length === 0) {
    found.push({
      key: 'OnFailure',
      detail: `DeadLetterConfig.TargetArn is unset${whenCondition(dlqGaps[0])} and no AWS::Lambda::EventInvokeConfig of the function sets DestinationConfig.OnFailure.Destination`,
    });
  }
  for (const config of configs) {
    const p = config.properties;
    const qualifier = qualifierLabel(p.Qualifier, index);
    const where = `EventInvokeConfig ${config.logicalId} (Qualifier ${qualifier})`;
    if (dlqGaps.length > 0 && !onFailureOf(config)) {
      found.push({
        key: `${qualifier}.OnFailure`,
        detail: `${where} has no DestinationConfig.OnFailure.Destination and the function's DeadLetterConfig.TargetArn is unset${whenCondition(dlqGaps[0])}`,
      });
    }
    const retries = outOfRange(p.MaximumRetryAttempts, 0, 2);
    if (retries !== undefined) {
      found.push({
        key: `${qualifier}.MaximumRetryAttempts`,
        detail: `${where} has MaximumRetryAttempts ${JSON.stringify(retries)}${ifCondition(p.MaximumRetryAttempts) ? ` on one side of Fn::If ${ifCondition(p.MaximumRetryAttempts)}` : ''}, outside 0-2`,
      });
    }
    const age = outOfRange(p.MaximumEventAgeInSeconds, 60, 21600);
    if (age !== undefined) {
      found.push({
        key: `${qualifier}.MaximumEventAgeInSeconds`,
        detail: `${where} has MaximumEventAgeInSeconds ${JSON.stringify(age)}${ifCondition(p.MaximumEventAgeInSeconds) ? ` on one side of Fn::If ${ifCondition(p.MaximumEventAgeInSeconds)}` : ''}, outside 60-21600`,
      });
    }
  }
  return violations(found);
});
