import { alternatives, ifCondition, textOf, UNKNOWN } from '../../cfn/values';

/** An AWS-managed key alias (`alias/aws/<service>`), bare or inside an alias ARN; customers cannot create these. */
const AWS_MANAGED_ALIAS = new RegExp(`(?:^|[:${UNKNOWN}])(alias/aws/[^${UNKNOWN}]*)$`);

/**
 * Why a key property does not name a customer-managed KMS key, or undefined when it does or may (T3). Shared by
 * the encryption rules of Lambda, SQS, SNS, DynamoDB and CloudWatch Logs.
 *
 * Absent, empty, an `Fn::If` branch of `AWS::NoValue`, or an AWS-managed alias (`alias/aws/sqs`, also inside
 * `Fn::Sub`/`Fn::Join`) is a problem. Any other Ref, GetAtt or import is taken as a customer-managed key: the key a
 * parameter or an export names is chosen at deploy time, and flagging every reference would flag every key shared
 * across stacks, the normal way to use one.
 */
export function customerKeyProblem(value: unknown, property: string): string | undefined {
  const condition = ifCondition(value);
  const inBranch = condition === undefined ? '' : ` in a branch of Fn::If ${condition}`;
  for (const alt of alternatives(value)) {
    if (alt === undefined || alt === null || alt === '') {
      return condition === undefined ? `${property} is not set` : `${property} is removed (AWS::NoValue)${inBranch}`;
    }
    const alias = AWS_MANAGED_ALIAS.exec(textOf(alt))?.[1];
    if (alias !== undefined) return `${property} is the AWS-managed key ${alias}${inBranch}, not a customer-managed key`;
  }
  return undefined;
}
