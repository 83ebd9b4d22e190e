import { resolved, StackIndex } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { tlsOnlyTargets } from '../../shared/tls-only-policy';

/** SQS queues whose policy does not deny requests without TLS (T3). */
export const QueueTlsOnly = defineRule('QueueTlsOnly', ['AWS::SQS::Queue'], (node) => {
  const covered = tlsOnlyTargets(StackIndex.of(node), { type: 'AWS::SQS::QueuePolicy', targets: 'Queues', actions: ['*', 'sqs:*'] });
  return violationIf(
    covered.has(resolved(node).logicalId)
      ? undefined
      : 'no AWS::SQS::QueuePolicy of the stack lists the queue in Queues with an Effect Deny statement on sqs:* for every principal when aws:SecureTransport is false',
  );
});
