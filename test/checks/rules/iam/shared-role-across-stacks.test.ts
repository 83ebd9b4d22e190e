import { App, CfnOutput, CfnParameter, CfnResource, Fn, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BulkheadChecks, BulkheadFinding } from '../../../../lib/checks';
import { TEST_TODAY } from '../../support';

/**
 * One app, synthesized once: a role defined in one stack of a stage and used by functions in the stage's other
 * stacks, written every way CDK and CloudFormation allow (a CDK cross-stack reference, fromRoleArn, fromRoleName,
 * an export of our own, a Sub over a parameter's default, a Join), next to look-alikes that are not shared: the
 * same role name in another stage's account, similar names, a role shared with a state machine, CDK's own handlers.
 */

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const fn = (scope: Construct, id: string, role?: iam.IRole) =>
  new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, role });
const lambdaRole = (scope: Construct, id: string, roleName?: string) =>
  new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), roleName });
/** A function written as a template would hold it, with its Role as given. */
const l1 = (scope: Construct, id: string, role: unknown) =>
  new CfnResource(scope, id, {
    type: 'AWS::Lambda::Function',
    properties: { Role: role, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => 1;' } },
  });

const app = new App();
const dev = new Stage(app, 'dev', { env: { account: '111111111111', region: 'eu-west-1' } });
const roles = new Stack(dev, 'Roles');
const shared = lambdaRole(roles, 'Shared');
const named = lambdaRole(roles, 'Named', 'orders-named');
new CfnOutput(roles, 'NamedArn', { value: named.roleArn, exportName: 'orders-named-arn' });
fn(roles, 'OnNamed', named);

const api = new Stack(dev, 'Api');
fn(api, 'UsesShared', shared);
fn(api, 'ByArn', iam.Role.fromRoleArn(api, 'NamedByArn', 'arn:aws:iam::111111111111:role/orders-named'));
fn(api, 'Own');
new s3.Bucket(api, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });

const jobs = new Stack(dev, 'Jobs');
const alsoShared = fn(jobs, 'AlsoShared', shared);
fn(jobs, 'ByName', iam.Role.fromRoleName(jobs, 'NamedByName', 'orders-named'));
fn(jobs, 'ByExport', iam.Role.fromRoleArn(jobs, 'NamedByExport', Fn.importValue('orders-named-arn')));
new CfnParameter(jobs, 'RoleNameParam', { default: 'orders-named' });
l1(jobs, 'BySub', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${RoleNameParam}' });
l1(jobs, 'ByJoin', { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/service/orders-worker']] });
l1(jobs, 'ByJoinAgain', { 'Fn::Sub': 'arn:aws:iam::111111111111:role/service/orders-worker' });
fn(jobs, 'Similar', iam.Role.fromRoleName(jobs, 'SimilarName', 'orders-named-2'));
const workflowRole = new iam.Role(jobs, 'WorkflowRole', {
  assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('states.amazonaws.com')),
});
fn(jobs, 'Workflow', workflowRole);
new sfn.StateMachine(jobs, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(jobs, 'Step')), role: workflowRole });
new s3.Bucket(jobs, 'Reports', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
Validations.of(alsoShared).acknowledge({ id: 'Bulkhead-SharedRole', reason: 'test: acknowledged on one function only' });

// The same role name in another account: another role.
const prod = new Stage(app, 'prod', { env: { account: '333333333333', region: 'eu-west-1' } });
const prodRoles = new Stack(prod, 'Roles');
const prodNamed = lambdaRole(prodRoles, 'Named', 'orders-named');
fn(new Stack(prod, 'Api'), 'OnNamed', prodNamed);

// Stacks that state no account: those of one stage deploy together, another stage's may not.
const batchA = new Stack(app, 'BatchA');
fn(batchA, 'Batch', iam.Role.fromRoleName(batchA, 'BatchRole', 'batch'));
l1(new Stack(app, 'BatchB'), 'Batch', 'arn:aws:iam::222222222222:role/batch');
const sandbox = new Stage(app, 'sandbox');
const sandboxBatch = new Stack(sandbox, 'Batch');
fn(sandboxBatch, 'Batch', iam.Role.fromRoleName(sandboxBatch, 'BatchRole', 'batch'));

app.synth();
const pack = new BulkheadChecks(undefined, { today: TEST_TODAY });
const ofApp = pack.findingsFor(app);
const ofDev = pack.findingsFor(dev);

/** SharedRole findings by construct path of the function (without `/Resource`). */
function sharedRole(found: BulkheadFinding[]): Map<string, string> {
  return new Map(
    found.filter((f) => f.ruleId === 'Bulkhead-SharedRole').map((f) => [f.resourcePath.replace(/\/Resource$/, ''), f.message] as const),
  );
}

describe('SharedRole across the stacks of one app', () => {
  const found = sharedRole(ofApp);

  it('flags exactly the functions whose role another function of the same account uses', () => {
    expect([...found.keys()].sort()).toEqual(
      [
        'BatchA/Batch',
        'BatchB/Batch',
        'dev/Api/ByArn',
        'dev/Api/UsesShared',
        'dev/Jobs/ByExport',
        'dev/Jobs/ByJoin',
        'dev/Jobs/ByJoinAgain',
        'dev/Jobs/ByName',
        'dev/Jobs/BySub',
        'dev/Roles/OnNamed',
      ].sort(),
    );
  });

  it('a CDK cross-stack reference is the role itself: the finding names the role and the function in the other stack', () => {
    expect(found.get('dev/Api/UsesShared')).toMatch(
      /Role dev\/Roles\/Shared\/Resource is also the role of function dev\/Jobs\/AlsoShared\/Resource\./,
    );
  });

  it('GetAtt, a literal ARN, fromRoleName, an import of our own export and a Sub over a parameter default are one role', () => {
    const message = found.get('dev/Roles/OnNamed')!;
    expect(message).toMatch(
      /^The execution role is shared with other functions: Role Named[0-9A-F]{8} is also the role of 4 other functions: dev\/Api\/ByArn\/Resource, dev\/Jobs\/ByName\/Resource, dev\/Jobs\/ByExport\/Resource, dev\/Jobs\/BySub\. Fix: /,
    );
    expect(found.get('dev/Jobs/BySub')).toContain(
      'Role role/orders-named is also the role of 4 other functions: dev/Roles/OnNamed/Resource, ',
    );
  });

  it('a role path does not hide the name: Join with AWS::AccountId and a literal account are one role', () => {
    expect(found.get('dev/Jobs/ByJoin')).toContain('is also the role of function ByJoinAgain');
  });

  it('the same role name in another account, a similar name, and a role shared with a state machine are not shared', () => {
    expect(found.has('prod/Api/OnNamed')).toBe(false);
    expect(found.get('dev/Roles/OnNamed')).not.toContain('prod/');
    expect(found.has('dev/Jobs/Similar')).toBe(false);
    expect(found.has('dev/Jobs/Workflow')).toBe(false);
    expect(found.has('dev/Api/Own')).toBe(false);
  });

  it("aws-cdk-lib's handlers in two stacks each keep their own role", () => {
    expect([...found.keys()].filter((p) => p.includes('CustomS3AutoDeleteObjects'))).toEqual([]);
  });

  it('stacks that state no account: one account per stage, a literal account spelling the same name', () => {
    expect(found.get('BatchA/Batch')).toContain('is also the role of function BatchB/Batch.');
    expect(found.get('BatchB/Batch')).toContain('is also the role of function BatchA/Batch/Resource');
    expect(found.has('sandbox/Batch/Batch')).toBe(false);
  });

  it('an acknowledgement covers the function it is on, and the others still name it', () => {
    expect(found.has('dev/Jobs/AlsoShared')).toBe(false);
    expect(pack.acknowledgedFindingsFor(jobs).map((a) => a.finding.resourcePath)).toContain('dev/Jobs/AlsoShared/Resource');
  });

  it('a run over one stage, or over one of its stacks, judges the whole stage', () => {
    expect(sharedRole(ofDev)).toEqual(new Map([...found].filter(([p]) => p.startsWith('dev/'))));
    expect(sharedRole(pack.findingsFor(api)).get('dev/Api/UsesShared')).toBe(found.get('dev/Api/UsesShared'));
  });
});
