import { CfnResource, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3d from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { libraryAcknowledgements } from '../../../lib/checks/cdk-owned/library-acknowledgements';
import { cdkOwnerOf } from '../../../lib/checks/cdk-owned/recognize';
import { findings, newStack } from '../support';

/** One stack holding every aws-cdk-lib handler kind, each built with aws-cdk-lib itself. */
function appWithCdkHandlers(): { stack: Stack; target: lambda.Function; onEvent: lambda.Function } {
  const stack = newStack();
  const inline = lambda.Code.fromInline('exports.handler = async () => ({})');
  const target = new lambda.Function(stack, 'Target', { code: inline, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
  const bucket = new s3.Bucket(stack, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(target));
  new s3d.BucketDeployment(stack, 'Site', { sources: [s3d.Source.data('index.html', '<p>hello</p>')], destinationBucket: bucket });
  new cr.AwsCustomResource(stack, 'ReadParameter', {
    onCreate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/app/flag' },
      physicalResourceId: cr.PhysicalResourceId.of('flag'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  new logs.LogRetention(stack, 'Retention', { logGroupName: '/app/audit', retention: logs.RetentionDays.ONE_MONTH });
  const onEvent = new lambda.Function(stack, 'OnEvent', { code: inline, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
  const provider = new cr.Provider(stack, 'Provider', {
    onEventHandler: onEvent,
    isCompleteHandler: onEvent,
    queryInterval: Duration.seconds(10),
  });
  new CustomResource(stack, 'Custom', { serviceToken: provider.serviceToken });
  new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: true });
  return { stack, target, onEvent };
}

function functionsOf(scope: IConstruct): CfnResource[] {
  return scope.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function');
}

describe("aws-cdk-lib's own handlers", () => {
  const { stack, target, onEvent } = appWithCdkHandlers();
  const owners = new Map(functionsOf(stack).map((f) => [f.node.path, cdkOwnerOf(f)?.construct]));

  test.each([
    ['BucketNotificationsHandler', 'aws_s3.Bucket (addEventNotification'],
    ['Custom::S3AutoDeleteObjectsCustomResourceProvider', 'aws_s3.Bucket (autoDeleteObjects)'],
    ['Custom::CDKBucketDeployment', 'aws_s3_deployment.BucketDeployment'],
    ['AWS679f53fac002430cb0da5b7982bd2287', 'custom_resources.AwsCustomResource'],
    ['LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a', 'aws_logs.LogRetention'],
    ['Provider/framework-onEvent', 'custom_resources.Provider'],
    ['Provider/framework-isComplete', 'custom_resources.Provider'],
    ['Provider/framework-onTimeout', 'custom_resources.Provider'],
    ['Custom::VpcRestrictDefaultSGCustomResourceProvider', 'aws_ec2.Vpc (restrictDefaultSecurityGroup)'],
  ])('%s is recognized as %s', (pathPart, construct) => {
    const matching = [...owners.entries()].filter(([p]) => p.includes(pathPart));
    expect(matching).toHaveLength(1);
    expect(matching[0][1]).toContain(construct);
  });

  test("the app's own functions are not, even the Provider's user handler", () => {
    expect(cdkOwnerOf(target.node.defaultChild!)).toBeUndefined();
    expect(cdkOwnerOf(onEvent.node.defaultChild!)).toBeUndefined();
    expect(cdkOwnerOf(onEvent.role!.node.defaultChild!)).toBeUndefined();
  });

  test('the Bulkhead pack on its own demands nothing of them, and still judges everything of the app', () => {
    const found = findings(stack);
    expect(found.filter((f) => cdkOwnerOf(resourceAt(stack, f.resourcePath)) !== undefined)).toEqual([]);
    const where = (path: string) =>
      found
        .filter((f) => f.resourcePath === path)
        .map((f) => f.findingId)
        .sort();
    // Plain functions of the app keep every finding, and so does the wildcard the user chose for AwsCustomResource.
    expect(where('Test/Target/Resource')).toEqual(
      expect.arrayContaining(['Bulkhead-ReservedConcurrency', 'Bulkhead-AsyncFailureHandling[OnFailure]']),
    );
    expect(where('Test/OnEvent/Resource')).toContain('Bulkhead-ReservedConcurrency');
    expect(where('Test/ReadParameter/CustomResourcePolicy/Resource')).toEqual(['Bulkhead-WildcardPermissions[Resource::*]']);
  });

  test('every library acknowledgement names the aws-cdk-lib construct it belongs to', () => {
    const deployment = functionsOf(stack).find((f) => f.node.path.includes('CDKBucketDeployment'))!;
    const acks = libraryAcknowledgements(deployment);
    expect(acks.map((a) => a.id)).toEqual(
      expect.arrayContaining(['Bulkhead-ReservedConcurrency', 'Serverless-LambdaDLQ', 'AwsSolutions-L1']),
    );
    for (const a of acks) expect(a.reason).toContain("aws-cdk-lib's aws_s3_deployment.BucketDeployment");
    expect(acks.map((a) => a.id)).not.toContain('Bulkhead-DeprecatedRuntime');
    expect(libraryAcknowledgements(target.node.defaultChild as CfnResource)).toEqual([]);
  });
});

function resourceAt(stack: Stack, path: string): IConstruct {
  return stack.node.findAll().find((c) => c.node.path === path) ?? stack;
}
