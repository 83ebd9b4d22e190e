import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bulkheadCheck } from './recording-io';

/**
 * CloudFormation takes a Json-typed property (an IAM PolicyDocument, an SQS RedrivePolicy, an EventPattern) as an
 * object or as a string holding JSON; CDK's L1 classes take only objects. `bulkhead check` reads both, as
 * CloudFormation does, and leaves string-typed properties that happen to hold JSON alone.
 */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-json-strings-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, resources: object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

const policy = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 2);

describe('JSON documents written as strings', () => {
  it('a policy document string is judged like the object it holds', async () => {
    const wild = await bulkheadCheck(
      write('wild.json', {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) },
        },
        Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role' }], PolicyDocument: policy('s3:*') } },
      }),
      '--format',
      'json',
    );
    expect(wild.stderr).toBe('');
    const rules = JSON.parse(wild.stdout)
      .findings.filter((f: any) => f.resource === 'Policy')
      .map((f: any) => f.rule);
    expect(rules).toContain('Bulkhead-WildcardPermissions');

    const narrow = await bulkheadCheck(
      write('narrow.json', {
        Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: policy('xray:PutTraceSegments') } },
      }),
      '--format',
      'json',
    );
    expect(narrow.code).toBe(0);
    expect(JSON.parse(narrow.stdout).findings).toEqual([]);
  });

  it('a redrive policy string counts as a redrive policy', async () => {
    const consumed = (queue: object) => ({
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { ZipFile: 'exports.handler = async () => 1;' }, Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Timeout: 10 },
      },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60, ...queue } },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
      },
    });
    // SqsSourceRedrive judges the mapping: the queue that feeds a function must have a redrive policy.
    const rulesOnMapping = async (name: string, queue: object) => {
      const run = await bulkheadCheck(write(name, consumed(queue)), '--format', 'json');
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout)
        .findings.filter((f: any) => f.resource === 'Mapping')
        .map((f: any) => f.rule);
    };
    expect(await rulesOnMapping('no-redrive.json', {})).toContain('Bulkhead-SqsSourceRedrive');
    expect(
      await rulesOnMapping('redrive.json', {
        RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:111111111111:dlq", "maxReceiveCount": 3}',
      }),
    ).not.toContain('Bulkhead-SqsSourceRedrive');
  });

  it('a string-typed property holding JSON stays a string', async () => {
    const run = await bulkheadCheck(
      write('logs-policy.json', {
        Policy: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'p', PolicyDocument: policy('logs:PutLogEvents') } },
      }),
      '--format',
      'json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a Json-typed property holding a string that is not JSON is refused, naming the resource', async () => {
    const run = await bulkheadCheck(
      write('broken.json', {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: '{"deadLetterTargetArn": ' } },
      }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^bulkhead check: .*: not a valid CloudFormation template: resource Queue \(AWS::SQS::Queue\): redrivePolicy: .* should be an 'object'\.\n$/,
    );
  });
});
