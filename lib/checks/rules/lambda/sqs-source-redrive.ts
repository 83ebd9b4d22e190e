import { props, StackIndex } from '../../../cfn/resolve';
import { isIntrinsic } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, Violation, violations } from '../../rule';
import { mappingSource } from '../../../cfn/mapping-source';
import { branches, whenCondition } from '../../../cfn/values';

/** Why a RedrivePolicy value sends nothing to a dead-letter queue, or undefined when it does (or may). */
function redriveGap(policy: unknown): string | undefined {
  if (policy === undefined || policy === null) return 'has no RedrivePolicy';
  if (isIntrinsic(policy)) return undefined;
  let parsed: unknown = policy;
  if (typeof policy === 'string') {
    try {
      parsed = JSON.parse(policy);
    } catch {
      return 'has a RedrivePolicy that is not valid JSON';
    }
  }
  const target =
    typeof parsed === 'object' && parsed !== null ? (parsed as { deadLetterTargetArn?: unknown }).deadLetterTargetArn : undefined;
  return target === undefined || target === null || target === '' ? 'has a RedrivePolicy without deadLetterTargetArn' : undefined;
}

/**
 * SQS queues that feed a function but have no redrive policy (dead-letter queue) (T5). Judged on the mapping,
 * for a queue of the same stack found by GetAtt/Ref, by a Fn::Sub/Fn::Join ARN naming it, or by a literal ARN
 * whose name is a literal QueueName of the stack. A queue outside the stack (a foreign literal ARN, an import,
 * a parameter) cannot be judged here: not applicable. A RedrivePolicy only known at deploy time is accepted.
 */
export const SqsSourceRedrive = defineRule('SqsSourceRedrive', ['AWS::Lambda::EventSourceMapping'], (node) => {
  const index = StackIndex.of(node);
  const source = mappingSource(props(node), index);
  if (source.kind !== 'sqs' || source.queueId === undefined) return NOT_APPLICABLE;
  const queue = index.byId.get(source.queueId);
  if (!queue) return NOT_APPLICABLE;
  const found: Violation[] = [];
  for (const branch of branches(queue.properties.RedrivePolicy)) {
    const gap = redriveGap(branch.value);
    if (gap) {
      found.push({
        detail: `queue ${queue.logicalId} ${gap}${whenCondition(branch)}: a message that keeps failing is received again until it expires (MessageRetentionPeriod), then lost`,
      });
    }
  }
  return violations(found.slice(0, 1));
});
