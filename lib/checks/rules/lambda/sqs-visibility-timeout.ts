import { CfnResource } from 'aws-cdk-lib';
import { props, StackIndex } from '../../../cfn/resolve';
import { isIntrinsic } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, Violation, violations } from '../../rule';
import { functionIdOf } from '../../../cfn/function-refs';
import { mappingSource } from '../../../cfn/mapping-source';
import { decidedFrom, decidedValues } from '../../../cfn/possible-texts';
import { asNumber } from '../../../cfn/values';

/** AWS defaults: an SQS queue's visibility timeout and a Lambda function's timeout, in seconds. */
const DEFAULT_VISIBILITY = 30;
const DEFAULT_TIMEOUT = 3;
/** AWS's guidance for SQS event sources: at least six times the function timeout (T5). */
const FACTOR = 6;

/**
 * Seconds of each side of a property of `node`, with the AWS default when unset; a parameter's Default or a mapping
 * counts like a literal, other deploy-time values are skipped.
 */
function seconds(node: CfnResource, value: unknown, fallback: number): Array<{ seconds: number; note: string }> {
  if (value === undefined) return [{ seconds: fallback, note: ' (the default, unset)' }];
  return decidedValues(node, value).flatMap((b) => {
    if (b.value === undefined) return [{ seconds: fallback, note: ` (the default, unset${decidedFrom(b)})` }];
    if (isIntrinsic(b.value)) return [];
    const n = asNumber(b.value);
    return n === undefined ? [] : [{ seconds: n, note: decidedFrom(b) }];
  });
}

/**
 * SQS queues that feed a function with a visibility timeout under 6 times the function timeout (T5). Both must
 * be in the mapping's stack: the queue found as for SqsSourceRedrive, the function from FunctionName (Ref/GetAtt
 * of the function or of an alias/version, its literal name or ARN). Unset values are AWS's defaults (queue 30 s,
 * function 3 s); values only known at deploy time cannot be compared: not applicable.
 */
export const SqsVisibilityTimeout = defineRule('SqsVisibilityTimeout', ['AWS::Lambda::EventSourceMapping'], (node) => {
  const index = StackIndex.of(node);
  const p = props(node);
  const source = mappingSource(p, index);
  if (source.kind !== 'sqs' || source.queueId === undefined) return NOT_APPLICABLE;
  const queue = index.byId.get(source.queueId);
  const fnId = functionIdOf(p.FunctionName, index);
  const fn = fnId === undefined ? undefined : index.byId.get(fnId);
  if (!queue || !fn) return NOT_APPLICABLE;
  const visibilities = seconds(queue.node, queue.properties.VisibilityTimeout, DEFAULT_VISIBILITY);
  const timeouts = seconds(fn.node, fn.properties.Timeout, DEFAULT_TIMEOUT);
  if (visibilities.length === 0 || timeouts.length === 0) return NOT_APPLICABLE;
  const shortest = visibilities.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const longest = timeouts.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const found: Violation[] = [];
  if (shortest.seconds < FACTOR * longest.seconds) {
    found.push({
      detail:
        `queue ${queue.logicalId} has VisibilityTimeout ${shortest.seconds} s${shortest.note}, under ${FACTOR} x the Timeout of function ${fn.logicalId} ` +
        `(${longest.seconds} s${longest.note}) = ${FACTOR * longest.seconds} s`,
    });
  }
  return violations(found);
});
