import { AwsAction } from './data/aws-actions';

/**
 * Actions that name a resource type in the Service Authorization Reference, yet that AWS's own guides and managed
 * policies grant on `"*"` for the use a function makes of them, so WildcardPermissions accepts them on `*` like the
 * actions with no resource type at all (those come from the generated data, lib/checks/rules/iam/data). Deliberately
 * short: add an action only with its source.
 *
 * - Lambda in a VPC: the network-interface actions Lambda performs with the execution role, granted on `*` by AWS's
 *   managed policy AWSLambdaVPCAccessExecutionRole (Lambda Developer Guide, "Giving Lambda functions access to
 *   resources in an Amazon VPC").
 * - CloudWatch metrics: their only resource type is the optional `dataset`; a call that names none acts on no
 *   resource (scope PutMetricData with the `cloudwatch:namespace` condition key instead).
 * - CloudWatch Logs delivery of vended logs (Step Functions, API Gateway, EventBridge Pipes logging): the Step
 *   Functions Developer Guide, "IAM policies for logging to CloudWatch Logs", grants these on `*` because "they don't
 *   support resource types". The data says so too today; listed so a later data refresh cannot make them errors.
 */
const DOCUMENTED_ON_STAR: ReadonlySet<string> = new Set(
  [
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'cloudwatch:PutMetricData',
    'cloudwatch:GetMetricData',
    'cloudwatch:ListMetrics',
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
    'logs:DescribeLogGroups',
  ].map((a) => a.toLowerCase()),
);

/** True when `Resource: "*"` is the way to grant the action: it has no resource type, or AWS documents `*` for it. */
export function grantedOnStar(action: AwsAction): boolean {
  return action.noResourceType || DOCUMENTED_ON_STAR.has(action.action.toLowerCase());
}
