/**
 * IAM actions a function may need that cannot be scoped to a resource, so `Resource: "*"` is the only way to
 * grant them and WildcardPermissions accepts it for them (T1). Deliberately short: only actions serverless
 * functions commonly call. Add an action only with its source.
 *
 * Sources:
 * - Service Authorization Reference, "Actions, resources, and condition keys for AWS services": actions whose
 *   "Resource types" column is empty must be granted on "*"
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
 *   e.g. list_awsx-ray.html, list_amazoncloudwatch.html, list_awssecuritytokenservice.html, list_amazonec2.html.
 * - Lambda in a VPC: the network-interface actions Lambda performs with the execution role, as granted on "*" by
 *   AWS's own managed policy AWSLambdaVPCAccessExecutionRole and documented in the Lambda Developer Guide,
 *   "Giving Lambda functions access to resources in an Amazon VPC" (ec2:DescribeNetworkInterfaces "only works if
 *   it's allowed on all resources").
 */
const ACTIONS: readonly string[] = [
  // AWS X-Ray: tracing writes and sampling (what Lambda active tracing and the X-Ray SDK call).
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  // Amazon CloudWatch metrics (scope PutMetricData with the cloudwatch:namespace condition key instead).
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  // AWS STS: who am I.
  'sts:GetCallerIdentity',
  // Lambda in a VPC (AWSLambdaVPCAccessExecutionRole).
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  // Account-level listings and tokens with no resource type.
  'ecr:GetAuthorizationToken',
  'ssm:DescribeParameters',
  'secretsmanager:GetRandomPassword',
  'secretsmanager:ListSecrets',
  'kms:ListKeys',
  'kms:ListAliases',
  's3:ListAllMyBuckets',
  'sqs:ListQueues',
  'sns:ListTopics',
  'dynamodb:ListTables',
  'lambda:ListFunctions',
  // CloudWatch Logs delivery for vended logs (Step Functions, API Gateway, EventBridge Pipes logging): the
  // Step Functions Developer Guide, "IAM policies for logging to CloudWatch Logs", grants these on "*" because
  // "they don't support resource types".
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

const LOWER = new Set(ACTIONS.map((a) => a.toLowerCase()));

/** True when the action (exact name, IAM's case-insensitive match) supports no resource-level permissions. */
export function supportsNoResourceLevelPermissions(action: string): boolean {
  return LOWER.has(action.toLowerCase());
}
