import { Aws, IResolvable, IResolveContext, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { acknowledgeByLibrary } from '../../core/acknowledgements';
import { xrayWriteStatement } from '../role';

/**
 * The AWS managed policies lambda.Function attaches to the role it makes. They grant logs on every log group and
 * the network-interface actions on `*`; the own role gets the same capabilities scoped to this function instead (T1).
 */
const BASE_MANAGED_POLICIES = ['AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole'];

/**
 * Makes the role lambda.Function created as the function's `ServiceRole` child least-privilege: no AWS managed
 * policies (managed policies added later by the user stay), a description naming its function, an optional
 * boundary, and the only `Resource: *` grants (X-Ray writes, network-interface reads) in its inline policies, where
 * the acknowledgements on the role's resource cover them and nothing granted later (later grants land in the
 * DefaultPolicy, a separate resource).
 */
export function adoptServiceRole(fn: lambda.Function, options: { boundary?: iam.IManagedPolicy; xrayWrite: boolean }): iam.Role {
  const role = fn.role;
  if (!(role instanceof iam.Role) || role.node.scope !== fn) {
    throw new Error(`${fn.node.path}: the hardening engine expected the function's own ServiceRole (a bug in cdk-bulkhead)`);
  }
  const cfnRole = role.node.defaultChild as iam.CfnRole;
  const inherited = cfnRole.managedPolicyArns;
  const withoutBase: IResolvable = {
    creationStack: [],
    resolve: (context: IResolveContext) => {
      const arns: unknown[] = context.resolve(inherited) ?? [];
      const kept = arns.filter(
        (arn) => !BASE_MANAGED_POLICIES.some((name) => JSON.stringify(arn).includes(`policy/service-role/${name}"`)),
      );
      return kept.length > 0 ? kept : undefined;
    },
    toString: () => 'ManagedPolicyArnsWithoutLambdaBasePolicies',
  };
  cfnRole.managedPolicyArns = Token.asList(withoutBase);
  cfnRole.description = `Execution role of ${fn.node.path} only (cdk-bulkhead, T1)`;
  if (options.boundary) iam.PermissionsBoundary.of(role).apply(options.boundary);

  const inline: iam.CfnRole.PolicyProperty[] = [];
  const wildcards: string[] = [];
  if (options.xrayWrite) {
    inline.push({ policyName: 'XRayWrite', policyDocument: new iam.PolicyDocument({ statements: [xrayWriteStatement()] }) });
    wildcards.push('xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions');
  }
  const vpc = vpcAccessStatements(fn);
  if (vpc.length > 0) {
    inline.push({ policyName: 'VpcNetworkInterfaces', policyDocument: new iam.PolicyDocument({ statements: vpc }) });
    wildcards.push(
      'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets work only on "*" (Lambda Developer Guide, VPC permissions); ' +
        "the other network-interface actions are scoped to network interfaces of this account and region, and creation to the function's own subnets and security groups",
    );
  }
  if (inline.length > 0) {
    cfnRole.policies = inline;
    const where = "the role's inline policies hold only them, and grants added later go to its DefaultPolicy, which this does not cover";
    const reason = `${wildcards.join('; ')}; ${where}.`;
    acknowledgeByLibrary(cfnRole, { id: 'AwsSolutions-IAM5[Resource::*]', reason });
    if (vpc.length > 0) acknowledgeByLibrary(cfnRole, { id: `AwsSolutions-IAM5[Resource::${NETWORK_INTERFACES_AS_NAG_SHOWS_IT}]`, reason });
    // cdk-nag's Serverless pack reads only a role's inline policies, so it sees these actions and nothing else.
    acknowledgeByLibrary(cfnRole, {
      id: 'Serverless-LambdaStarPermissions',
      reason: `The only wildcard resources in this role: ${reason}`,
    });
  }
  return role;
}

const NETWORK_INTERFACES_AS_NAG_SHOWS_IT = 'arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*';

/**
 * What Lambda needs to attach a function to a VPC (Lambda Developer Guide, "Required IAM permissions"), scoped as
 * far as EC2 allows: the two Describe actions only work on `*`; creation only in this function's subnets and with
 * its security groups; deletion and address changes on network interfaces of this account and region (Lambda's
 * Hyperplane interfaces are shared by functions, so their ids are not known here).
 */
export function vpcAccessStatements(fn: lambda.Function): iam.PolicyStatement[] {
  if (!fn.isBoundToVpc) return [];
  const networkInterfaces = `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:network-interface/*`;
  const ec2 = (type: string, id: string) => Stack.of(fn).formatArn({ service: 'ec2', resource: type, resourceName: id });
  const config = (fn.node.defaultChild as lambda.CfnFunction).vpcConfig as lambda.CfnFunction.VpcConfigProperty | undefined;
  const subnets = literalList(config?.subnetIds)?.map((id) => ec2('subnet', id)) ?? [ec2('subnet', '*')];
  const groups = fn.connections.securityGroups.map((sg) => ec2('security-group', sg.securityGroupId));
  return [
    new iam.PolicyStatement({
      sid: 'DescribeNetworkInterfacesNoResourceLevelPermissions',
      actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'CreateNetworkInterfacesInOwnSubnets',
      actions: ['ec2:CreateNetworkInterface'],
      resources: [networkInterfaces, ...subnets, ...groups],
    }),
    new iam.PolicyStatement({
      sid: 'ManageNetworkInterfacesOfThisAccount',
      actions: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: [networkInterfaces],
    }),
  ];
}

/** The list's items when the list itself is known at synth (its items may still be references). */
function literalList(list: string[] | undefined): string[] | undefined {
  if (list === undefined || Token.isUnresolved(list)) return undefined;
  return list;
}
