import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';

/** The explicit name a resource asks for, and whether it is unique per account (IAM) rather than per account and region. */
function physicalName(c: IConstruct): { kind: string; name: unknown; global?: boolean; fix: string } | undefined {
  if (c instanceof lambda.CfnFunction)
    return {
      kind: 'FunctionName',
      name: c.functionName,
      fix: 'give one of the functions another construct id or an explicit functionName',
    };
  if (c instanceof logs.CfnLogGroup)
    return { kind: 'LogGroupName', name: c.logGroupName, fix: 'give one of the log groups (or their functions) another name' };
  if (c instanceof sqs.CfnQueue)
    return { kind: 'QueueName', name: c.queueName, fix: 'give one of the queues another queueName, or leave it out' };
  if (c instanceof sns.CfnTopic)
    return { kind: 'TopicName', name: c.topicName, fix: 'give one of the topics another topicName, or leave it out' };
  if (c instanceof dynamodb.CfnTable)
    return { kind: 'TableName', name: c.tableName, fix: 'give one of the tables another tableName, or leave it out' };
  if (c instanceof cloudwatch.CfnAlarm)
    return { kind: 'AlarmName', name: c.alarmName, fix: 'give one of the alarms another alarmName, or leave it out' };
  if (c instanceof kms.CfnAlias) return { kind: 'AliasName', name: c.aliasName, fix: 'give one of the key aliases another name' };
  if (c instanceof iam.CfnRole)
    return { kind: 'RoleName', name: c.roleName, global: true, fix: 'give one of the roles another roleName, or leave it out' };
  if (cdk.Stack.isStack(c) && !(c as cdk.Stack).nested)
    return { kind: 'stack name', name: (c as cdk.Stack).stackName, fix: 'give one of the stacks another id or stackName' };
  return undefined;
}

/**
 * Explicit physical names that two constructs claim in one account and region (one account for IAM), where the
 * second claim is in `stage`: CloudFormation would fail the deploy of the second, after the first went out. Regional
 * names are compared within the stage (no other stage shares its account and region); IAM names across every stage
 * in `sameAccount` (stages of one environment share an account across regions). One line per collision, naming both
 * construct paths and the fix. Names that are tokens are left to CloudFormation.
 */
export function physicalNameCollisions(stage: cdk.Stage, sameAccount: cdk.Stage[] = [stage]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const scopes = sameAccount.includes(stage) ? sameAccount : [...sameAccount, stage];
  for (const owner of scopes) {
    for (const c of owner.node.findAll()) {
      if (cdk.Stage.of(c) !== owner) continue;
      const found = physicalName(c);
      if (!found || typeof found.name !== 'string' || cdk.Token.isUnresolved(found.name)) continue;
      if (owner !== stage && !found.global) continue;
      const stack = cdk.Stack.of(c);
      const where = found.global ? `account ${stack.account}` : `account ${stack.account}, region ${stack.region}`;
      const key = `${found.kind}\u0000${found.global ? stack.account : `${stack.account}/${stack.region}`}\u0000${found.name}`;
      const path = cdk.Stack.isStack(c) ? c.node.path : (c.node.scope?.node.path ?? c.node.path);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, path);
      } else if (owner === stage) {
        problems.push(
          `${found.kind} "${found.name}" is claimed twice in ${where}, by ${first} and ${path}: the deploy would fail on the second. Fix: ${found.fix}.`,
        );
      }
    }
  }
  return problems;
}
