import { resolved, StackIndex } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { ResourcePolicyShape, tlsOnlyTargets } from '../../shared/tls-only-policy';

/** Denying sns:Publish without TLS is AWS's documented pattern (and CDK's enforceSSL); sns:* and * cover it. */
const ACTIONS = ['*', 'sns:*', 'sns:publish'];
const SHAPES: ResourcePolicyShape[] = [
  { type: 'AWS::SNS::TopicPolicy', targets: 'Topics', actions: ACTIONS },
  { type: 'AWS::SNS::TopicInlinePolicy', targets: 'TopicArn', actions: ACTIONS },
];

/** SNS topics whose policy does not deny requests without TLS (T3). */
export const TopicTlsOnly = defineRule('TopicTlsOnly', ['AWS::SNS::Topic'], (node) => {
  const index = StackIndex.of(node);
  const id = resolved(node).logicalId;
  return violationIf(
    SHAPES.some((shape) => tlsOnlyTargets(index, shape).has(id))
      ? undefined
      : 'no AWS::SNS::TopicPolicy (Topics) or AWS::SNS::TopicInlinePolicy (TopicArn) of the stack has an Effect Deny statement on sns:Publish for every principal when aws:SecureTransport is false',
  );
});
