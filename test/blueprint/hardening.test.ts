import * as fs from 'fs';
import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3d from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { BulkheadBlueprint } from '../../lib/blueprint';
import { SecureFunction } from '../../lib/function';
import { BulkheadReport } from '../../lib/report';
import { parseReport } from '../report/parse-report';
import { allFindings, ENV, newApp, partsOf } from './support';

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const ENTRY = path.join(__dirname, '..', 'fixtures', 'handlers', 'update-card.ts');

/** One app for the file: a SecureFunction, a plain Function, a NodejsFunction bundled by esbuild, and CDK's handlers. */
function buildApp() {
  const app = newApp();
  const blueprint = new BulkheadBlueprint({ today: '2026-11-30' });
  blueprint.applyTo(app);
  const stack = new Stack(app, 'Team', { env: ENV });
  const secure = new SecureFunction(new Construct(stack, 'A'), 'Fn', { code: CODE, handler: 'index.handler' });
  const plain = new lambda.Function(new Construct(stack, 'B'), 'Fn', {
    code: CODE,
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
  });
  const bundled = new nodejs.NodejsFunction(new Construct(stack, 'C'), 'Fn', { entry: ENTRY, runtime: lambda.Runtime.NODEJS_24_X });
  const overridden = new lambda.Function(stack, 'Overridden', {
    code: CODE,
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    reservedConcurrentExecutions: 3,
    timeout: Duration.seconds(30),
  });
  const bucket = new s3.Bucket(stack, 'Uploads', {
    autoDeleteObjects: true,
    removalPolicy: RemovalPolicy.DESTROY,
    enforceSSL: true,
    serverAccessLogsBucket: new s3.Bucket(stack, 'AccessLogs', { enforceSSL: true }),
  });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(bundled));
  new s3d.BucketDeployment(stack, 'Seed', { sources: [s3d.Source.data('seed.json', '{}')], destinationBucket: bucket });
  new cr.AwsCustomResource(stack, 'ReadFlag', {
    onCreate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/team/flag' },
      physicalResourceId: cr.PhysicalResourceId.of('flag'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
      resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'team/flag' })],
    }),
  });
  for (const fn of [secure, plain, overridden]) fn.grantInvoke(new (require('aws-cdk-lib/aws-iam').AccountRootPrincipal)());
  const assembly = app.synth();
  return { app, blueprint, stack, secure, plain, bundled, overridden, assembly };
}

describe('BulkheadBlueprint hardens every function of an app', () => {
  const built = buildApp();
  const { stack } = built;

  test('a plain Function and a NodejsFunction get the same parts as a SecureFunction', () => {
    const secureParts = partsOf(stack.node.findChild('A'), stack);
    expect(secureParts).toEqual(
      expect.arrayContaining([
        'AWS::IAM::Role',
        'AWS::KMS::Key',
        'AWS::SQS::Queue',
        'AWS::Logs::LogGroup',
        'AWS::Lambda::EventInvokeConfig',
        'AWS::CloudWatch::Alarm',
      ]),
    );
    const withoutPermission = (parts: string[]) => parts.filter((t) => t !== 'AWS::Lambda::Permission');
    expect(withoutPermission(partsOf(stack.node.findChild('B'), stack))).toEqual(withoutPermission(secureParts));
    expect(withoutPermission(partsOf(stack.node.findChild('C'), stack))).toEqual(withoutPermission(secureParts));
  });

  test('the whole app has zero findings from Bulkhead, AwsSolutions and Serverless, with no acknowledgement by the team', () => {
    expect(allFindings(built.app)).toEqual([]);
    const teamAcks = built.blueprint.report(built.app).acknowledgements.filter((a) => a.by === 'team');
    expect(teamAcks).toEqual([]);
  });

  test('the hardened function carries the secure settings on its template', () => {
    const cfn = built.plain.node.defaultChild as lambda.CfnFunction;
    const resolved = stack.resolve((cfn as any)._toCloudFormation()).Resources;
    const props = Object.values(resolved)[0] as any;
    expect(props.Properties).toMatchObject({
      ReservedConcurrentExecutions: 10,
      MemorySize: 256,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
    });
    expect(props.Properties.KmsKeyArn).toBeDefined();
    expect(props.Properties.DeadLetterConfig.TargetArn).toBeDefined();
  });

  test("the report lists every function with its kind, the team's overrides and the library's acknowledgements", () => {
    const file = path.join(built.assembly.directory, 'bulkhead-blueprint.json');
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    const kind = (p: string) => report.functions.find((f: any) => f.path === p)?.kind;
    expect(kind('Team/A/Fn')).toBe('SecureFunction');
    expect(kind('Team/B/Fn')).toBe('hardened plain');
    expect(kind('Team/C/Fn')).toBe('hardened plain');
    const cdkOwned = report.functions.filter((f: any) => f.kind === 'CDK-owned').map((f: any) => f.owner);
    expect(cdkOwned).toEqual(
      expect.arrayContaining([
        expect.stringContaining('aws_s3.Bucket (autoDeleteObjects)'),
        expect.stringContaining('aws_s3.Bucket (addEventNotification'),
        expect.stringContaining('aws_s3_deployment.BucketDeployment'),
        expect.stringContaining('custom_resources.AwsCustomResource'),
      ]),
    );
    const overridden = report.functions.find((f: any) => f.path === 'Team/Overridden');
    expect(overridden.overrides).toEqual([
      { prop: 'reservedConcurrentExecutions', blueprint: '10', value: '3' },
      { prop: 'timeout', blueprint: '10 seconds', value: '30 seconds' },
    ]);
    const library = report.acknowledgements.filter((a: any) => a.by === 'library');
    expect(library.length).toBeGreaterThan(0);
    for (const a of library) expect(a.expires).toBe('no expiry');
    expect(library.find((a: any) => a.path.includes('CDKBucketDeployment'))?.reason).toContain('aws_s3_deployment.BucketDeployment');
  });

  test("the Bulkhead report has the blueprint's section: kinds, overrides, acknowledgements", () => {
    const text = BulkheadReport.render(built.app);
    const section = text.slice(text.indexOf('Org blueprint'));
    expect(section).toContain('functions    1 SecureFunction, 3 hardened plain, 4 CDK-owned');
    expect(section).toContain('    Team/Overridden: reservedConcurrentExecutions 3 (blueprint: 10)');
    expect(section).toContain('team acks    none');
    expect(section).toMatch(/library acks \d+ /);
  });

  test("the report's function blocks say what the blueprint gave each function, and which run only at deploy time", () => {
    const [group] = parseReport(BulkheadReport.render(built.app)).stages;
    const byPath = new Map(group.functions.map((f) => [f.path, f]));
    expect(byPath.get('Team/B/Fn')).toMatchObject({
      kind: 'lambda.Function, hardened by blueprint',
      fields: { role: 'B/Fn/ServiceRole (own)', 'on failure': 'B/Fn/DeadLetterQueue (SQS)', key: 'B/Fn/Key (customer-managed)' },
    });
    expect(byPath.get('Team/C/Fn')?.kind).toBe('NodejsFunction, hardened by blueprint');
    expect(byPath.get('Team/Overridden')?.fields.ceiling).toBe('3 concurrent');
    for (const path of ['Team/B/Fn', 'Team/C/Fn', 'Team/Overridden']) {
      expect(byPath.get(path)?.fields.alarms).toBe('4 (errors, throttles, DLQ depth, cost), NO ACTIONS');
    }
    const handlers = group.functions.filter((f) => f.kind.startsWith('aws-cdk-lib deploy-time handler: '));
    expect(handlers.map((f) => f.kind.replace('aws-cdk-lib deploy-time handler: ', '')).sort()).toEqual([
      'aws_s3.Bucket (addEventNotification: the BucketNotificationsHandler)',
      'aws_s3.Bucket (autoDeleteObjects)',
      'aws_s3_deployment.BucketDeployment',
      'custom_resources.AwsCustomResource',
    ]);
    for (const f of handlers) expect(f.fields['worst case']).toMatch(/^not counted: runs only while CloudFormation deploys the stack/);
    const json = JSON.parse(BulkheadReport.renderJson(built.app)).stages[0].functions;
    expect(json.filter((f: any) => f.deployTimeOnly).map((f: any) => f.cost)).toEqual([null, null, null, null]);
  });

  test("aws-cdk-lib's handlers get a concurrency ceiling and an encrypted log group, and keep their own role", () => {
    const template = JSON.parse(fs.readFileSync(path.join(built.assembly.directory, 'Team.template.json'), 'utf8'));
    const handlers = Object.entries(template.Resources as { [id: string]: any }).filter(
      ([id, r]) =>
        r.Type === 'AWS::Lambda::Function' && /BucketNotificationsHandler|AutoDeleteObjects|CDKBucketDeployment|^AWS679f53/.test(id),
    );
    expect(handlers).toHaveLength(4);
    for (const [, r] of handlers) {
      expect(r.Properties.ReservedConcurrentExecutions).toBe(5);
      expect(r.Properties.LoggingConfig?.LogGroup).toBeDefined();
    }
  });
});
