import { props } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { customerKeyProblem } from '../../shared/customer-managed-key';

/** Log groups not encrypted with a customer-managed KMS key (T3). */
export const LogGroupEncryption = defineRule('LogGroupEncryption', ['AWS::Logs::LogGroup'], (node) =>
  violationIf(customerKeyProblem(props(node).KmsKeyId, 'KmsKeyId')),
);
