import { props } from '../../../cfn/resolve';
import { asList } from '../../../cfn/references';
import { defineRule, violationIf } from '../../rule';
import { alternatives, exactText } from '../../../cfn/values';
import { customerKeyProblem } from '../../shared/customer-managed-key';

/** Why SSEEnabled is not true, or undefined (a deploy-time value is given the benefit of the doubt). */
function sseDisabled(sse: unknown, at: string): string | undefined {
  for (const spec of alternatives(sse)) {
    if (typeof spec !== 'object' || spec === null) return `${at} is not set (an AWS owned key)`;
    for (const enabled of alternatives((spec as { SSEEnabled?: unknown }).SSEEnabled)) {
      const text = enabled === undefined ? 'false' : exactText(enabled);
      if (text !== undefined && text.toLowerCase() !== 'true')
        return `${at}.SSEEnabled is ${enabled === undefined ? 'not set' : text} (an AWS owned key)`;
    }
  }
  return undefined;
}

/** The key problem of a KMSMasterKeyId, saying what an absent one means for DynamoDB. */
function keyProblem(spec: unknown, at: string): string | undefined {
  const key = typeof spec === 'object' && spec !== null ? (spec as { KMSMasterKeyId?: unknown }).KMSMasterKeyId : undefined;
  const problem = customerKeyProblem(key, `${at}.KMSMasterKeyId`);
  return problem === `${at}.KMSMasterKeyId is not set` ? `${problem} (the AWS managed key alias/aws/dynamodb)` : problem;
}

/**
 * DynamoDB tables not encrypted with a customer-managed KMS key (T3). A GlobalTable turns KMS on in its
 * SSESpecification and names each replica's key in Replicas[].SSESpecification.KMSMasterKeyId.
 */
export const TableEncryption = defineRule('TableEncryption', ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], (node) => {
  const p = props(node);
  const disabled = sseDisabled(p.SSESpecification, 'SSESpecification');
  if (disabled !== undefined) return violationIf(disabled);
  if (node.cfnResourceType === 'AWS::DynamoDB::Table') {
    return violationIf(
      alternatives(p.SSESpecification)
        .map((s) => keyProblem(s, 'SSESpecification'))
        .find((x) => x !== undefined),
    );
  }
  const problems: string[] = [];
  for (const list of alternatives(p.Replicas)) {
    asList(list).forEach((replica, i) => {
      if (typeof replica !== 'object' || replica === null) return;
      const region = exactText((replica as { Region?: unknown }).Region) ?? String(i);
      const at = `Replicas[${region}].SSESpecification`;
      const spec = (replica as { SSESpecification?: unknown }).SSESpecification;
      const problem = spec === undefined ? `${at} is not set (the AWS managed key alias/aws/dynamodb)` : keyProblem(spec, at);
      if (problem !== undefined) problems.push(problem);
    });
  }
  return violationIf(problems.length > 0 ? problems.join('; ') : undefined);
});
