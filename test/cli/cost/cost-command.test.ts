import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, NestedStack, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as cr from 'aws-cdk-lib/custom-resources';
import { WorstCaseCost } from '../../../lib/billing';
import { SecureFunction } from '../../../lib/function';
import { IsolatedStages } from '../../../lib/stages';
import { main } from '../../../lib/cli/main';
import { RecordingIo } from '../check/recording-io';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bulkhead cost ...` through the real dispatcher, so UsageErrors become exit 2 exactly as for users. */
async function bulkheadCost(...args: string[]): Promise<Run> {
  const io = new RecordingIo();
  const code = await main(['cost', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const ENV = { account: '111111111111', region: 'eu-west-1' };

function fn(stack: Stack, id: string, properties: { [key: string]: any }): void {
  new CfnResource(stack, id, {
    type: 'AWS::Lambda::Function',
    properties: {
      Role: 'arn:aws:iam::111111111111:role/r',
      Code: { ZipFile: 'x' },
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      ...properties,
    },
  });
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cost-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('an app with stages', () => {
  let outdir: string;
  let app: App;
  let dev: Stage;
  let prod: Stage;
  let shared: Stack;

  beforeAll(() => {
    outdir = path.join(root, 'staged');
    app = new App({ outdir });
    shared = new Stack(app, 'Shared', { env: ENV });
    fn(shared, 'SharedFn', { ReservedConcurrentExecutions: 1 });
    dev = new Stage(app, 'payments-dev', { env: ENV });
    fn(new Stack(dev, 'Service'), 'Charge', { ReservedConcurrentExecutions: 2 });
    prod = new Stage(app, 'payments-prod', { env: { ...ENV, account: '333333333333' } });
    const service = new Stack(prod, 'Service');
    fn(service, 'Charge', { ReservedConcurrentExecutions: 10, MemorySize: 512 });
    fn(service, 'Legacy', {});
    fn(new NestedStack(service, 'Jobs'), 'NightlyJob', { ReservedConcurrentExecutions: 3 });
    fn(new Stack(new Stage(prod, 'Inner'), 'Edge'), 'EdgeFn', { ReservedConcurrentExecutions: 4 });
    app.synth();
  });

  test('text: one table and total per stage; stacks outside stages form (app); nested stages and stacks count in their stage', async () => {
    const r = await bulkheadCost('--assembly', outdir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const sections = r.stdout.split(/\n(?=Stage )/);
    const section = (id: string) => sections.find((s) => s.startsWith(`Stage ${id} (`)) ?? '';
    expect(section('(app)')).toMatch(/SharedFn/);
    // Compute 10.95, requests 105.12 (2 environments, one invocation per 10 ms), no provisioned concurrency, no keys or alarms.
    expect(section('payments-dev')).toMatch(
      /payments-dev\/Service\/Charge\s+2\s+2\s+128\s+x86_64\s+10\.95\s+105\.12\s+0\.00\s+0\.00\s+116\.07\nTOTAL \(1 function\)\s+116\.07\nno budget/,
    );
    const prodText = section('payments-prod');
    expect(prodText).toMatch(/^Stage payments-prod \(2 stacks\)\nFUNCTION\s+RESERVED/);
    for (const id of ['Charge', 'Legacy', 'NightlyJob', 'EdgeFn']) expect(prodText).toContain(id);
    expect(prodText).toMatch(/Legacy\s+-\s+1000\s+128\s+x86_64\s+5,475\.01\s+52,560\.00\s+0\.00\s+0\.00\s+58,035\.01\*/);
    expect(section('payments-prod/Inner')).toMatch(/EdgeFn[\s\S]*TOTAL \(1 function\)/);
  });

  test('json: the totals are exactly WorstCaseCost.of each stage (one computation over templates and constructs)', async () => {
    const r = await bulkheadCost('--assembly', outdir, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(['accountConcurrencyLimit', 'budgetUsd', 'minimumDurationMs', 'schemaVersion', 'stages']);
    expect(report.schemaVersion).toBe(1);
    expect(report.budgetUsd).toBeNull();
    const byStage = new Map<string, any>(report.stages.map((s: any) => [s.stage, s]));
    expect([...byStage.keys()]).toEqual(['(app)', 'payments-dev', 'payments-prod', 'payments-prod/Inner']);
    const scopes: Array<[string, Stack | Stage]> = [
      ['(app)', shared],
      ['payments-dev', dev],
      ['payments-prod', prod],
    ];
    for (const [id, scope] of scopes) {
      const expected = WorstCaseCost.of(scope);
      expect(byStage.get(id).totalMonthlyUsd).toBe(Math.round(expected.totalMonthlyUsd * 100) / 100);
      expect(byStage.get(id).functions.map((f: any) => f.logicalId)).toEqual(expected.functions.map((f) => f.logicalId));
    }
    const legacy = byStage.get('payments-prod').functions.find((f: any) => f.logicalId === 'Legacy');
    expect(legacy).toMatchObject({ concurrencyUsed: 1000, memoryMb: 128, architecture: 'x86_64', bounded: false });
    // No budget anywhere: no verdict, rather than a reassuring false.
    expect(byStage.get('payments-prod').overBudget).toBeNull();
    expect(byStage.get('payments-prod').monthlyBudgetUsd).toBeNull();
  });

  test('--budget: exit 1 naming every stage over it; exit 0 when all are within', async () => {
    const over = await bulkheadCost('--assembly', outdir, '--budget', '300');
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/OVER BUDGET: 59,\d{3}\.\d\d USD > 300\.00 USD \(--budget\)/);
    expect(over.stdout).toMatch(/payments-dev[\s\S]*within budget: 116\.07 USD <= 300\.00 USD \(--budget\)/);
    expect(over.stderr).toMatch(/^bulkhead cost: 1 stage over budget: payments-prod \(59,\d{3}\.\d\d USD > 300\.00 USD\)\n$/);

    const json = JSON.parse((await bulkheadCost('--assembly', outdir, '--budget', '300', '--format', 'json')).stdout);
    expect(json.budgetUsd).toBe(300);
    expect(json.stages.filter((s: any) => s.overBudget).map((s: any) => s.stage)).toEqual(['payments-prod']);

    expect((await bulkheadCost('--assembly', outdir, '--budget', '100000')).code).toBe(0);
  });

  test('--account-concurrency changes what an unreserved function counts', async () => {
    const r = JSON.parse((await bulkheadCost('--assembly', outdir, '--format', 'json', '--account-concurrency', '10')).stdout);
    const legacy = r.stages.find((s: any) => s.stage === 'payments-prod').functions.find((f: any) => f.logicalId === 'Legacy');
    expect(legacy.concurrencyUsed).toBe(10);
    expect(r.accountConcurrencyLimit).toBe(10);
    expect((await bulkheadCost('--assembly', outdir, '--budget', '2000', '--account-concurrency', '10')).code).toBe(0);
    // 10 x 512 MB, then 17 environments of 128 MB: about 1,731 USD, over 1,700 with the smaller limit too.
    expect((await bulkheadCost('--assembly', outdir, '--budget', '1700', '--account-concurrency', '10')).code).toBe(1);
  });
});

test('a flat app is one group', async () => {
  const outdir = path.join(root, 'flat');
  const app = new App({ outdir });
  fn(new Stack(app, 'A', { env: ENV }), 'F1', { ReservedConcurrentExecutions: 1 });
  fn(new Stack(app, 'B', { env: ENV }), 'F2', { ReservedConcurrentExecutions: 1 });
  app.synth();
  const r = JSON.parse((await bulkheadCost('--assembly', outdir, '--format', 'json')).stdout);
  expect(r.stages.map((s: any) => [s.stage, s.stacks.length, s.functions.length])).toEqual([['(app)', 2, 2]]);
});

describe('unusable input or options: exit 2, one line', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = path.join(root, 'small');
    const app = new App({ outdir });
    fn(new Stack(app, 'A', { env: ENV }), 'F', { ReservedConcurrentExecutions: 1 });
    app.synth();
  });

  async function refused(args: string[], message: RegExp): Promise<void> {
    const r = await bulkheadCost(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bulkhead cost: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
  }

  test('a missing assembly directory', () => refused(['--assembly', path.join(root, 'nope')], /--assembly .*nope: no such directory/));
  test('the default cdk.out when there is none', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      await refused([], /--assembly cdk\.out: no such directory; run `cdk synth` first/);
    } finally {
      process.chdir(cwd);
    }
  });
  test('a directory without manifest.json', () => {
    const empty = fs.mkdtempSync(path.join(root, 'empty-'));
    return refused(['--assembly', empty], /no manifest\.json/);
  });
  test('a file instead of a directory', () => {
    const file = path.join(root, 'file.txt');
    fs.writeFileSync(file, 'x');
    return refused(['--assembly', file], /not a directory/);
  });
  test('a corrupt manifest', () => {
    const dir = fs.mkdtempSync(path.join(root, 'corrupt-'));
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    return refused(['--assembly', dir], /not a readable cloud assembly/);
  });
  test('an assembly without stacks', () => {
    const dir = path.join(root, 'nostacks');
    new App({ outdir: dir }).synth();
    return refused(['--assembly', dir], /the assembly has no stacks/);
  });
  test.each([['abc'], ['0'], ['-5'], ['1e3'], [''], ['Infinity']])('--budget=%p', (v) =>
    refused(['--assembly', outdir, `--budget=${v}`], /--budget must be a number of USD per month above 0/),
  );
  test('--budget followed by a negative number is still one line', () => refused(['--assembly', outdir, '--budget', '-5'], /--budget/));
  test.each([['0'], ['1.5'], ['many']])('--account-concurrency %p', (v) =>
    refused(['--assembly', outdir, '--account-concurrency', v], /--account-concurrency must be a whole number/),
  );
  test('--format sarif', () => refused(['--assembly', outdir, '--format', 'sarif'], /--format must be one of text, json, got 'sarif'/));
  test('an unknown option', () => refused(['--assembly', outdir, '--bugdet', '5'], /Unknown option '--bugdet'/));
  test('a positional argument', () => refused([outdir], /Unexpected argument/));
});

test('--help: exit 0 with the options', async () => {
  const r = await bulkheadCost('--help');
  expect(r.code).toBe(0);
  for (const option of ['--assembly', '--format', '--budget', '--account-concurrency']) expect(r.stdout).toContain(option);
  expect(r.stdout).toMatch(/Exit codes: 0 .* 1 .* 2 /);
});

describe('budgets recorded by the stages themselves', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = path.join(root, 'budgets');
    const app = new App({ outdir });
    const stages = new IsolatedStages(app, {
      service: 'shop',
      stages: [
        { name: 'dev', account: '111111111111', region: 'eu-west-1' },
        { name: 'prod', account: '333333333333', region: 'eu-west-1', monthlyBudgetUsd: 700 },
      ],
    });
    for (const stage of stages.stages) {
      new SecureFunction(new Stack(stage, 'Service'), 'Charge', {
        code: lambda.Code.fromInline('exports.handler = async () => 1;'),
        handler: 'index.handler',
      }).grantInvoke(new iam.AccountRootPrincipal());
    }
    app.synth();
  });

  test('json: each stage its own monthlyBudgetUsd and verdict; null where there is none; money in cents', async () => {
    const r = await bulkheadCost('--assembly', outdir, '--format', 'json');
    expect(r.code).toBe(0);
    const byStage = new Map<string, any>(JSON.parse(r.stdout).stages.map((s: any) => [s.stage, s]));
    expect(byStage.get('shop-prod')).toMatchObject({ monthlyBudgetUsd: 700, overBudget: false });
    expect(byStage.get('shop-dev')).toMatchObject({ monthlyBudgetUsd: null, overBudget: null });
    const usdValues = [...byStage.values()].flatMap((s) => [
      s.totalMonthlyUsd,
      s.fixedMonthlyUsd,
      ...s.functions.flatMap((f: any) =>
        Object.entries(f)
          .filter(([k]) => k.endsWith('Usd'))
          .map(([, v]) => v),
      ),
    ]);
    for (const v of usdValues) expect(Math.round((v as number) * 100) / 100).toBe(v);
    // The SecureFunction's own key and alarms are fixed costs of its stage.
    expect(byStage.get('shop-prod').fixedMonthlyUsd).toBeGreaterThanOrEqual(1.5);
  });

  test("--budget overrides the stages' own; the text says which budget applies", async () => {
    const text = await bulkheadCost('--assembly', outdir);
    expect(text.stdout).toMatch(/Stage shop-prod[\s\S]*within budget: [\d.]+ USD <= 700\.00 USD \(the stage's monthlyBudgetUsd\)/);
    expect(text.stdout).toMatch(/Stage shop-dev[\s\S]*no budget/);
    const r = await bulkheadCost('--assembly', outdir, '--format', 'json', '--budget', '10');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).stages.every((s: any) => s.overBudget === true)).toBe(true);
  });
});

describe("aws-cdk-lib's deploy-time handlers: left out by `cost --assembly` as by WorstCaseCost.of", () => {
  // A real synthesized assembly: a team function, an S3 notification to it, autoDeleteObjects and a Provider's framework.
  let outdir: string;
  let stage: Stage;
  let stack: Stack;
  beforeAll(() => {
    outdir = path.join(root, 'cdk-handlers');
    // The cdk CLI writes aws:cdk:path into templates; an in-process synth does not: the assembly's own metadata serves.
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': false } });
    stage = new Stage(app, 'uploads-prod', { env: ENV });
    stack = new Stack(stage, 'Service');
    const team = new lambda.Function(stack, 'Thumbnail', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      reservedConcurrentExecutions: 2,
    });
    const bucket = new s3.Bucket(stack, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(team));
    new cr.Provider(stack, 'Seeder', { onEventHandler: team });
    app.synth();
  });

  test('only the team function is counted, exactly as WorstCaseCost.of counts the stage', async () => {
    const r = JSON.parse((await bulkheadCost('--assembly', outdir, '--format', 'json')).stdout);
    const listed = r.stages.find((s: any) => s.stage === 'uploads-prod');
    const expected = WorstCaseCost.of(stage);
    expect(listed.functions.map((f: any) => f.logicalId)).toEqual([
      stack.getLogicalId(stack.node.findChild('Thumbnail').node.defaultChild as CfnResource),
    ]);
    expect(listed.functions.map((f: any) => f.logicalId)).toEqual(expected.functions.map((f) => f.logicalId));
    expect(listed.totalMonthlyUsd).toBe(Math.round(expected.totalMonthlyUsd * 100) / 100);
  });

  test('a template read alone (aws:cdk:path, as the cdk CLI writes it) leaves them out too', () => {
    const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
    const alone = new Stack(app, 'Alone', { env: ENV });
    const bucket = new s3.Bucket(alone, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    const team = new lambda.Function(alone, 'Thumbnail', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      reservedConcurrentExecutions: 2,
    });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(team));
    new cr.Provider(alone, 'Seeder', { onEventHandler: team });
    const template = app.synth().getStackByName('Alone').template;
    const functions = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(4);
    expect(WorstCaseCost.ofTemplate(template).functions.map((f) => f.path)).toEqual(['Alone/Thumbnail/Resource']);
  });
});
