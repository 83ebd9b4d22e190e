import { JsonMap, sub } from './values';

/** AWS managed policies SAM refers to that live under a path (the rest are at the root of `policy/`). */
const PATHS: { [name: string]: string } = {
  AWSLambdaBasicExecutionRole: 'service-role/',
  AWSLambdaVPCAccessExecutionRole: 'service-role/',
  AWSLambdaSQSQueueExecutionRole: 'service-role/',
  AWSLambdaKinesisExecutionRole: 'service-role/',
  AWSLambdaDynamoDBExecutionRole: 'service-role/',
  AWSLambdaMSKExecutionRole: 'service-role/',
  AWSLambdaRole: 'service-role/',
  AWSLambdaENIManagementAccess: 'service-role/',
  AWSIoTRuleActions: 'service-role/',
  AWSXRayDaemonWriteAccess: '',
};

/** `arn:${AWS::Partition}:iam::aws:policy/[path/]Name` for an AWS managed policy name, as SAM writes it. */
export function managedPolicyArn(name: string): JsonMap {
  return sub(`arn:\${AWS::Partition}:iam::aws:policy/${PATHS[name] ?? ''}${name}`);
}

/** A `Policies` string: an ARN (kept) or a managed policy name (turned into its ARN, as SAM does). */
export function managedPolicyReference(value: string): unknown {
  return value.startsWith('arn:') ? value : managedPolicyArn(value);
}
