import { props } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { customerKeyProblem } from '../../shared/customer-managed-key';

/** SNS topics not encrypted with a customer-managed KMS key (T3); alias/aws/sns is a key AWS controls. */
export const TopicEncryption = defineRule('TopicEncryption', ['AWS::SNS::Topic'], (node) =>
  violationIf(customerKeyProblem(props(node).KmsMasterKeyId, 'KmsMasterKeyId')),
);
