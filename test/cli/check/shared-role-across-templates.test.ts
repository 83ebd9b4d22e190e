import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { bulkheadCheck } from './recording-io';

/**
 * `bulkhead check` judges the templates of one run as the stacks of one app: a role that functions in two templates
 * use is shared, however each writes it. Several template files, and a synthesized assembly with stages (nested
 * too), each written once.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-shared-role-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fn = (role: unknown): object => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Role: role, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => 1;' } },
});
const lambdaRole = (extra: object = {}): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    ...extra,
  },
});

type Finding = { rule: string; resource: string; template: string; message: string; constructPath?: string };
const sharedRole = (report: { findings: Finding[] }): Finding[] => report.findings.filter((f) => f.rule === 'Bulkhead-SharedRole');

describe('several template files', () => {
  let files: { roles: string; api: string; jobs: string; other: string };
  beforeAll(() => {
    const write = (name: string, template: object): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, name.endsWith('.json') ? JSON.stringify(template) : stringify(template));
      return file;
    };
    files = {
      roles: write('roles.yaml', {
        Resources: { Worker: lambdaRole({ RoleName: 'orders-worker' }) },
        Outputs: { WorkerArn: { Value: { 'Fn::GetAtt': ['Worker', 'Arn'] }, Export: { Name: 'orders-worker-arn' } } },
      }),
      api: write('api.json', {
        Resources: { Pay: fn({ 'Fn::ImportValue': 'orders-worker-arn' }), Own: fn('arn:aws:iam::111111111111:role/own') },
      }),
      jobs: write('jobs.yaml', {
        Resources: { Refund: fn({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-worker' }) },
      }),
      other: write('other.yaml', { Resources: { Report: fn('arn:aws:iam::111111111111:role/reports') } }),
    };
  });

  it('a role exported by one template, imported by a second and written as a Sub in a third is shared (exit 1)', async () => {
    const run = await bulkheadCheck(files.roles, files.api, files.jobs, files.other, '--format', 'json');
    expect(run.code).toBe(1);
    const found = sharedRole(JSON.parse(run.stdout));
    expect(found.map((f) => [path.basename(f.template), f.resource])).toEqual([
      ['api.json', 'Pay'],
      ['jobs.yaml', 'Refund'],
    ]);
    expect(found[0].message).toMatch(/: Role Worker \(\S*\/roles\.yaml\) is also the role of function Refund \(\S*\/jobs\.yaml\)\. Fix: /);
    expect(found[1].message).toMatch(/: Role role\/orders-worker is also the role of function Pay \(\S*\/api\.json\)\. Fix: /);
  });

  it('--separately judges each template alone, as before', async () => {
    const run = await bulkheadCheck(files.roles, files.api, files.jobs, '--format', 'json', '--separately');
    expect(sharedRole(JSON.parse(run.stdout))).toEqual([]);
  });

  it('the same role name with two literal accounts is two roles', async () => {
    const two = path.join(dir, 'two.yaml');
    fs.writeFileSync(two, stringify({ Resources: { Report: fn('arn:aws:iam::222222222222:role/reports') } }));
    const run = await bulkheadCheck(files.other, two, '--format', 'json');
    expect(sharedRole(JSON.parse(run.stdout))).toEqual([]);
  });
});

describe('an assembly with stages', () => {
  let outdir: string;
  const code = lambda.Code.fromInline('exports.handler = async () => 1;');
  const func = (scope: Construct, id: string, role: iam.IRole) =>
    new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, role });
  beforeAll(() => {
    outdir = path.join(dir, 'cdk.out');
    const app = new App({ outdir });
    const dev = new Stage(app, 'dev', { env: { account: '111111111111', region: 'eu-west-1' } });
    const roles = new Stack(dev, 'Roles');
    const shared = new iam.Role(roles, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    func(new Stack(dev, 'Api'), 'UsesShared', shared);
    const jobs = new Stack(dev, 'Jobs');
    func(jobs, 'AlsoShared', shared);
    const acknowledged = func(jobs, 'Acknowledged', shared);
    Validations.of(acknowledged).acknowledge({ id: 'Bulkhead-SharedRole', reason: 'test: accepted on this function' });
    func(jobs, 'ByName', iam.Role.fromRoleName(jobs, 'Named', 'orders-named'));
    new iam.Role(roles, 'Named', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), roleName: 'orders-named' });
    // A nested stage in another account uses the same role name: another role.
    const prod = new Stage(new Stage(app, 'org'), 'prod', { env: { account: '333333333333', region: 'eu-west-1' } });
    const prodApi = new Stack(prod, 'Api');
    func(prodApi, 'ByName', iam.Role.fromRoleName(prodApi, 'Named', 'orders-named'));
    // Stacks that state no account: together at the top level, apart from a stage's.
    for (const id of ['BatchA', 'BatchB']) {
      const s = new Stack(app, id);
      func(s, 'Batch', iam.Role.fromRoleName(s, 'Role', 'batch'));
    }
    const sandbox = new Stack(new Stage(app, 'sandbox'), 'Batch');
    func(sandbox, 'Batch', iam.Role.fromRoleName(sandbox, 'Role', 'batch'));
    app.synth();
  });

  it('names every function on the role by its construct path, in the template of each', async () => {
    const run = await bulkheadCheck('--assembly', outdir, '--format', 'json');
    expect(run.code).toBe(1);
    const found = sharedRole(JSON.parse(run.stdout));
    const at = (p: string) => found.find((f) => f.constructPath === p);
    expect(found.map((f) => f.constructPath).sort()).toEqual(
      ['BatchA/Batch/Resource', 'BatchB/Batch/Resource', 'dev/Api/UsesShared/Resource', 'dev/Jobs/AlsoShared/Resource'].sort(),
    );
    expect(path.basename(at('dev/Api/UsesShared/Resource')!.template)).toMatch(/^devApi[0-9A-F]{8}\.template\.json$/);
    expect(path.basename(at('dev/Jobs/AlsoShared/Resource')!.template)).toMatch(/^devJobs[0-9A-F]{8}\.template\.json$/);
    expect(at('dev/Api/UsesShared/Resource')!.message).toContain(
      'Role dev/Roles/Shared/Resource is also the role of 2 other functions: dev/Jobs/AlsoShared/Resource, dev/Jobs/Acknowledged/Resource.',
    );
    expect(at('BatchA/Batch/Resource')!.message).toContain('is also the role of function BatchB/Batch/Resource.');
  });

  it('the acknowledgement made in CDK code still covers its function', async () => {
    const report = JSON.parse((await bulkheadCheck('--assembly', outdir, '--format', 'json')).stdout);
    expect(report.acknowledged.filter((f: Finding) => f.rule === 'Bulkhead-SharedRole').map((f: Finding) => f.constructPath)).toEqual([
      'dev/Jobs/Acknowledged/Resource',
    ]);
  });
});
