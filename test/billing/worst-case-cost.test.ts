import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  CfnCondition,
  CfnParameter,
  CfnResource,
  CustomResourceProvider,
  CustomResourceProviderRuntime,
  Duration,
  Fn,
  NestedStack,
  RemovalPolicy,
  Stack,
  Stage,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';
import { WorstCaseCost, WorstCaseCostReport } from '../../lib/billing';
import { LambdaPriceTable } from '../../lib/core';
import { SecureFunction } from '../../lib/function';

const ENV = { account: '111111111111', region: 'eu-west-1' };
/** Seconds in the 730-hour month AWS pricing pages count. */
const MONTH_S = 730 * 3600;
const X86 = 0.0000166667;
const ARM = 0.0000133334;
const REQUEST = 0.0000002;

function newStack(scope: App | Stage = new App(), id = 'Svc'): Stack {
  return new Stack(scope, id, { env: ENV });
}

function fn(stack: Stack, id: string, extra: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    ...extra,
  });
}

/** A raw AWS::Lambda::Function with the given properties, as a template would hold it. */
function raw(stack: Stack, id: string, properties: { [key: string]: any }): CfnResource {
  return new CfnResource(stack, id, {
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

function byLogicalId(report: WorstCaseCostReport, id: string) {
  const found = report.functions.find((f) => f.logicalId === id);
  if (!found) throw new Error(`${id} not in report: ${report.functions.map((f) => f.logicalId).join(', ')}`);
  return found;
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded, expected the budget to fail it');
}

describe('the figure of one function', () => {
  test('reserved concurrency x memory GB x 730 h x 3600 s x the price of its architecture', () => {
    const stack = newStack();
    fn(stack, 'Big', { reservedConcurrentExecutions: 10, memorySize: 1024 });
    fn(stack, 'Arm', {
      reservedConcurrentExecutions: 4,
      memorySize: 2048,
      architecture: lambda.Architecture.ARM_64,
      functionName: 'svc-arm',
    });
    const report = WorstCaseCost.of(stack);
    const big = byLogicalId(report, stack.getLogicalId(stack.node.findChild('Big').node.defaultChild as CfnResource));
    expect(big).toMatchObject({
      path: 'Svc/Big/Resource',
      reservedConcurrency: 10,
      concurrencyUsed: 10,
      memoryMb: 1024,
      architecture: 'x86_64',
      bounded: true,
    });
    expect(big.functionName).toBeUndefined();
    expect(big.computeMonthlyUsd).toBeCloseTo(10 * 1 * MONTH_S * X86, 6);
    expect(big.computeMonthlyUsd).toBeCloseTo(438.0, 1);
    const arm = report.functions.find((f) => f.functionName === 'svc-arm')!;
    expect(arm).toMatchObject({ concurrencyUsed: 4, memoryMb: 2048, architecture: 'arm64', bounded: true });
    expect(arm.computeMonthlyUsd).toBeCloseTo(4 * 2 * MONTH_S * ARM, 6);
  });

  test('no reserved concurrency: counted at the account limit (default 1000), 128 MB, x86_64, and marked unbounded', () => {
    const stack = newStack();
    raw(stack, 'Bare', {});
    const f = byLogicalId(WorstCaseCost.of(stack), 'Bare');
    expect(f).toMatchObject({ concurrencyUsed: 1000, memoryMb: 128, architecture: 'x86_64', bounded: false });
    expect(f.reservedConcurrency).toBeUndefined();
    expect(f.computeMonthlyUsd).toBeCloseTo(1000 * 0.125 * MONTH_S * X86, 6);
    const small = byLogicalId(WorstCaseCost.of(stack, { accountConcurrencyLimit: 50 }), 'Bare');
    expect(small.concurrencyUsed).toBe(50);
    expect(small.computeMonthlyUsd).toBeCloseTo(50 * 0.125 * MONTH_S * X86, 6);
  });

  test('reserved concurrency 0 (the function is switched off) costs nothing and is bounded', () => {
    const stack = newStack();
    raw(stack, 'Off', { ReservedConcurrentExecutions: 0, MemorySize: 3008 });
    expect(byLogicalId(WorstCaseCost.of(stack), 'Off')).toMatchObject({
      reservedConcurrency: 0,
      concurrencyUsed: 0,
      monthlyUsd: 0,
      bounded: true,
    });
  });

  test('numbers written as strings (as YAML templates often hold them) count as numbers', () => {
    const stack = newStack();
    raw(stack, 'Str', { ReservedConcurrentExecutions: '3', MemorySize: '512' });
    expect(byLogicalId(WorstCaseCost.of(stack), 'Str')).toMatchObject({ concurrencyUsed: 3, memoryMb: 512, bounded: true });
  });

  test('a price table of your own changes the figure', () => {
    const stack = newStack();
    raw(stack, 'F', { ReservedConcurrentExecutions: 2, MemorySize: 1024, Architectures: ['arm64'] });
    const priceTable = new LambdaPriceTable({ arm64PerGbSecond: 0.0001 });
    expect(byLogicalId(WorstCaseCost.of(stack, { priceTable }), 'F').computeMonthlyUsd).toBeCloseTo(2 * MONTH_S * 0.0001, 6);
  });
});

describe('values left to deploy time are counted pessimistically', () => {
  let stack: Stack;
  let report: WorstCaseCostReport;
  beforeAll(() => {
    stack = newStack();
    const open = new CfnParameter(stack, 'OpenMemory', { type: 'Number' });
    const allowed = new CfnParameter(stack, 'AllowedMemory', { type: 'Number', allowedValues: ['128', '1024', '512'] });
    const max = new CfnParameter(stack, 'MaxConcurrency', { type: 'Number', maxValue: 40 });
    const arch = new CfnParameter(stack, 'Arch', { type: 'CommaDelimitedList' });
    const prod = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('prod', 'prod') });
    raw(stack, 'OpenMem', { ReservedConcurrentExecutions: 2, MemorySize: open.valueAsNumber });
    raw(stack, 'AllowedMem', { ReservedConcurrentExecutions: 2, MemorySize: allowed.valueAsNumber });
    raw(stack, 'MaxConc', { ReservedConcurrentExecutions: max.valueAsNumber, MemorySize: 128 });
    raw(stack, 'IfMem', { ReservedConcurrentExecutions: 2, MemorySize: Fn.conditionIf(prod.logicalId, 512, 256) });
    raw(stack, 'IfNoValue', { ReservedConcurrentExecutions: Fn.conditionIf(prod.logicalId, 5, Fn.ref('AWS::NoValue')), MemorySize: 128 });
    raw(stack, 'Imported', { ReservedConcurrentExecutions: Fn.importValue('shared-concurrency'), MemorySize: 128 });
    raw(stack, 'OpenArch', { ReservedConcurrentExecutions: 1, MemorySize: 1024, Architectures: arch.valueAsList });
    report = WorstCaseCost.of(stack, { accountConcurrencyLimit: 200 });
  });

  test("a memory size from a parameter without bounds counts as Lambda's maximum, 10240 MB, unbounded", () => {
    expect(byLogicalId(report, 'OpenMem')).toMatchObject({ memoryMb: 10240, concurrencyUsed: 2, bounded: false });
  });

  test('a parameter with AllowedValues counts at its largest value, and that is a bound', () => {
    expect(byLogicalId(report, 'AllowedMem')).toMatchObject({ memoryMb: 1024, bounded: true });
  });

  test('a parameter with MaxValue counts at it, and that is a bound', () => {
    expect(byLogicalId(report, 'MaxConc')).toMatchObject({ reservedConcurrency: 40, concurrencyUsed: 40, bounded: true });
  });

  test('Fn::If counts its costlier branch', () => {
    expect(byLogicalId(report, 'IfMem')).toMatchObject({ memoryMb: 512, bounded: true });
  });

  test('Fn::If with an AWS::NoValue branch may leave the function unreserved: the account limit', () => {
    expect(byLogicalId(report, 'IfNoValue')).toMatchObject({ concurrencyUsed: 200, bounded: false });
    expect(byLogicalId(report, 'IfNoValue').reservedConcurrency).toBeUndefined();
  });

  test('a concurrency imported from another stack counts at the account limit, unbounded', () => {
    expect(byLogicalId(report, 'Imported')).toMatchObject({ concurrencyUsed: 200, bounded: false });
  });

  test('a parameter outside the scope still bounds a function inside it', () => {
    const outer = newStack();
    const mem = new CfnParameter(outer, 'SizeParam', { type: 'Number', allowedValues: ['256'] });
    const group = new Construct(outer, 'Group');
    new CfnResource(group, 'InGroup', {
      type: 'AWS::Lambda::Function',
      properties: { ReservedConcurrentExecutions: 1, MemorySize: mem.valueAsNumber },
    });
    expect(WorstCaseCost.of(group).functions[0]).toMatchObject({ memoryMb: 256, bounded: true });
  });

  test('an architecture left open costs as the dearer one of the price table', () => {
    expect(byLogicalId(report, 'OpenArch')).toMatchObject({ architecture: 'x86_64', bounded: false });
    const dearArm = WorstCaseCost.of(stack, { priceTable: new LambdaPriceTable({ arm64PerGbSecond: 1 }) });
    expect(byLogicalId(dearArm, 'OpenArch')).toMatchObject({ architecture: 'arm64', computeMonthlyUsd: 1 * 1 * MONTH_S * 1 });
  });
});

describe('what counts as a function of the scope', () => {
  test("L2 functions, raw CfnResources of CDK custom-resource providers, SecureFunctions and CfnInclude'd templates alike", () => {
    const stack = newStack();
    fn(stack, 'L2', { reservedConcurrentExecutions: 2 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-provider-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});');
    CustomResourceProvider.getOrCreateProvider(stack, 'Custom::Thing', {
      codeDirectory: dir,
      runtime: CustomResourceProviderRuntime.NODEJS_22_X,
    });
    const secure = new SecureFunction(stack, 'Secure', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
    });
    secure.grantInvoke(new iam.AccountRootPrincipal());
    const templateFile = path.join(dir, 'legacy.json');
    fs.writeFileSync(
      templateFile,
      JSON.stringify({
        Resources: {
          LegacyFn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Role: 'arn:aws:iam::111111111111:role/r',
              Code: { ZipFile: 'x' },
              Handler: 'i.h',
              Runtime: 'nodejs22.x',
              MemorySize: 256,
              ReservedConcurrentExecutions: 7,
            },
          },
        },
      }),
    );
    new CfnInclude(stack, 'Legacy', { templateFile });

    const report = WorstCaseCost.of(stack);
    const provider = report.functions.find((f) => f.path.includes('Custom::Thing'));
    // The provider function is a raw CfnResource with no reserved concurrency: the account limit.
    expect(provider).toMatchObject({ concurrencyUsed: 1000, bounded: false });
    const sec = report.functions.find((f) => f.path === 'Svc/Secure/Resource')!;
    expect(sec).toMatchObject({
      concurrencyUsed: secure.reservedConcurrency,
      memoryMb: secure.memoryMb,
      architecture: secure.architecture.name,
      bounded: true,
    });
    expect(sec.computeMonthlyUsd).toBeCloseTo(
      LambdaPriceTable.DEFAULT.worstCaseMonthlyUsd(secure.reservedConcurrency, secure.memoryMb, secure.architecture.name),
      9,
    );
    expect(byLogicalId(report, 'LegacyFn')).toMatchObject({
      path: 'Svc/Legacy/LegacyFn',
      concurrencyUsed: 7,
      memoryMb: 256,
      bounded: true,
    });
    expect(report.functions.some((f) => f.path === 'Svc/L2/Resource')).toBe(true);
    // Every AWS::Lambda::Function in the template, and nothing else.
    const inTemplate = Object.keys(Template.fromStack(stack).findResources('AWS::Lambda::Function')).sort();
    expect(report.functions.map((f) => f.logicalId).sort()).toEqual(inTemplate);
  });

  test('functions in nested stages and nested stacks belong to every scope above them', () => {
    const app = new App();
    const outer = new Stage(app, 'Outer', { env: ENV });
    const inner = new Stage(outer, 'Inner');
    raw(newStack(outer, 'A'), 'FnA', { ReservedConcurrentExecutions: 1 });
    const b = newStack(inner, 'B');
    raw(b, 'FnB', { ReservedConcurrentExecutions: 2 });
    raw(new NestedStack(b, 'Nested'), 'FnC', { ReservedConcurrentExecutions: 3 });
    raw(newStack(app, 'Elsewhere'), 'FnD', { ReservedConcurrentExecutions: 4 });

    const ids = (r: WorstCaseCostReport) => r.functions.map((f) => f.logicalId).sort();
    expect(ids(WorstCaseCost.of(outer))).toEqual(['FnA', 'FnB', 'FnC']);
    expect(ids(WorstCaseCost.of(inner))).toEqual(['FnB', 'FnC']);
    expect(ids(WorstCaseCost.of(app))).toEqual(['FnA', 'FnB', 'FnC', 'FnD']);
  });

  test('the report is sorted by monthlyUsd, costliest first, and the total is the sum', () => {
    const stack = newStack();
    raw(stack, 'Small', { ReservedConcurrentExecutions: 1 });
    raw(stack, 'Large', { ReservedConcurrentExecutions: 100 });
    raw(stack, 'Mid', { ReservedConcurrentExecutions: 10 });
    const report = WorstCaseCost.of(stack);
    expect(report.functions.map((f) => f.logicalId)).toEqual(['Large', 'Mid', 'Small']);
    expect(report.totalMonthlyUsd).toBeCloseTo(111 * (0.125 * MONTH_S * X86 + MONTH_S * 100 * REQUEST), 6);
  });

  test('a scope without functions costs 0', () => {
    expect(WorstCaseCost.of(newStack())).toEqual({ functions: [], otherFixedMonthlyUsd: 0, fixedMonthlyUsd: 0, totalMonthlyUsd: 0 });
  });
});

describe('ofTemplate: the same computation over a plain template', () => {
  test("gives the construct tree's figures for the synthesized template", () => {
    const stack = newStack();
    const mem = new CfnParameter(stack, 'Mem', { type: 'Number', allowedValues: ['256', '2048'] });
    fn(stack, 'A', { reservedConcurrentExecutions: 3, memorySize: 512, architecture: lambda.Architecture.ARM_64 });
    raw(stack, 'B', { MemorySize: mem.valueAsNumber });
    raw(stack, 'C', { ReservedConcurrentExecutions: Fn.importValue('x') });
    const fromTree = WorstCaseCost.of(stack, { accountConcurrencyLimit: 300 });
    const fromJson = WorstCaseCost.ofTemplate(Template.fromStack(stack).toJSON(), { accountConcurrencyLimit: 300 }, 'Svc');
    const strip = (r: WorstCaseCostReport) => r.functions.map(({ path: _p, ...rest }) => rest);
    expect(strip(fromJson)).toEqual(strip(fromTree));
    expect(fromJson.totalMonthlyUsd).toBeCloseTo(fromTree.totalMonthlyUsd, 9);
    expect(fromJson.functions.map((f) => f.path).sort()).toEqual(fromTree.functions.map((f) => `Svc/${f.logicalId}`).sort());
  });

  test('uses aws:cdk:path metadata for paths when the template has it', () => {
    const report = WorstCaseCost.ofTemplate({
      Resources: {
        F: {
          Type: 'AWS::Lambda::Function',
          Properties: { ReservedConcurrentExecutions: 1 },
          Metadata: { 'aws:cdk:path': 'App/Svc/F/Resource' },
        },
        Q: { Type: 'AWS::SQS::Queue' },
      },
    });
    expect(report.functions.map((f) => f.path)).toEqual(['App/Svc/F/Resource']);
  });
});

describe('option validation', () => {
  test.each([0, -1, 1.5, NaN])('accountConcurrencyLimit %p is refused, naming the prop, the value and the fix', (limit) => {
    const stack = newStack();
    expect(() => WorstCaseCost.of(stack, { accountConcurrencyLimit: limit })).toThrow(
      new RegExp(`Svc: accountConcurrencyLimit is ${String(limit)}; allowed: a whole number .* at least 1\\. Fix: .*quota`),
    );
    expect(() => WorstCaseCost.enforce(stack, { monthlyBudgetUsd: 10, accountConcurrencyLimit: limit })).toThrow(/accountConcurrencyLimit/);
    expect(() => WorstCaseCost.ofTemplate({}, { accountConcurrencyLimit: limit })).toThrow(/WorstCaseCost: accountConcurrencyLimit/);
  });

  test.each([0, -5, NaN, Infinity])('monthlyBudgetUsd %p is refused when enforce is called', (budget) => {
    const stack = newStack();
    expect(() => WorstCaseCost.enforce(stack, { monthlyBudgetUsd: budget })).toThrow(
      /Svc: monthlyBudgetUsd is .*; allowed: a finite number of USD per month above 0\. Fix: set monthlyBudgetUsd/,
    );
  });
});

describe('enforce', () => {
  function overBudgetApp(): { app: App; stage: Stage } {
    const app = new App();
    const stage = new Stage(app, 'payments-prod', { env: ENV });
    const stack = newStack(stage, 'Service');
    raw(stack, 'Unreserved', { MemorySize: 1024 });
    raw(stack, 'Reserved', { ReservedConcurrentExecutions: 10, MemorySize: 512 });
    raw(stack, 'Third', { ReservedConcurrentExecutions: 2 });
    raw(stack, 'Fourth', { ReservedConcurrentExecutions: 1 });
    WorstCaseCost.enforce(stage, { monthlyBudgetUsd: 100 });
    return { app, stage };
  }

  test('over budget: synth fails naming the scope, monthlyBudgetUsd, the budget, the worst case, the top 3 and the fix', () => {
    const { app, stage } = overBudgetApp();
    const total = WorstCaseCost.of(stage).totalMonthlyUsd;
    const message = synthError(app);
    expect(message).toContain(
      'payments-prod: monthlyBudgetUsd is 100; allowed: at least the worst-case monthly cost of payments-prod (Lambda compute, requests and provisioned concurrency, keys and alarms)',
    );
    expect(message).toContain(`${total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`);
    expect(message).toMatch(
      /payments-prod\/Service\/Unreserved 96,360\.\d\d USD \(1000 \(the account limit[^)]*\) x 1024 MB x86_64, not bounded by the template: compute 43,800\.\d\d, requests 52,560\.00 at one per 10 ms, fixed 0\.00\)/,
    );
    expect(message).toMatch(
      /payments-prod\/Service\/Reserved 744\.60 USD \(10 reserved x 512 MB x86_64: compute 219\.00, requests 525\.60 at one per 10 ms, fixed 0\.00\)/,
    );
    expect(message).toContain('payments-prod/Service/Third');
    expect(message).not.toContain('payments-prod/Service/Fourth');
    expect(message).toContain('and 1 more');
    expect(message).toMatch(/Fix: lower reservedConcurrentExecutions or memorySize .* or raise monthlyBudgetUsd to at least \d+/);
    expect(message.match(/monthlyBudgetUsd is/g)).toHaveLength(1);
  });

  test('within budget synthesizes; functions added after enforce count', () => {
    const app = new App();
    const stack = newStack(app);
    WorstCaseCost.enforce(stack, { monthlyBudgetUsd: 60 });
    raw(stack, 'Small', { ReservedConcurrentExecutions: 1 });
    expect(() => app.synth()).not.toThrow();

    const app2 = new App();
    const stack2 = newStack(app2);
    WorstCaseCost.enforce(stack2, { monthlyBudgetUsd: 60 });
    raw(stack2, 'Small', { ReservedConcurrentExecutions: 1 });
    raw(stack2, 'Late', { ReservedConcurrentExecutions: 100 });
    expect(synthError(app2)).toMatch(/Svc: monthlyBudgetUsd is 60;[\s\S]*Svc\/Late/);
  });

  test('the budget follows the account limit option', () => {
    const app = new App();
    const stack = newStack(app);
    raw(stack, 'Bare', {});
    // 5 x 128 MB x86 is about 27 USD of compute and 263 USD of requests; 1000 environments about 58,000 USD.
    WorstCaseCost.enforce(stack, { monthlyBudgetUsd: 300, accountConcurrencyLimit: 5 });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('formatTable', () => {
  test('a fixed-width table, costliest first, with a total line and a mark on unbounded figures', () => {
    const stack = newStack();
    raw(stack, 'Bare', {});
    raw(stack, 'Small', { ReservedConcurrentExecutions: 2, MemorySize: 256, Architectures: ['arm64'] });
    const table = WorstCaseCost.formatTable(WorstCaseCost.of(stack));
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^FUNCTION\s+RESERVED\s+CONCURRENCY\s+MEMORY MB\s+ARCH\s+COMPUTE\s+REQUESTS\s+PROVISIONED\s+FIXED\s+USD\/MONTH$/,
    );
    expect(lines[1]).toMatch(/^Svc\/Bare\s+-\s+1000\s+128\s+x86_64\s+5,475\.01\s+52,560\.00\s+0\.00\s+0\.00\s+58,035\.01\*$/);
    expect(lines[2]).toMatch(/^Svc\/Small\s+2\s+2\s+256\s+arm64\s+17\.52\s+105\.12\s+0\.00\s+0\.00\s+122\.64$/);
    expect(lines[3]).toMatch(/^TOTAL \(2 functions\)\s+58,157\.65$/);
    expect(lines[4]).toMatch(/^\* not bounded by the template/);
    // Columns line up: the USD column ends at the same place on every row and on the total line (the mark sits after it).
    expect(new Set(lines.slice(0, 4).map((l) => l.replace(/\*$/, '').length)).size).toBe(1);
    expect(lines[1].indexOf('1000') + 4).toBe(lines[0].indexOf('CONCURRENCY') + 'CONCURRENCY'.length);
  });

  test('no footnote when every figure is bounded; an empty report still has its total', () => {
    const stack = newStack();
    raw(stack, 'Small', { ReservedConcurrentExecutions: 1 });
    expect(WorstCaseCost.formatTable(WorstCaseCost.of(stack))).not.toContain('not bounded');
    expect(WorstCaseCost.formatTable({ functions: [], otherFixedMonthlyUsd: 0, fixedMonthlyUsd: 0, totalMonthlyUsd: 0 })).toMatch(
      /TOTAL \(0 functions\)\s+0\.00\n$/,
    );
  });
});

describe('an upper bound: requests, provisioned concurrency and fixed monthly costs', () => {
  test('requests: each environment starting an invocation every 10 ms all month (the README function: 5 x 256 MB arm64)', () => {
    const stack = newStack();
    raw(stack, 'Readme', { ReservedConcurrentExecutions: 5, MemorySize: 256, Architectures: ['arm64'] });
    const f = byLogicalId(WorstCaseCost.of(stack), 'Readme');
    expect(f.minimumDurationMs).toBe(10);
    expect(f.computeMonthlyUsd).toBeCloseTo(43.8, 2);
    // 5 environments x 100 invocations/s x 2,628,000 s x 0.20 USD per million.
    expect(f.requestsMonthlyUsd).toBeCloseTo(262.8, 6);
    expect(f.monthlyUsd).toBeCloseTo(43.8 + 262.8, 2);
  });

  test('the minimum duration is overridable for the computation and per function, and read back from templates', () => {
    const stack = newStack();
    const slow = fn(stack, 'Slow', { reservedConcurrentExecutions: 5 });
    raw(stack, 'Fast', { ReservedConcurrentExecutions: 5 });
    WorstCaseCost.assumeMinimumDuration(slow, Duration.millis(200));
    const report = WorstCaseCost.of(stack, { minimumInvocationDuration: Duration.millis(1) });
    const slowId = stack.getLogicalId(slow.node.defaultChild as CfnResource);
    expect(byLogicalId(report, slowId)).toMatchObject({ minimumDurationMs: 200 });
    expect(byLogicalId(report, slowId).requestsMonthlyUsd).toBeCloseTo(5 * 5 * MONTH_S * REQUEST, 6);
    expect(byLogicalId(report, 'Fast').requestsMonthlyUsd).toBeCloseTo(5 * 1000 * MONTH_S * REQUEST, 6);
    const fromJson = WorstCaseCost.ofTemplate(Template.fromStack(stack).toJSON(), { minimumInvocationDuration: Duration.millis(1) });
    expect(byLogicalId(fromJson, slowId).minimumDurationMs).toBe(200);
  });

  test.each([Duration.millis(0), Duration.millis(0.5), Duration.minutes(16)])(
    'a minimum duration of %p is refused naming the prop, value, limit and fix',
    (d) => {
      const stack = newStack();
      const f = fn(stack, 'F');
      expect(() => WorstCaseCost.assumeMinimumDuration(f, d)).toThrow(
        /Svc\/F: duration is "[\d.]+ ms"; allowed: a whole number of milliseconds from 1 .* to 900000 .*\. Fix: pass e\.g\. Duration\.millis\(10\)/,
      );
      expect(() => WorstCaseCost.of(stack, { minimumInvocationDuration: d })).toThrow(/Svc: minimumInvocationDuration is/);
    },
  );

  test('provisioned concurrency on an alias costs its always-on charge, from the tree and from the template alike', () => {
    const stack = newStack();
    const f = fn(stack, 'Warm', { reservedConcurrentExecutions: 10, memorySize: 1024 });
    f.addAlias('live', { provisionedConcurrentExecutions: 4 });
    const tree = byLogicalId(WorstCaseCost.of(stack), stack.getLogicalId(f.node.defaultChild as CfnResource));
    expect(tree.provisionedConcurrency).toBe(4);
    expect(tree.provisionedMonthlyUsd).toBeCloseTo(4 * 1 * MONTH_S * 0.0000041667, 6);
    expect(tree.monthlyUsd).toBeCloseTo(tree.computeMonthlyUsd + tree.requestsMonthlyUsd + tree.provisionedMonthlyUsd, 9);
    const json = byLogicalId(WorstCaseCost.ofTemplate(Template.fromStack(stack).toJSON()), tree.logicalId);
    expect(json.provisionedMonthlyUsd).toBeCloseTo(tree.provisionedMonthlyUsd, 9);
  });

  test("fixed costs: a SecureFunction's own key and its alarm metrics; a shared key is split; keys nobody uses are the stage's", () => {
    const stack = newStack();
    const code = lambda.Code.fromInline('exports.handler = async () => 1;');
    const own = new SecureFunction(stack, 'Own', { code, handler: 'index.handler' });
    const shared = new kms.Key(stack, 'SharedKey', { enableKeyRotation: true });
    const a = new SecureFunction(stack, 'A', { code, handler: 'index.handler', encryptionKey: shared });
    new SecureFunction(stack, 'B', { code, handler: 'index.handler', encryptionKey: shared });
    new kms.Key(stack, 'Unused', { enableKeyRotation: true });
    const report = WorstCaseCost.of(stack);
    const idOf = (f: SecureFunction) => stack.getLogicalId(f.node.defaultChild as CfnResource);
    // Four alarms read five metrics (the cost alarm's math reads two): 0.50 USD; the key 1.00 USD.
    expect(byLogicalId(report, idOf(own)).fixedMonthlyUsd).toBeCloseTo(1.5, 9);
    expect(byLogicalId(report, idOf(a)).fixedMonthlyUsd).toBeCloseTo(0.5 + 0.5, 9);
    expect(report.otherFixedMonthlyUsd).toBeCloseTo(1, 9);
    expect(report.fixedMonthlyUsd).toBeCloseTo(1.5 + 1 + 1 + 1, 9);
    expect(report.totalMonthlyUsd).toBeCloseTo(report.functions.reduce((n, f) => n + f.monthlyUsd, 0) + 1, 9);
  });

  test("the cost alarm and the worst case agree in method: at full load the alarm's hourly estimate is the hourly worst case", () => {
    const stack = newStack();
    const f = new SecureFunction(stack, 'F', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
    });
    const alarm = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).find(
      (r: any) => r.Properties.Metrics,
    )! as any;
    const expression: string = alarm.Properties.Metrics.find((m: any) => m.Expression).Expression;
    const figure = byLogicalId(WorstCaseCost.of(stack), stack.getLogicalId(f.node.defaultChild as CfnResource));
    // One hour at the ceiling: every environment busy (Duration) and starting an invocation every minimum duration.
    const invocations = figure.concurrencyUsed * 3600 * (1000 / figure.minimumDurationMs);
    const durationMs = figure.concurrencyUsed * 3600 * 1000;
    expect(expression).toMatch(/^FILL\(inv, 0\) \* [\d.e-]+ \+ FILL\(dur, 0\) \* [\d.e-]+$/);
    const [perRequest, perMs] = expression.split(' + ').map((term) => Number(term.split(' * ')[1]));
    const alarmHourly = invocations * perRequest + durationMs * perMs;
    expect(alarmHourly).toBeCloseTo((figure.computeMonthlyUsd + figure.requestsMonthlyUsd) / 730, 9);
  });
});

describe("aws-cdk-lib's own custom-resource handlers", () => {
  test('run only at deploy time: an S3 notification handler and an autoDeleteObjects provider add nothing to the worst case', () => {
    const app = new App();
    const stack = new Stack(app, 'Uploads', { env: ENV });
    const fn = new SecureFunction(stack, 'Thumbnail', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
    });
    const bucket = new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    const report = WorstCaseCost.of(stack);
    // Three functions in the template (ours and aws-cdk-lib's two handlers, which have no reserved concurrency);
    // only ours is a cost that traffic can drive.
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 3);
    expect(report.functions.map((f) => f.path)).toEqual([fn.node.defaultChild!.node.path]);
    expect(report.functions.every((f) => f.bounded)).toBe(true);
  });
});
