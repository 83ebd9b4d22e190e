import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { expandSam, SamError } from '../../../lib/sam';
import { propertyRuns } from '../../support/property';
import { bulkheadCheck } from './recording-io';

/**
 * Generated SAM templates, well-formed or not (wrong types in Globals, events, policies, auth): the expansion returns
 * or throws a SamError naming the resource, never anything else; through the CLI every run ends in a verdict or one
 * line of reason. A fixed-seed sample in `npm test`, 1,500 CLI runs in `npm run soak` (test/support/property.ts).
 */
const { numRuns: RUNS, seed: SEED } = propertyRuns({ runs: 150, soakRuns: 1500 });

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({ Ref: 'P' }),
  fc.constant({ 'Fn::If': ['C', 'a', 'b'] }),
);
const sometimes = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: junk, weight: 1 });

const policy = fc.oneof(
  fc.constantFrom('AWSLambdaExecute', 'AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
  fc.record({
    Statement: sometimes(
      fc.array(
        fc.record({
          Effect: fc.constantFrom('Allow', 'Deny'),
          Action: fc.constantFrom('s3:*', 's3:GetObject', '*'),
          Resource: fc.constantFrom('*', 'arn:aws:s3:::b/*'),
        }),
        { maxLength: 2 },
      ),
    ),
  }),
  fc.record({ DynamoDBCrudPolicy: sometimes(fc.record({ TableName: fc.constantFrom('t', '*') }, { requiredKeys: [] })) }),
  fc.record({ UnheardOfPolicy: fc.constant({}) }),
  fc.constant({ 'Fn::If': ['C', 'AdministratorAccess', { Ref: 'AWS::NoValue' }] }),
);

const event = fc.oneof(
  {
    arbitrary: fc.record({
      Type: fc.constant('SQS'),
      Properties: sometimes(fc.record({ Queue: fc.constant({ 'Fn::GetAtt': ['Q', 'Arn'] }), BatchSize: fc.integer({ min: 1, max: 10 }) })),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      Type: fc.constant('Kinesis'),
      Properties: sometimes(
        fc.record(
          {
            Stream: fc.constant('arn:aws:kinesis:eu-west-1:1:stream/s'),
            StartingPosition: fc.constant('LATEST'),
            MaximumRetryAttempts: fc.integer({ min: -1, max: 20 }),
          },
          { requiredKeys: ['Stream', 'StartingPosition'] },
        ),
      ),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      Type: fc.constantFrom('Api', 'HttpApi'),
      Properties: sometimes(
        fc.record(
          {
            Path: fc.constantFrom('/a', '/b/{id}'),
            Method: fc.constantFrom('get', 'post', 'any'),
            Auth: sometimes(
              fc.record({ Authorizer: fc.constantFrom('NONE', 'AWS_IAM', 'NONE', 'AWS_IAM', 'Undefined') }, { requiredKeys: [] }),
            ),
          },
          { requiredKeys: ['Path', 'Method'] },
        ),
      ),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      Type: fc.constantFrom('SNS', 'Schedule', 'EventBridgeRule', 'S3', 'Cognito', 'CloudWatchLogs', 'IoTRule', 'ScheduleV2', 'Nonsense'),
      Properties: sometimes(
        fc.record({
          Topic: fc.constant('arn:aws:sns:eu-west-1:1:t'),
          Schedule: fc.constant('rate(1 hour)'),
          Pattern: fc.constant({ source: ['x'] }),
          Bucket: fc.constant({ Ref: 'B' }),
          Events: fc.constant('s3:ObjectCreated:*'),
          UserPool: fc.constant({ Ref: 'Pool' }),
          Trigger: fc.constantFrom('PreSignUp', 'CustomSMSSender'),
          LogGroupName: fc.constant('g'),
          FilterPattern: fc.constant(''),
          Sql: fc.constant("SELECT * FROM 't'"),
          ScheduleExpression: fc.constant('rate(1 day)'),
        }),
      ),
    }),
    weight: 4,
  },
  { arbitrary: junk, weight: 1 },
);

const functionProps = fc.record(
  {
    Runtime: sometimes(fc.constantFrom('nodejs22.x', 'nodejs16.x', 'python3.13')),
    InlineCode: fc.constantFrom('exports.handler = async () => 1;', 'exports.handler = async (e) => eval(e.body);'),
    Policies: sometimes(fc.oneof(policy, fc.array(policy, { maxLength: 3 }))),
    Events: sometimes(fc.dictionary(fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'bad-name'), event, { maxKeys: 2 })),
    AutoPublishAlias: fc.constantFrom('live', 'prod', 'v1', 'live', 'prod', 'v1', 'bad alias'),
    EventInvokeConfig: sometimes(
      fc.record(
        {
          MaximumRetryAttempts: fc.integer({ min: 0, max: 5 }),
          DestinationConfig: sometimes(
            fc.record({
              OnFailure: sometimes(
                fc.record(
                  {
                    Type: fc.constantFrom('SQS', 'SNS', 'SQS', 'SNS', 'Lambda', 'Bogus'),
                    Destination: fc.constantFrom('arn:aws:sqs:eu-west-1:1:f', 'arn:aws:lambda:eu-west-1:1:function:f'),
                  },
                  { requiredKeys: ['Type'] },
                ),
              ),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    FunctionUrlConfig: sometimes(fc.record({ AuthType: fc.constantFrom('NONE', 'AWS_IAM') }, { requiredKeys: [] })),
    ReservedConcurrentExecutions: sometimes(fc.integer({ min: 0, max: 10 })),
    Role: fc.constantFrom('arn:aws:iam::1:role/shared'),
    DeadLetterQueue: sometimes(fc.record({ Type: fc.constantFrom('SQS', 'SNS'), TargetArn: fc.constant('arn:aws:sqs:eu-west-1:1:d') })),
  },
  { requiredKeys: ['InlineCode'] },
);

const samResource = fc.oneof(
  {
    arbitrary: fc.record(
      {
        Type: fc.constant('AWS::Serverless::Function'),
        Properties: sometimes(functionProps),
        IgnoreGlobals: fc.constantFrom('*', ['Runtime']),
      },
      { requiredKeys: ['Type', 'Properties'] },
    ),
    weight: 6,
  },
  fc.record({
    Type: fc.constantFrom(
      'AWS::Serverless::SimpleTable',
      'AWS::Serverless::Application',
      'AWS::Serverless::Connector',
      'AWS::Serverless::LayerVersion',
    ),
    Properties: sometimes(fc.record({ ContentUri: fc.constant('layer/'), Location: fc.constant('x.yaml') }, { requiredKeys: [] })),
  }),
  fc.record({
    Type: fc.constant('AWS::Serverless::Api'),
    Properties: sometimes(
      fc.record(
        {
          StageName: fc.constant('v1'),
          Auth: sometimes(fc.record({ DefaultAuthorizer: fc.constantFrom('AWS_IAM', 'Undefined') }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
);

const globals = sometimes(
  fc.record(
    {
      Function: sometimes(
        fc.record(
          {
            Runtime: fc.constant('nodejs22.x'),
            Handler: fc.constant('index.handler'),
            Timeout: sometimes(fc.integer({ min: 1, max: 900 })),
            Environment: sometimes(fc.record({ Variables: fc.record({ AWS_ACCESS_KEY_ID: fc.constant('AKIAIOSFODNN7EXAMPLE') }) })),
            // Policies is not a Globals property: SAM refuses it, so does the expansion (rarely generated).
            Policies: fc.constantFrom(...Array(20).fill(undefined), ['x']),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

const samTemplate = fc
  .record({
    Globals: globals,
    Resources: fc.dictionary(fc.constantFrom('F1', 'F2', 'F3', 'T', 'Api'), samResource, { minKeys: 1, maxKeys: 4 }),
  })
  .map((t) => ({
    Transform: 'AWS::Serverless-2016-10-31',
    Parameters: { P: { Type: 'String' } },
    Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
    ...(t.Globals === undefined ? {} : { Globals: t.Globals }),
    Resources: { Q: { Type: 'AWS::SQS::Queue' }, B: { Type: 'AWS::S3::Bucket' }, Pool: { Type: 'AWS::Cognito::UserPool' }, ...t.Resources },
  }));

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-sam-fuzz-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the expansion returns, or throws a SamError naming the resource; never another error, never touching its input', () => {
  const outcomes = { expanded: 0, refused: 0 };
  fc.assert(
    fc.property(samTemplate, (t) => {
      const before = JSON.stringify(t);
      try {
        const out = expandSam(t);
        for (const id of out.sources.keys()) expect(Object.keys(out.template.Resources as object)).toContain(id);
        outcomes.expanded++;
      } catch (e) {
        expect(e).toBeInstanceOf(SamError);
        expect((e as Error).message).toMatch(/^resource [A-Za-z0-9]+: \S/);
        outcomes.refused++;
      }
      expect(JSON.stringify(t)).toBe(before);
    }),
    { numRuns: RUNS * 4, seed: SEED },
  );
  expect(outcomes.expanded).toBeGreaterThan(RUNS / 10);
  expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
});

test('through the CLI: a verdict, or exit 2 with one line; SamNotJudged warnings never fail the run by themselves', async () => {
  const file = path.join(dir, 'sam.json');
  const outcomes = { verdict: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(samTemplate, async (t) => {
      fs.writeFileSync(file, JSON.stringify(t));
      const run = await bulkheadCheck(file, '--format', 'json');
      expect([0, 1, 2]).toContain(run.code);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      if (run.code === 2) {
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^bulkhead check: [^\n]+\n$/);
        outcomes.refused++;
        if (process.env.FUZZ_DEBUG) console.log(run.stderr);
        return;
      }
      const report = JSON.parse(run.stdout);
      expect(report.findings.filter((f: any) => /could not read/.test(f.message))).toEqual([]);
      expect(run.code).toBe(report.summary.errors > 0 ? 1 : 0);
      outcomes.verdict++;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  if (process.env.FUZZ_DEBUG) console.log(outcomes);
  expect(outcomes.verdict).toBeGreaterThan(RUNS / 10);
  expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
}, 300_000);
