import { props } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { customerKeyProblem } from '../../shared/customer-managed-key';

/** SQS queues not encrypted with a customer-managed KMS key (T3); SSE-SQS and alias/aws/sqs use keys AWS controls. */
export const QueueEncryption = defineRule('QueueEncryption', ['AWS::SQS::Queue'], (node) => {
  const p = props(node);
  const problem = customerKeyProblem(p.KmsMasterKeyId, 'KmsMasterKeyId');
  if (problem === undefined) return violationIf(undefined);
  const sse =
    p.KmsMasterKeyId !== undefined
      ? ''
      : p.SqsManagedSseEnabled === true || p.SqsManagedSseEnabled === 'true'
        ? ' (SqsManagedSseEnabled only: SSE-SQS, a key AWS owns)'
        : ' (at most SSE-SQS, a key AWS owns)';
  return violationIf(`${problem}${sse}`);
});
