import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bulkheadCheck, CheckRun } from './recording-io';

/** Every bad input either gets a verdict (0/1) or exit 2 with exactly one line of reason: never a stack trace. */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-malformed-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function expectRefused(run: CheckRun, reason: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^bulkhead check: [^\n]+\n$/);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** Deterministic pseudo-random bytes, so the "garbage" is the same on every run. */
function garbage(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = (x >> 16) & 0xff;
  }
  return out;
}

const queue = { Type: 'AWS::SQS::Queue' };

describe('unusable input exits 2 with a one-line reason', () => {
  it.each<[string, () => string[], RegExp]>([
    ['a missing file', () => [path.join(dir, 'nope.yaml')], /nope\.yaml: no such file/],
    ['a directory', () => [dir], /is a directory; pass template files, or --assembly/],
    ['an empty file', () => [write('empty.yaml', '\n  \n')], /empty file/],
    ['invalid JSON', () => [write('bad.json', '{"Resources": {"A": {"Type": "AWS::SQS::Queue",}}}')], /invalid JSON: .*line 1/],
    ['invalid YAML', () => [write('bad.yaml', 'Resources:\n  A:\n    Type: [AWS::SQS::Queue\n')], /invalid YAML: .*\(line \d+\)/],
    [
      'YAML with duplicate keys',
      () => [write('dup.yaml', 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n  A:\n    Type: AWS::SNS::Topic\n')],
      /invalid YAML: Map keys must be unique/,
    ],
    ['a YAML list', () => [write('list.yaml', '- a\n- b\n')], /not a CloudFormation template \(the document is a list/],
    ['a JSON string', () => [write('string.json', '"Resources"')], /the document is a string/],
    ['a plain word', () => [write('word.yaml', 'hello')], /the document is a string/],
    ['no Resources section', () => [write('nores.json', JSON.stringify({ Parameters: {} }))], /no Resources section/],
    ['an empty Resources section', () => [write('emptyres.json', JSON.stringify({ Resources: {} }))], /Resources section is empty/],
    ['Resources as a list', () => [write('listres.json', JSON.stringify({ Resources: [queue] }))], /Resources must be a map/],
    [
      'a resource without a Type',
      () => [write('notype.json', JSON.stringify({ Resources: { A: { Properties: {} } } }))],
      /resource A has no Type/,
    ],
    ['a null resource', () => [write('nullres.json', JSON.stringify({ Resources: { A: null } }))], /resource A is not a map/],
    [
      'a non-alphanumeric logical ID',
      () => [write('badid.json', JSON.stringify({ Resources: { 'my-queue': queue } }))],
      /'my-queue' is not alphanumeric/,
    ],
    [
      'Properties that are a list',
      () => [write('listprops.json', JSON.stringify({ Resources: { A: { ...queue, Properties: [1] } } }))],
      /Properties of resource A must be a map/,
    ],
    [
      'a property of the wrong type',
      () => [
        write(
          'wrongtype.json',
          JSON.stringify({
            Resources: {
              Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::1:role/r', Timeout: 'abc' } },
            },
          }),
        ),
      ],
      /resource Fn \(AWS::Lambda::Function\): timeout: "abc" should be a number/,
    ],
    [
      'a wrong type next to a resource a rule reads with its neighbours',
      () => [
        write(
          'wrongtype2.json',
          JSON.stringify({
            Resources: {
              Q: { Type: 'AWS::SQS::Queue' },
              R: { Type: 'AWS::Events::Rule', Properties: { Name: {} } },
            },
          }),
        ),
      ],
      /resource R \(AWS::Events::Rule\): name: \{\} should be a string/,
    ],
    [
      'Properties given as one Fn::If',
      () => [
        write(
          'propsif.json',
          JSON.stringify({
            Conditions: { C: { 'Fn::Equals': ['a', 'b'] } },
            Resources: {
              Q: { Type: 'AWS::SQS::Queue', Properties: { 'Fn::If': ['C', { QueueName: 'a' }, { QueueName: 'b' }] } },
            },
          }),
        ),
      ],
      /Properties of resource Q are one Fn::If, .*with Fn::If inside the values that vary/,
    ],
    [
      'a Ref to nothing',
      () => [write('ref.json', JSON.stringify({ Resources: { A: { ...queue, Properties: { QueueName: { Ref: 'Missing' } } } } }))],
      /not a valid CloudFormation template: .*'Missing' not found/,
    ],
    [
      'a GetAtt of nothing',
      () => [write('getatt.yaml', 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt Nope.Arn\n')],
      /'Nope' not found/,
    ],
    [
      'an unsupported Fn::',
      () => [write('fn.json', JSON.stringify({ Resources: { A: { ...queue, Properties: { QueueName: { 'Fn::Nope': 1 } } } } }))],
      /Unsupported CloudFormation function 'Fn::Nope'/,
    ],
    [
      'a SAM function without code',
      () => [write('sam.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n')],
      /SAM template: resource F: CodeUri is missing/,
    ],
    [
      'SAM resources without the transform (expanded too)',
      () => [write('sam2.json', JSON.stringify({ Resources: { F: { Type: 'AWS::Serverless::Function' } } }))],
      /SAM template: resource F: CodeUri is missing/,
    ],
    ['binary garbage', () => [write('garbage.bin', garbage(64 * 1024, 7))], /binary data, not a JSON or YAML template/],
    ['non-UTF-8 bytes', () => [write('latin1.yaml', Buffer.from([0x52, 0x65, 0x73, 0xe9, 0xff, 0x3a, 0x0a]))], /not UTF-8 text/],
    ['an unknown option', () => ['--frobnicate'], /Unknown option '--frobnicate'/],
    ['an unknown pack', () => ['--packs', 'bulkhead,nope', 'x.yaml'], /unknown pack 'nope'; packs: bulkhead, aws-solutions, serverless/],
    ['an unknown format', () => ['--format', 'xml', 'x.yaml'], /--format must be one of text, json, sarif, got 'xml'/],
    ['an unknown --fail-on', () => ['--fail-on', 'info', 'x.yaml'], /--fail-on must be one of error, warning/],
    ['a --today that is not a date', () => ['--today', '30/11/2026', 'x.yaml'], /--today '30\/11\/2026' is not a date; pass YYYY-MM-DD/],
    [
      'a malformed intrinsic, named by place and function instead of a JavaScript error',
      () => [
        write(
          'sub.json',
          JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': [1, 2, 3] } } } } }),
        ),
      ],
      /Resources\.Q\.Properties\.QueueName: Fn::Sub takes a string or \[string, \{variables\}\], not a list of 3\n$/,
    ],
    ['no templates at all', () => [], /no templates given/],
    ['templates and --assembly together', () => ['--assembly', 'cdk.out', 'x.yaml'], /not both/],
    ['an option without its value', () => ['x.yaml', '--format'], /--format/],
  ])('%s', async (_name, args, reason) => {
    expectRefused(await bulkheadCheck(...args()), reason);
  });

  it('refuses deeply nested JSON without overflowing the stack', async () => {
    const depth = 100000;
    const file = write(
      'deep.json',
      `{"Resources":{"A":{"Type":"AWS::SQS::Queue","Properties":{"Tags":${'['.repeat(depth)}${']'.repeat(depth)}}}}}`,
    );
    expectRefused(await bulkheadCheck(file, '--packs', 'serverless'), /nested deeper than 100 levels/);
  });

  it('refuses deeply nested YAML without overflowing the stack', async () => {
    const depth = 20000;
    const file = write(
      'deep.yaml',
      `Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    );
    expectRefused(await bulkheadCheck(file, '--packs', 'serverless'), /values nested too deeply to check/);
  });

  it('refuses a YAML alias bomb', async () => {
    let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      yaml += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    yaml += 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *a11\n';
    expectRefused(await bulkheadCheck(write('bomb.yaml', yaml)), /invalid YAML: .*alias/i);
  });

  it('refuses a 5 MB template (CloudFormation accepts 1 MB) without reading it', async () => {
    const resources: { [id: string]: unknown } = {};
    // 2,100 queues of ~2.5 KB each: a little over 5 MB.
    for (let i = 0; i < 2100; i++) resources[`Queue${i}`] = { ...queue, Properties: { QueueName: `q-${i}-${'x'.repeat(2500)}` } };
    const file = write('big.json', JSON.stringify({ Resources: resources }));
    expect(fs.statSync(file).size).toBeGreaterThan(5 * 1024 * 1024);
    expectRefused(await bulkheadCheck(file), /is 5\.\d MB; CloudFormation accepts templates up to 1 MB/);
  });

  it('refuses more resources than a stack may hold', async () => {
    const resources: { [id: string]: unknown } = {};
    for (let i = 0; i < 501; i++) resources[`Queue${i}`] = queue;
    expectRefused(
      await bulkheadCheck(write('many.json', JSON.stringify({ Resources: resources }))),
      /501 resources; CloudFormation allows 500 per stack/,
    );
  });
});

describe('odd but valid input gets a verdict', () => {
  it('checks a full-size template (500 resources, ~1 MB) whole', async () => {
    const resources: { [id: string]: unknown } = {};
    for (let i = 0; i < 500; i++) {
      resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: `t-${i}`, DisplayName: 'd'.repeat(1800) } };
    }
    const text = JSON.stringify({ Resources: resources });
    expect(text.length).toBeGreaterThan(900 * 1024);
    const run = await bulkheadCheck(write('full.json', text), '--packs', 'aws-solutions', '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.resources).toBe(500);
    // AwsSolutions-SNS3 (no TLS-only policy) once per topic: every resource was judged.
    expect(new Set(report.findings.filter((f: any) => f.rule === 'AwsSolutions-SNS3').map((f: any) => f.resource)).size).toBe(500);
  });

  it('checks unknown and custom resource types without findings or a crash', async () => {
    const file = write(
      'unknown.json',
      JSON.stringify({
        Resources: {
          Thing: { Type: 'AWS::Nope::Thing', Properties: { Anything: { Nested: [1, { Ref: 'AWS::Region' }] } } },
          Custom: { Type: 'Custom::Provisioner', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:p' } },
        },
      }),
    );
    const run = await bulkheadCheck(file, '--packs', 'aws-solutions,serverless', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toEqual({ templates: 1, resources: 2, errors: 0, warnings: 0 });
  });

  it('judges a template whose every property is an intrinsic', async () => {
    const yaml = `Parameters:
  Name: { Type: String }
  Timeout: { Type: Number }
  Memory: { Type: Number }
Conditions:
  HasName: !Not [!Equals [!Ref Name, ""]]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: !If [HasName, { Version: "2012-10-17", Statement: [] }, !Ref "AWS::NoValue"]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !If [HasName, !Ref Name, !Ref "AWS::NoValue"]
      Runtime: !Join ["", [nodejs, "22.x"]]
      Handler: !Sub "\${Name}.handler"
      Role: !GetAtt Role.Arn
      Code: { ZipFile: !Sub "exports.handler = async () => '\${AWS::Region}';" }
      Timeout: !Ref Timeout
      MemorySize: !Ref Memory
      ReservedConcurrentExecutions: !Select [0, [5, 10]]
      TracingConfig: { Mode: !If [HasName, Active, PassThrough] }
      Environment: { Variables: { NAME: !Ref Name, REGION: !Ref "AWS::Region" } }
      DeadLetterConfig: { TargetArn: !ImportValue shared-dlq-arn }
`;
    const run = await bulkheadCheck(write('intrinsics.yaml', yaml), '--packs', 'serverless', '--format', 'json');
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const rules = JSON.parse(run.stdout).findings.map((f: any) => f.rule);
    // Timeout, memory and DLQ are set (by intrinsics): the pack must not report them missing.
    expect(rules).not.toContain('Serverless-LambdaDefaultTimeout');
    expect(rules).not.toContain('Serverless-LambdaDefaultMemorySize');
    expect(rules).not.toContain('Serverless-LambdaDLQ');
  });
});
