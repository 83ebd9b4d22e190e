import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BulkheadChecks } from '../../../lib/checks';
import { bulkheadCheck, FIXTURES } from './recording-io';

const INSECURE = `${FIXTURES}/insecure-function.yaml`;
const NAG = ['--packs', 'aws-solutions,serverless'];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-check-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Resources the Serverless pack has no rule for. */
const CLEAN = JSON.stringify(
  {
    Resources: {
      Topic: { Type: 'AWS::SNS::Topic' },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v' } },
    },
  },
  null,
  2,
);

describe('json format', () => {
  let report: any;
  let code: number;
  beforeAll(async () => {
    const run = await bulkheadCheck(INSECURE, ...NAG, '--format', 'json');
    code = run.code;
    report = JSON.parse(run.stdout);
  });

  it('has exactly the documented shape', () => {
    expect(Object.keys(report).sort()).toEqual(['acknowledged', 'findings', 'summary']);
    expect(Object.keys(report.summary).sort()).toEqual(['errors', 'resources', 'templates', 'warnings']);
    for (const f of report.findings) {
      // `line` when the resource's line is found (always, in this YAML file); SAM findings add `part` and `generatedId`.
      expect(Object.keys(f).sort()).toEqual(['id', 'level', 'line', 'message', 'resource', 'rule', 'template']);
      expect(['error', 'warning']).toContain(f.level);
    }
  });

  it('maps findings back to the logical IDs of the template', () => {
    const byResource = (id: string) => report.findings.filter((f: any) => f.resource === id).map((f: any) => f.rule);
    expect(byResource('PayFunction')).toEqual(expect.arrayContaining(['Serverless-LambdaDLQ', 'Serverless-LambdaLatestVersion']));
    expect(byResource('SharedRole')).toEqual(expect.arrayContaining(['Serverless-LambdaStarPermissions']));
    expect(report.findings.every((f: any) => f.template === path.relative(process.cwd(), INSECURE))).toBe(true);
  });

  it('counts match the findings, and error findings exit 1', () => {
    expect(report.summary.templates).toBe(1);
    expect(report.summary.resources).toBe(4);
    expect(report.summary.errors).toBe(report.findings.filter((f: any) => f.level === 'error').length);
    expect(report.summary.warnings).toBe(report.findings.filter((f: any) => f.level === 'warning').length);
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(code).toBe(1);
  });
});

describe('sarif format', () => {
  let log: any;
  beforeAll(async () => {
    log = JSON.parse((await bulkheadCheck(INSECURE, ...NAG, '--format', 'sarif')).stdout);
  });

  it('has the SARIF 2.1.0 required structure', () => {
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('cdk-bulkhead');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.length).toBeGreaterThan(0);
    for (const rule of driver.rules) {
      expect(typeof rule.id).toBe('string');
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('gives every result a rule, level, message and a location with the line of its logical ID', () => {
    const ids = log.runs[0].tool.driver.rules.map((r: any) => r.id);
    const source = fs.readFileSync(INSECURE, 'utf8').split('\n');
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    for (const result of log.runs[0].results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toBe('test/fixtures/templates/insecure-function.yaml');
      const logicalId = result.locations[0].logicalLocations[0].name;
      expect(source[location.region.startLine - 1]).toBe(`  ${logicalId}:`);
    }
  });
});

describe('text format and exit codes', () => {
  it('groups findings per template as LEVEL rule resource: message, then a summary line', async () => {
    const clean = write('clean.json', CLEAN);
    const run = await bulkheadCheck(INSECURE, clean, '--packs', 'serverless');
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^test\/fixtures\/templates\/insecure-function\.yaml: \d+ findings \(4 resources\)$/);
    expect(run.stdout).toMatch(
      /\n {2}ERROR {3}Serverless-LambdaDLQ +PayFunction \(line 27\): The Lambda function does not have a dead letter target configured\.\n/,
    );
    expect(run.stdout).toMatch(/\n {2}WARNING Serverless-LambdaTracing +RefundFunction \(line \d+\): /);
    expect(run.stdout).toContain('clean.json: no findings (2 resources)');
    expect(lines[lines.length - 1]).toMatch(/^2 templates, 6 resources checked with serverless: \d+ errors, 3 warnings$/);
  });

  it('judges dated rules as of --today', async () => {
    const fn = write(
      'dated.json',
      JSON.stringify({
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Runtime: 'nodejs22.x',
              Handler: 'index.handler',
              Role: 'arn:aws:iam::111111111111:role/fn',
              Code: { ZipFile: 'x' },
            },
          },
        },
      }),
    );
    const rules = async (today: string): Promise<string[]> =>
      JSON.parse((await bulkheadCheck(fn, '--format', 'json', '--today', today)).stdout).findings.map((f: { rule: string }) => f.rule);
    expect(await rules('2026-11-30')).not.toContain('Bulkhead-DeprecatedRuntime');
    expect(await rules('2027-05-01')).toContain('Bulkhead-DeprecatedRuntime');
  });

  it('exits 0 when only warnings are found, 1 with --fail-on warning', async () => {
    // A clean function except for tracing, which the Serverless pack reports as a warning.
    const onlyWarning = write(
      'warn.json',
      JSON.stringify({
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Runtime: 'nodejs24.x',
              Handler: 'index.handler',
              Role: 'arn:aws:iam::111111111111:role/r',
              Code: { ZipFile: 'x' },
              MemorySize: 256,
              Timeout: 10,
              DeadLetterConfig: { TargetArn: { 'Fn::ImportValue': 'shared-dlq-arn' } },
            },
          },
        },
      }),
    );
    const relaxed = await bulkheadCheck(onlyWarning, '--packs', 'serverless', '--format', 'json');
    const report = JSON.parse(relaxed.stdout);
    expect(report.summary).toEqual({ templates: 1, resources: 1, errors: 0, warnings: 1 });
    expect(report.findings[0]).toMatchObject({ rule: 'Serverless-LambdaTracing', level: 'warning', resource: 'Fn' });
    expect(relaxed.code).toBe(0);
    expect((await bulkheadCheck(onlyWarning, '--packs', 'serverless', '--fail-on', 'warning')).code).toBe(1);
  });

  it('exits 0 on a template without findings', async () => {
    const run = await bulkheadCheck(write('clean2.json', CLEAN), '--packs', 'serverless');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 errors, 0 warnings\n$/);
  });

  it('writes the report to --output and only a summary to stderr', async () => {
    const out = path.join(dir, 'report.sarif');
    const run = await bulkheadCheck(INSECURE, ...NAG, '--format', 'sarif', '--output', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/errors, \d+ warnings; report written to /);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('refuses an --output it cannot write, with exit 2', async () => {
    const run = await bulkheadCheck(INSECURE, ...NAG, '--output', path.join(dir, 'no', 'such', 'dir', 'r.txt'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bulkhead check: --output .*: cannot write \(ENOENT\)\n$/);
  });

  it('prints its usage with --help and exits 0', async () => {
    const run = await bulkheadCheck('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--format text\|json\|sarif/);
  });

  it('reports the same finding once when two packs are asked twice', async () => {
    const once = JSON.parse((await bulkheadCheck(INSECURE, '--packs', 'serverless', '--format', 'json')).stdout);
    const twice = JSON.parse((await bulkheadCheck(INSECURE, '--packs', 'serverless,serverless', '--format', 'json')).stdout);
    expect(twice.findings).toEqual(once.findings);
  });
});

describe('acknowledgements in template metadata (cdk-nag rules_to_suppress)', () => {
  it('are honoured when they carry a reason, per finding with applies_to, and ignored without a reason', async () => {
    const file = write(
      'acks.json',
      JSON.stringify({
        Resources: {
          Acked: {
            Type: 'AWS::SNS::Topic',
            Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-SNS3', reason: 'internal topic' }] } },
          },
          NoReason: { Type: 'AWS::SNS::Topic', Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-SNS3' }] } } },
          Role: {
            Type: 'AWS::IAM::Role',
            Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'r', applies_to: ['Resource::*'] }] } },
            Properties: {
              AssumeRolePolicyDocument: {},
              Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
            },
          },
        },
      }),
    );
    const report = JSON.parse((await bulkheadCheck(file, '--packs', 'aws-solutions', '--format', 'json')).stdout);
    const rules = (id: string) => report.findings.filter((f: any) => f.resource === id).map((f: any) => f.id);
    expect(rules('Acked')).not.toContain('AwsSolutions-SNS3');
    expect(rules('NoReason')).toContain('AwsSolutions-SNS3');
    expect(rules('Role')).toContain('AwsSolutions-IAM5[Action::s3:*]');
    expect(rules('Role')).not.toContain('AwsSolutions-IAM5[Resource::*]');
  });
});

describe('--assembly', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = path.join(dir, 'cdk.out');
    const app = new App({ outdir });
    const top = new Stack(app, 'TopStack');
    new sqs.Queue(top, 'TopQueue', { enforceSSL: true });
    const prod = new Stage(app, 'prod');
    const nested = new Stage(prod, 'eu');
    const deep = new Stack(nested, 'Deep');
    const quiet = new sns.Topic(deep, 'QuietTopic');
    Validations.of(quiet).acknowledge({ id: 'AwsSolutions-SNS3', reason: 'test: acknowledged in CDK code' });
    new sns.Topic(deep, 'DeepTopic');
    // The plugin-prefixed form `cdk synth` prints a finding in, which CDK accepts as an acknowledgement too.
    const prefixed = new sns.Topic(deep, 'PrefixedTopic');
    Validations.of(prefixed).acknowledge({ id: 'AwsSolutions::AwsSolutions-SNS3', reason: 'test: acknowledged as cdk synth prints it' });
    // A raw L1 too, to show logical IDs are reported as CloudFormation sees them.
    new CfnResource(deep, 'RawQueue', { type: 'AWS::SQS::Queue' });
    app.synth();
  });

  it('checks every stack, nested stages included, naming stack and template', async () => {
    const run = await bulkheadCheck('--assembly', outdir, '--packs', 'aws-solutions', '--format', 'json');
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(report.summary.templates).toBe(2);
    const deep = report.findings.filter((f: any) => f.stack === 'prod/eu/Deep');
    expect(deep.map((f: any) => f.resource)).toContain('RawQueue');
    expect(deep.some((f: any) => /^DeepTopic[0-9A-F]{8}$/.test(f.resource))).toBe(true);
    expect(deep.every((f: any) => /cdk\.out\/assembly-prod\/assembly-prod-eu\/[^/]*Deep[^/]*\.template\.json$/.test(f.template))).toBe(
      true,
    );
    expect(report.findings.some((f: any) => f.stack === 'TopStack' && f.rule === 'AwsSolutions-SQS3')).toBe(true);
  });

  it('honours acknowledgements made in CDK code, which only the assembly metadata records', async () => {
    const report = JSON.parse((await bulkheadCheck('--assembly', outdir, '--packs', 'aws-solutions', '--format', 'json')).stdout);
    const sns3 = report.findings.filter((f: any) => f.rule === 'AwsSolutions-SNS3').map((f: any) => f.resource);
    expect(sns3.some((id: string) => id.startsWith('DeepTopic'))).toBe(true);
    expect(sns3.some((id: string) => id.startsWith('QuietTopic'))).toBe(false);
  });

  it('honours an acknowledgement in the `<plugin>::<rule>` form cdk synth prints', async () => {
    const report = JSON.parse((await bulkheadCheck('--assembly', outdir, '--packs', 'aws-solutions', '--format', 'json')).stdout);
    const sns3 = report.findings.filter((f: any) => f.rule === 'AwsSolutions-SNS3').map((f: any) => f.resource);
    expect(sns3.some((id: string) => id.startsWith('DeepTopic'))).toBe(true);
    expect(sns3.some((id: string) => id.startsWith('PrefixedTopic'))).toBe(false);
  });

  it('shows the stack in the text report', async () => {
    const run = await bulkheadCheck('--assembly', outdir, '--packs', 'aws-solutions');
    expect(run.stdout).toMatch(/^prod\/eu\/Deep \(.*\.template\.json\): \d+ findings/m);
  });

  it('refuses a directory without a manifest and a missing directory', async () => {
    const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
    const noManifest = await bulkheadCheck('--assembly', empty);
    expect(noManifest.code).toBe(2);
    expect(noManifest.stderr).toMatch(/no manifest\.json; run `cdk synth` first/);
    const missing = await bulkheadCheck('--assembly', path.join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such directory/);
  });

  it('refuses a corrupt manifest with one line', async () => {
    const bad = fs.mkdtempSync(path.join(dir, 'bad-'));
    fs.writeFileSync(path.join(bad, 'manifest.json'), '{"version": ');
    const run = await bulkheadCheck('--assembly', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bulkhead check: --assembly .*: not a readable cloud assembly: [^\n]+\n$/);
  });
});

describe("--assembly: aws-cdk-lib's deploy-time handlers are judged as in synth", () => {
  let outdir: string;
  let stack: Stack;
  beforeAll(() => {
    outdir = path.join(dir, 'cdk-handlers.out');
    const app = new App({ outdir });
    stack = new Stack(new Stage(app, 'prod', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Uploads');
    const bucket = new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, enforceSSL: true });
    bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SnsDestination(new sns.Topic(stack, 'Uploaded', { enforceSSL: true })),
    );
    app.synth();
  });

  it("the library's acknowledgements on them hold in the CLI too: the same Bulkhead findings as the pack in the app", async () => {
    const report = JSON.parse((await bulkheadCheck('--assembly', outdir, '--packs', 'bulkhead', '--format', 'json')).stdout);
    const handlers = /^(BucketNotificationsHandler|CustomS3AutoDeleteObjects)/;
    const cli = report.findings.filter((f: any) => handlers.test(f.resource)).map((f: any) => `${f.rule} ${f.resource}`);
    const inApp = new BulkheadChecks()
      .findingsFor(stack)
      .filter((f) => handlers.test(f.logicalId))
      .map((f) => `${f.ruleId} ${f.logicalId}`);
    expect(cli.sort()).toEqual(inApp.sort());
    expect(cli).not.toContainEqual(expect.stringMatching(/^Bulkhead-AsyncFailureHandling /));
  });
});
