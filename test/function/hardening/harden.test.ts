import { App, CfnElement, Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { BulkheadChecks } from '../../../lib/checks';
import { SecureFunction } from '../../../lib/function';
import { harden, resolveSettings } from '../../../lib/function/hardening';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
const base = { code: CODE, handler: 'index.handler' };
const env = { env: { account: '111111111111', region: 'eu-west-1' } };

/**
 * Every finding of the three packs, warnings included, as `rule path`; except Bulkhead-UninvokedFunction, which
 * judges the app's wiring (nothing here invokes the functions), not the hardening.
 */
function findings(stack: Stack): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks(), new BulkheadChecks(stack)]
    .flatMap((pack) => pack.validateScope(stack).violations)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
    .filter((f) => !f.startsWith('Bulkhead-UninvokedFunction '));
}

describe('the parts are children of the function', () => {
  const app = new App();
  const stack = new Stack(app, 'S', env);
  // Names a user may well pick next to a function called Fn: they used to collide with the parts.
  new sqs.Queue(stack, 'FnDeadLetterQueue');
  new iam.Role(stack, 'FnRole', { assumedBy: new iam.AccountRootPrincipal() });
  const fn = new SecureFunction(stack, 'Fn', base);
  Tags.of(fn).add('team', 'payments');
  const t = Template.fromStack(stack);

  test('role, key, DLQ and log group have construct paths under the function', () => {
    expect(fn.executionRole.node.path).toBe('S/Fn/ServiceRole');
    expect(fn.key.node.path).toBe('S/Fn/Key');
    expect(fn.failureQueue.node.path).toBe('S/Fn/DeadLetterQueue');
    expect(fn.functionLogGroup.node.path).toBe('S/Fn/LogGroup');
    expect(fn.deadLetterQueue).toBe(fn.failureQueue);
  });

  test('Tags.of(fn) reaches every part', () => {
    const parts = [fn.executionRole, fn.key, fn.failureQueue, fn.functionLogGroup, fn];
    const resources = t.toJSON().Resources;
    for (const part of parts) {
      const logicalId = stack.getLogicalId(part.node.defaultChild as CfnElement);
      expect(resources[logicalId].Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'payments' }]));
    }
  });

  test('the role carries no AWS managed policy and depends on no sibling', () => {
    const role = Object.entries(t.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('FnServiceRole'))![1];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Description).toBe('Execution role of S/Fn only (cdk-bulkhead, T1)');
  });

  test('Lambda terminates recursive loops (explicit default)', () => {
    t.hasResourceProperties('AWS::Lambda::Function', { RecursiveLoop: 'Terminate' });
  });
});

describe('acknowledgements and managed policies the user adds reach the parts', () => {
  test('Validations.of(fn).acknowledge covers a wildcard the user grants later', () => {
    const stack = new Stack(new App(), 'S', env);
    const fn = new SecureFunction(stack, 'Fn', base);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    expect(findings(stack).filter((f) => f.startsWith('AwsSolutions-IAM5'))).toEqual([
      'AwsSolutions-IAM5[Resource::*] S/Fn/ServiceRole/DefaultPolicy/Resource',
    ]);
    Validations.of(fn).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'Reads objects of buckets named at run time.' });
    expect(findings(stack).filter((f) => f.startsWith('AwsSolutions-IAM5'))).toEqual([]);
  });

  test("a managed policy added to the own role later is kept (only lambda.Function's base policies are left out)", () => {
    const stack = new Stack(new App(), 'S', env);
    const fn = new SecureFunction(stack, 'Fn', base);
    fn.executionRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXrayReadOnlyAccess'));
    const role = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0];
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain('AWSXrayReadOnlyAccess');
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).not.toContain('AWSLambdaBasicExecutionRole');
  });
});

describe('with @aws-cdk/aws-lambda:useCdkManagedLogGroup (set by cdk init)', () => {
  test("one log group, encrypted with the function's key, used by the function", () => {
    const app = new App({ context: { '@aws-cdk/aws-lambda:useCdkManagedLogGroup': true } });
    const stack = new Stack(app, 'S', env);
    new SecureFunction(stack, 'Fn', base);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
    const [id, group] = Object.entries(t.findResources('AWS::Logs::LogGroup'))[0];
    expect(group.Properties.KmsKeyId).toBeDefined();
    t.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: id } } });
    expect(findings(stack)).toEqual([]);
  });
});

describe('a function in a VPC (Lambda creates its network interfaces with the execution role)', () => {
  const stack = new Stack(new App(), 'S', env);
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const fn = new SecureFunction(stack, 'Fn', { ...base, vpc });
  const t = Template.fromStack(stack);
  const role = Object.entries(t.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('FnServiceRole'))![1];
  const vpcPolicy = role.Properties.Policies.find((p: any) => p.PolicyName === 'VpcNetworkInterfaces');

  test('the own role may create, describe and delete network interfaces, and no managed policy does it', () => {
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const actions = vpcPolicy.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()).sort();
    expect(actions).toEqual([
      'ec2:AssignPrivateIpAddresses',
      'ec2:CreateNetworkInterface',
      'ec2:DeleteNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:UnassignPrivateIpAddresses',
    ]);
  });

  test('only the two Describe actions are on "*"; creation is limited to the function\'s subnets and security group', () => {
    const statements = vpcPolicy.PolicyDocument.Statement;
    const onStar = statements
      .filter((s: any) => s.Resource === '*')
      .flatMap((s: any) => [s.Action].flat())
      .sort();
    expect(onStar).toEqual(['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets']);
    const create = JSON.stringify(statements.find((s: any) => s.Action === 'ec2:CreateNetworkInterface').Resource);
    for (const subnet of vpc.isolatedSubnets) expect(create).toContain(stack.resolve(subnet.subnetId).Ref);
    expect(create).toContain(stack.resolve(fn.connections.securityGroups[0].securityGroupId)['Fn::GetAtt'][0]);
    expect(create).toContain('network-interface/*');
    expect(create).not.toContain('"*"');
  });

  test('zero findings from all three packs on the function', () => {
    expect(findings(stack).filter((f) => f.includes(' S/Fn/'))).toEqual([]);
  });

  test('a role you pass gets the same statements as a policy of its own', () => {
    const s2 = new Stack(new App(), 'S2', env);
    const vpc2 = new ec2.Vpc(s2, 'Vpc', {
      maxAzs: 1,
      natGateways: 0,
      subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const mine = new iam.Role(s2, 'Mine', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new SecureFunction(s2, 'Fn', { ...base, vpc: vpc2, role: mine });
    const policies = Template.fromStack(s2).findResources('AWS::IAM::Policy');
    const own = Object.entries(policies).find(([id]) => id.startsWith('FnVpcNetworkInterfaces'))![1];
    expect(own.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^Mine/) }]);
    expect(findings(s2).filter((f) => f.includes(' S2/Fn/'))).toEqual([]);
  });
});

describe('the engine hardens a plain lambda.Function', () => {
  test('the same parts, as children, and zero findings from all three packs', () => {
    const stack = new Stack(new App(), 'S', env);
    const fn = new lambda.Function(stack, 'Plain', {
      ...base,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(10),
      memorySize: 256,
    });
    const settings = resolveSettings({ ...base }, {});
    const parts = harden(fn, settings);
    expect(parts.role.node.path).toBe('S/Plain/ServiceRole');
    expect(parts.key.node.path).toBe('S/Plain/Key');
    expect(parts.alarms.cost.node.path).toBe('S/Plain/CostAlarm');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 10, TracingConfig: { Mode: 'Active' } });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
    expect(findings(stack)).toEqual([]);
  });
});
