import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { propertyRuns } from '../../support/property';
import { bulkheadCheck } from './recording-io';

/**
 * `bulkhead check` on generated templates: well-formed or not, every run ends in a verdict (exit 0/1 with a JSON
 * report) or exit 2 with one line of reason. No crash, no stack trace, and no rule that fails to read a resource:
 * rules must judge wrong-typed and intrinsic values, not throw on them. A fixed-seed sample in `npm test`, 2,000 runs
 * in `npm run soak` (test/support/property.ts); FUZZ_DEBUG=1 prints every refusal and every cdk-nag rule error.
 */
const { numRuns: RUNS, seed: SEED } = propertyRuns({ runs: 300, soakRuns: 2000 });

/** Every type a Bulkhead rule judges, others that refer to functions and queues, and ones no rule knows. */
const TYPES = [
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Url',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::Topic',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Logs::LogGroup',
  'AWS::ApiGateway::Method',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGatewayV2::Api',
  'AWS::Cognito::UserPool',
  'AWS::Events::Rule',
  'AWS::Nope::Thing',
  'Custom::Thing',
];

const IDS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Intrinsics, some pointing at nothing or at a resource without that attribute. */
const intrinsic: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ Ref: fc.constantFrom(...IDS, 'AWS::Region', 'AWS::NoValue', 'P') }),
  fc.record({ 'Fn::GetAtt': fc.tuple(fc.constantFrom(...IDS), fc.constantFrom('Arn', 'QueueName', 'Nope')) }),
  fc.record({
    'Fn::Sub': fc.oneof(fc.string({ maxLength: 10 }), fc.constant('arn:${AWS::Partition}:sqs:${AWS::Region}:1:q'), fc.constant('${A.Arn}')),
  }),
  fc.record({
    'Fn::Join': fc.tuple(
      fc.constantFrom('', ':'),
      fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.record({ Ref: fc.constantFrom('P', 'A') })), { maxLength: 3 }),
    ),
  }),
  fc.record({ 'Fn::If': fc.tuple(fc.constant('C'), fc.string({ maxLength: 6 }), fc.record({ Ref: fc.constant('AWS::NoValue') })) }),
  fc.record({ 'Fn::ImportValue': fc.string({ maxLength: 8 }) }),
);

/** Any CloudFormation value at all: what a broken template puts where a typed one belongs. */
const anything: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    intrinsic,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;

/** Mostly the right type, often an intrinsic, sometimes anything (which CloudFormation would reject). */
function typed(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 60 }, { arbitrary: intrinsic, weight: 20 }, { arbitrary: anything, weight: 1 });
}

const str = typed(
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '*',
      's3:*',
      'iam:*',
      'NONE',
      'AWS_IAM',
      'nodejs10.x',
      'nodejs24.x',
      'python3.13',
      'Image',
      'Zip',
      'TRIM_HORIZON',
      'GET',
      'POST /x',
      '$default',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:sqs:eu-west-1:111111111111:q',
      'AKIA' + 'FAKEFAKEFAKEFAKE',
    ),
  ),
);
const num = typed(fc.integer({ min: -5, max: 100000 }));
const bool = typed(fc.boolean());
const strings = typed(fc.array(str, { maxLength: 3 }));
const statement = typed(
  fc.record(
    {
      Effect: typed(fc.constantFrom('Allow', 'Deny')),
      Action: fc.oneof(str, strings),
      Resource: fc.oneof(str, strings),
      Principal: typed(fc.oneof(fc.constant('*'), fc.record({ AWS: str }), fc.record({ Service: str }))),
      Condition: typed(fc.record({ Bool: fc.record({ 'aws:SecureTransport': fc.constantFrom('false', 'true') }) })),
    },
    { requiredKeys: ['Effect'] },
  ),
);
const policyDocument = typed(fc.record({ Version: fc.constant('2012-10-17'), Statement: typed(fc.array(statement, { maxLength: 3 })) }));
const code = typed(
  fc.record({
    ZipFile: typed(
      fc.constantFrom(
        'exports.handler = async () => 1;',
        'exports.handler = async (e) => eval(e.body);',
        "const cp = require('child_process'); exports.handler = async (e) => cp.exec(e.cmd);",
      ),
    ),
  }),
);

/** Property names the rules read, each with values of (mostly) its type, so generated templates reach the rules. */
const PROPERTY: { [key: string]: fc.Arbitrary<unknown> } = {
  FunctionName: str,
  Role: str,
  Runtime: str,
  Handler: str,
  KmsKeyArn: str,
  KmsMasterKeyId: str,
  PackageType: str,
  AuthType: str,
  TargetFunctionArn: str,
  EventSourceArn: str,
  StartingPosition: str,
  Qualifier: str,
  Name: str,
  HttpMethod: str,
  RouteKey: str,
  AuthorizationType: str,
  Action: str,
  Principal: str,
  KmsKeyId: str,
  QueueName: str,
  ReservedConcurrentExecutions: num,
  Timeout: num,
  MaximumRetryAttempts: num,
  MaximumRecordAgeInSeconds: num,
  VisibilityTimeout: num,
  MaximumEventAgeInSeconds: num,
  BatchSize: num,
  SqsManagedSseEnabled: bool,
  ApiKeyRequired: bool,
  Code: code,
  Environment: typed(
    fc.record({ Variables: typed(fc.dictionary(fc.constantFrom('TABLE', 'API_TOKEN', 'DB_PASSWORD', 'MODE'), str, { maxKeys: 3 })) }),
  ),
  DeadLetterConfig: typed(fc.record({ TargetArn: str })),
  DestinationConfig: typed(fc.record({ OnFailure: typed(fc.record({ Destination: str })) })),
  PolicyDocument: policyDocument,
  Policies: typed(fc.array(fc.record({ PolicyName: str, PolicyDocument: policyDocument }), { maxLength: 2 })),
  ManagedPolicyArns: strings,
  Roles: strings,
  Queues: strings,
  Topics: strings,
  RedrivePolicy: typed(fc.record({ deadLetterTargetArn: str, maxReceiveCount: num })),
  SSESpecification: typed(fc.record({ SSEEnabled: bool, SSEType: typed(fc.constantFrom('KMS', 'AES256')), KMSMasterKeyId: str })),
  Targets: typed(fc.array(fc.record({ Arn: str, Id: str }), { maxLength: 2 })),
  // An inline OpenAPI definition (REST and HTTP APIs, what SAM writes): operations with integrations and security.
  Body: typed(
    fc.record({
      paths: typed(
        fc.dictionary(
          fc.constantFrom('/a', '/b/{id}', '$default'),
          typed(
            fc.dictionary(
              fc.constantFrom('get', 'post', 'options', 'x-amazon-apigateway-any-method'),
              typed(
                fc.record({
                  security: typed(fc.array(typed(fc.dictionary(fc.constantFrom('iam', 'key', 'nope'), fc.constant([]))), { maxLength: 2 })),
                  'x-amazon-apigateway-integration': typed(
                    fc.record({
                      uri: str,
                      requestParameters: typed(fc.constant({ 'integration.request.header.X-Amz-Invocation-Type': "'Event'" })),
                    }),
                  ),
                }),
              ),
              { maxKeys: 2 },
            ),
          ),
          { maxKeys: 2 },
        ),
      ),
      securityDefinitions: typed(
        fc.constant({ iam: { type: 'apiKey', 'x-amazon-apigateway-authtype': 'awsSigv4' }, key: { type: 'apiKey', name: 'x-api-key' } }),
      ),
    }),
  ),
  ProtocolType: str,
  LambdaConfig: typed(
    fc.record({ PreSignUp: str, CustomEmailSender: typed(fc.record({ LambdaArn: str, LambdaVersion: fc.constant('V1_0') })) }),
  ),
};
const KEYS = Object.keys(PROPERTY);

/** What CloudFormation (and CfnInclude) require of each type, so most templates get as far as the rules. */
const REQUIRED: { [type: string]: { [key: string]: fc.Arbitrary<unknown> } } = {
  'AWS::Lambda::Function': { Code: code, Role: str },
  'AWS::Lambda::EventSourceMapping': { FunctionName: str },
  'AWS::Lambda::Url': { TargetFunctionArn: str, AuthType: str },
  'AWS::Lambda::Permission': { Action: str, FunctionName: str, Principal: str },
  'AWS::Lambda::EventInvokeConfig': { FunctionName: str, Qualifier: str },
  'AWS::IAM::Role': { AssumeRolePolicyDocument: policyDocument },
  'AWS::IAM::Policy': { PolicyDocument: policyDocument, PolicyName: str },
  'AWS::IAM::ManagedPolicy': { PolicyDocument: policyDocument },
  'AWS::IAM::RolePolicy': { PolicyName: str, RoleName: str },
  'AWS::SQS::QueuePolicy': { PolicyDocument: policyDocument, Queues: strings },
  'AWS::DynamoDB::Table': { KeySchema: fc.constant([{ AttributeName: 'pk', KeyType: 'HASH' }]) },
  'AWS::DynamoDB::GlobalTable': {
    KeySchema: fc.constant([{ AttributeName: 'pk', KeyType: 'HASH' }]),
    AttributeDefinitions: fc.constant([{ AttributeName: 'pk', AttributeType: 'S' }]),
    Replicas: fc.constant([{ Region: 'eu-west-1' }]),
  },
  'AWS::ApiGateway::Method': { HttpMethod: str, ResourceId: str, RestApiId: str },
  'AWS::ApiGatewayV2::Route': { ApiId: str, RouteKey: str },
  'AWS::ApiGatewayV2::Api': { Body: PROPERTY.Body },
  'AWS::ApiGateway::RestApi': { Body: PROPERTY.Body },
};

function propertiesOf(type: string): fc.Arbitrary<{ [key: string]: unknown }> {
  const required = REQUIRED[type] ?? {};
  const optional = fc
    .uniqueArray(fc.constantFrom(...KEYS.filter((k) => !(k in required))), { maxLength: 6 })
    .chain((keys) => fc.tuple(...keys.map((k) => PROPERTY[k])).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))));
  return fc.tuple(fc.record(required), optional).map(([r, o]) => ({ ...o, ...r }));
}

const resource = fc.constantFrom(...TYPES).chain((type) =>
  fc.record({
    Type: fc.constant(type),
    Properties: fc.oneof({ arbitrary: propertiesOf(type), weight: 49 }, { arbitrary: anything, weight: 1 }),
  }),
);

/**
 * References only point backwards, at resources the template has (a resource may name those before it), so most
 * templates have no dangling reference and no cycle; one in ten keeps them, to reach CfnInclude's own checks.
 */
function backwardsOnly(value: unknown, own: string, ids: string[]): unknown {
  const ok = (id: unknown) => typeof id === 'string' && (!IDS.includes(id) || (ids.includes(id) && id < own));
  if (Array.isArray(value)) return value.map((v) => backwardsOnly(v, own, ids));
  if (value === null || typeof value !== 'object') return value;
  const o = value as { [key: string]: unknown };
  if ('Ref' in o && !ok(o.Ref)) return { Ref: 'P' };
  const att = o['Fn::GetAtt'];
  if (Array.isArray(att) && !ok(att[0])) return { Ref: 'P' };
  const sub = o['Fn::Sub'];
  if (typeof sub === 'string' && [...sub.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].some((m) => !ok(m[1]))) return { Ref: 'P' };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, backwardsOnly(v, own, ids)]));
}

const template = fc
  .tuple(fc.dictionary(fc.constantFrom(...IDS), resource, { minKeys: 1, maxKeys: 6 }), fc.integer({ min: 0, max: 9 }))
  .map(([resources, keepDangling]) => ({
    Parameters: { P: { Type: 'String' } },
    Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
    Resources:
      keepDangling === 0
        ? resources
        : Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, backwardsOnly(r, id, Object.keys(resources))])),
  }));

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-fuzz-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('generated templates: a verdict or one line of reason, never a crash, never a rule that cannot read', async () => {
  const file = path.join(dir, 'template.json');
  const outcomes = { verdict: 0, refused: 0 };
  // One run in ten adds cdk-nag's two packs: their rules read the same resources through the same loader.
  await fc.assert(
    fc.asyncProperty(template, fc.integer({ min: 0, max: 9 }), async (t, withNag) => {
      fs.writeFileSync(file, JSON.stringify(t));
      const packs = withNag === 0 ? 'bulkhead,aws-solutions,serverless' : 'bulkhead';
      const run = await bulkheadCheck(file, '--format', 'json', '--packs', packs);
      expect([0, 1, 2]).toContain(run.code);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      if (run.code === 2) {
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^bulkhead check: [^\n]+\n$/);
        outcomes.refused++;
        if (process.env.FUZZ_DEBUG) console.log(run.stderr);
        return;
      }
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout);
      expect(report.summary.resources).toBe(Object.keys(t.Resources).length);
      expect(report.findings.filter((f: any) => /could not read/.test(f.message))).toEqual([]);
      expect(run.code).toBe(report.summary.errors > 0 ? 1 : 0);
      if (process.env.FUZZ_DEBUG)
        for (const f of report.findings.filter((x: any) => /threw an error/.test(x.message))) console.log(f.rule, f.message);
      outcomes.verdict++;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  if (process.env.FUZZ_DEBUG) console.log(outcomes);
  // Both outcomes must occur, or the generator is not exploring.
  expect(outcomes.verdict).toBeGreaterThan(RUNS / 10);
  expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
}, 600_000);
