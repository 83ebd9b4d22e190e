import { props, resolved, StackIndex } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { functionInvokers } from '../../../cfn/function-invokers';

/**
 * Functions that nothing invokes: no event source, permission, URL or reference (T8). Invokers are the
 * resources of the same stack that name the function (or one of its aliases or versions) where it gets invoked:
 * Lambda permissions granting an invoke action, event source mappings, URLs, EventBridge rule targets, alarm
 * actions, log subscription filters, API Gateway integrations, IAM statements allowing lambda:Invoke* on it
 * (except on the function's own role), and any other resource type naming it (custom resources, state
 * machines, SNS subscriptions, S3 notifications...). References that never invoke do not count: dashboards,
 * alarm metrics, log groups and metric filters, EventInvokeConfig's FunctionName, rule Input, resource policies,
 * `lambda:Invoke*` on `*`. A function exported from the stack (an Output with an Export) counts as invoked,
 * since another stack may invoke it.
 */
export const UninvokedFunction = defineRule('UninvokedFunction', ['AWS::Lambda::Function'], (node) => {
  const fnId = resolved(node).logicalId;
  const invokers = functionInvokers(StackIndex.of(node)).get(fnId);
  if (invokers && invokers.invokers.length > 0) return violationIf(undefined);
  const name = props(node).FunctionName;
  const label = typeof name === 'string' ? `${fnId} (FunctionName ${name})` : fnId;
  return violationIf(
    `no resource of stack ${StackIndex.of(node).stack.stackName} invokes function ${label}: no event source mapping, permission, URL, rule target, subscription, integration or lambda:Invoke* grant names it`,
  );
});
