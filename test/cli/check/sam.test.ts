import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { readTemplateFile } from '../../../lib/cfn/template-file';
import { SCAN_LIMITS } from '../../../lib/checks/rules/lambda/code/code-asset-scan';
import { BULKHEAD_RULES } from '../../../lib/checks/wiring';
import { bulkheadCheck, CheckRun } from './recording-io';

/**
 * `bulkhead check` on SAM templates (issue 14): the corpus in test/fixtures/sam exercises every Bulkhead rule
 * through SAM, with the flaw written in Globals, in a function, in an event or in a policy template, and findings
 * point at the SAM resource, the generated part and the line in the SAM file.
 */
const SAM = path.resolve(__dirname, '../../fixtures/sam');
const fixture = (name: string): string => path.join(SAM, name);

interface JsonFinding {
  rule: string;
  id: string;
  level: string;
  resource: string;
  part?: string;
  generatedId?: string;
  line?: number;
  message: string;
}

function findingsOf(run: CheckRun): JsonFinding[] {
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).findings;
}

/** `[id, resource, part, line]`, the way a reader finds the flaw in the SAM file. */
const located = (f: JsonFinding): [string, string, string | null, number | undefined] => [f.id, f.resource, f.part ?? null, f.line];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-sam-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of a fixture with a change, in a temp directory; its local CodeUri paths are made absolute so they still hold. */
function variant(name: string, change: (template: any) => void): string {
  // Read by the one template reader (lib/cfn), short-form intrinsics and all, as the CLI reads the fixture.
  const template = readTemplateFile(fixture(name)).value as any;
  for (const resource of Object.values<any>(template.Resources)) {
    const uri = resource.Properties?.CodeUri;
    if (typeof uri === 'string' && !uri.startsWith('s3://')) resource.Properties.CodeUri = path.resolve(path.dirname(fixture(name)), uri);
  }
  change(template);
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}-${path.basename(name)}`);
  fs.writeFileSync(file, stringify(template));
  return file;
}

describe('every Bulkhead rule through SAM', () => {
  const runs: { [name: string]: JsonFinding[] } = {};
  const codes: { [name: string]: number } = {};
  beforeAll(async () => {
    for (const name of ['flaws-in-globals.yaml', 'flaws-in-functions.yaml', 'flaws-in-events.yaml', 'flaws-in-policy-templates.yaml']) {
      const run = await bulkheadCheck(fixture(name), '--format', 'json');
      codes[name] = run.code;
      runs[name] = findingsOf(run);
    }
  });

  it('flaws written in Globals: each function inherits them; a part set in Globals points at its Globals line', () => {
    expect(codes['flaws-in-globals.yaml']).toBe(1);
    expect(runs['flaws-in-globals.yaml'].map(located)).toEqual([
      // FunctionUrlConfig (AuthType NONE) is set in Globals at line 13; Refund opts out with IgnoreGlobals.
      ['Bulkhead-FunctionUrlAuth', 'Checkout', 'its function URL', 13],
      // Its EventInvokeConfig (Globals) declares async invocation, whatever invokes it (issue 13).
      ['Bulkhead-AsyncFailureHandling[$LATEST.OnFailure]', 'Checkout', null, 22],
      ['Bulkhead-DeprecatedRuntime', 'Checkout', null, 22],
      ['Bulkhead-EnvironmentEncryption', 'Checkout', null, 22],
      ['Bulkhead-EnvSecret[AWS_ACCESS_KEY_ID]', 'Checkout', null, 22],
      // Without the URL, Refund is invoked by nothing, so async settings apply and its EventInvokeConfig has no on-failure.
      ['Bulkhead-AsyncFailureHandling[$LATEST.OnFailure]', 'Refund', null, 27],
      ['Bulkhead-DeprecatedRuntime', 'Refund', null, 27],
      ['Bulkhead-EnvironmentEncryption', 'Refund', null, 27],
      ['Bulkhead-EnvSecret[AWS_ACCESS_KEY_ID]', 'Refund', null, 27],
      ['Bulkhead-UninvokedFunction', 'Refund', null, 27],
    ]);
  });

  it('flaws written on functions: shared roles, eval, admin and wildcard policies on the generated role, no lockfile, no trigger', () => {
    expect(codes['flaws-in-functions.yaml']).toBe(1);
    expect(runs['flaws-in-functions.yaml'].map(located)).toEqual([
      ['Bulkhead-DynamicCode[Code.ZipFile:1]', 'PayIn', null, 14],
      ['Bulkhead-SharedRole', 'PayIn', null, 14],
      ['Bulkhead-SharedRole', 'PayOut', null, 24],
      ['Bulkhead-AssetLockfile', 'Admin', null, 34],
      // ScheduleV2 invokes through its scheduler role: asynchronously.
      ['Bulkhead-AsyncFailureHandling[OnFailure]', 'Admin', null, 34],
      ['Bulkhead-EnvironmentEncryption', 'Admin', null, 34],
      ['Bulkhead-ReservedConcurrency', 'Admin', null, 34],
      ['Bulkhead-AdminManagedPolicy[AdministratorAccess]', 'Admin', 'its generated role', 43],
      ['Bulkhead-WildcardPermissions[Action::*]', 'Admin', 'its generated role', 43],
      ['Bulkhead-WildcardPermissions[Resource::*]', 'Admin', 'its generated role', 43],
      ['Bulkhead-UninvokedFunction', 'Orphan', null, 54],
    ]);
    const lockfile = runs['flaws-in-functions.yaml'].find((f) => f.rule === 'Bulkhead-AssetLockfile')!;
    expect(lockfile.message).toMatch(/code asset test\/fixtures\/code\/assets\/python-unlocked: Pipfile without Pipfile\.lock/);
  });

  it('flaws written in events and the resources they connect: mappings, routes, queues, topics, tables', () => {
    expect(codes['flaws-in-events.yaml']).toBe(1);
    expect(runs['flaws-in-events.yaml'].map(located)).toEqual([
      ['Bulkhead-QueueEncryption', 'Jobs', null, 12],
      ['Bulkhead-QueueTlsOnly', 'Jobs', null, 12],
      ['Bulkhead-TopicEncryption', 'Alerts', null, 14],
      ['Bulkhead-TopicTlsOnly', 'Alerts', null, 14],
      ['Bulkhead-LogGroupEncryption', 'Audit', null, 20],
      ['Bulkhead-TableEncryption', 'Sessions', null, 22],
      ['Bulkhead-SqsSourceRedrive', 'Worker', 'event Job', 28],
      ['Bulkhead-SqsVisibilityTimeout', 'Worker', 'event Job', 28],
      ['Bulkhead-StreamMapping[BisectBatchOnFunctionError]', 'Worker', 'event Click', 32],
      ['Bulkhead-StreamMapping[OnFailure]', 'Worker', 'event Click', 32],
      ['Bulkhead-StreamMapping[MaximumRecordAgeInSeconds]', 'Worker', 'event Click', 32],
      ['Bulkhead-StreamMapping[MaximumRetryAttempts]', 'Worker', 'event Click', 32],
      // SNS invokes asynchronously; the SQS/Kinesis mappings and API routes synchronously (Worker and PublicApi are exempt).
      ['Bulkhead-AsyncFailureHandling[OnFailure]', 'Notifier', null, 37],
      ['Bulkhead-MethodAuthorization[GET /items]', 'PublicApi', 'event List, route GET /items of ServerlessRestApi', 49],
      ['Bulkhead-RouteAuthorization[GET /items/{id}]', 'PublicApi', 'event Get, route GET /items/{id} of ServerlessHttpApi', 54],
      ['Bulkhead-OpenPermission', 'OpenInvoke', null, 59],
    ]);
  });

  it('flaws written through policy templates; an unknown template is a warning that names it', () => {
    expect(codes['flaws-in-policy-templates.yaml']).toBe(1);
    const found = runs['flaws-in-policy-templates.yaml'];
    expect(found.map(located)).toEqual([
      ['Bulkhead-WildcardPermissions[Resource::*]', 'Reader', 'its generated role', 12],
      ['Bulkhead-SamNotJudged[Policies.MadeUpTemplatePolicy]', 'Reader', null, 17],
    ]);
    expect(found[0].message).toMatch(/Resource "\*" for actions that support resource-level permissions \(secretsmanager:GetSecretValue\)/);
    expect(found[1]).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/policy template MadeUpTemplatePolicy is not one this check knows/),
    });
  });

  it('UnscannedCode: a CodeUri directory past the scan bounds is reported on the function', async () => {
    const code = path.join(tmp, 'big-code');
    fs.mkdirSync(code, { recursive: true });
    fs.writeFileSync(path.join(code, 'index.js'), 'exports.handler = async () => 1;\n');
    fs.writeFileSync(path.join(code, 'vendor.js'), '//'.padEnd(SCAN_LIMITS.maxFileBytes + 10, 'x'));
    const file = path.join(tmp, 'unscanned.yaml');
    fs.writeFileSync(
      file,
      stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Big: {
            Type: 'AWS::Serverless::Function',
            Properties: {
              Runtime: 'nodejs22.x',
              Handler: 'index.handler',
              CodeUri: 'big-code',
              ReservedConcurrentExecutions: 1,
              FunctionUrlConfig: { AuthType: 'AWS_IAM' },
            },
          },
        },
      }),
    );
    const found = findingsOf(await bulkheadCheck(file, '--format', 'json'));
    expect(found.map(located)).toEqual([['Bulkhead-UnscannedCode', 'Big', null, 3]]);
    runs['unscanned.yaml'] = found;
  });

  it('together, the corpus fires every rule of the Bulkhead pack', () => {
    const fired = new Set(
      Object.values(runs)
        .flat()
        .map((f) => f.rule),
    );
    expect(BULKHEAD_RULES.map((w) => `Bulkhead-${w.rule.ruleName}`).filter((r) => !fired.has(r))).toEqual([]);
  });
});

describe('a hardened SAM app comes out clean, and each hardening it drops is found', () => {
  const HARDENED = 'hardened-orders.yaml';

  it('no findings, exit 0 (implicit API with IAM from Globals.Api, AutoPublishAlias, a layer, policy templates, Fn::If)', async () => {
    const run = await bulkheadCheck(fixture(HARDENED), '--format', 'json');
    expect(findingsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
  });

  const drops: Array<[string, (t: any) => void, Array<[string, string, string | null]>]> = [
    [
      'Globals.Api.Auth (the implicit API loses IAM)',
      (t) => {
        delete t.Globals.Api;
      },
      [['Bulkhead-MethodAuthorization[POST /orders]', 'CreateOrder', 'event Create, route POST /orders of ServerlessRestApi']],
    ],
    [
      'Globals.Function.KmsKeyArn',
      (t) => {
        delete t.Globals.Function.KmsKeyArn;
      },
      [['Bulkhead-EnvironmentEncryption', 'CreateOrder', null]],
    ],
    [
      'the on-failure destination of Globals.Function.EventInvokeConfig',
      (t) => {
        delete t.Globals.Function.EventInvokeConfig.DestinationConfig;
      },
      // An EventInvokeConfig declares async invocation (issue 13), so CreateOrder (API) and FulfilOrder (SQS) lose
      // their on-failure destination too, not only NightlyReport (schedule).
      [
        ['Bulkhead-AsyncFailureHandling[live.OnFailure]', 'CreateOrder', null],
        ['Bulkhead-AsyncFailureHandling[$LATEST.OnFailure]', 'FulfilOrder', null],
        ['Bulkhead-AsyncFailureHandling[$LATEST.OnFailure]', 'NightlyReport', null],
      ],
    ],
    [
      'Globals.Function.ReservedConcurrentExecutions (FulfilOrder keeps its own Fn::If)',
      (t) => {
        delete t.Globals.Function.ReservedConcurrentExecutions;
      },
      [
        ['Bulkhead-ReservedConcurrency', 'CreateOrder', null],
        ['Bulkhead-ReservedConcurrency', 'NightlyReport', null],
      ],
    ],
    [
      'the redrive policy of the queue an SQS event reads',
      (t) => {
        delete t.Resources.OrdersQueue.Properties.RedrivePolicy;
      },
      [['Bulkhead-SqsSourceRedrive', 'FulfilOrder', 'event Orders']],
    ],
    [
      'a scoped policy template, widened to a wildcard statement',
      (t) => {
        t.Resources.NightlyReport.Properties.Policies = [{ Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] }];
      },
      [
        ['Bulkhead-WildcardPermissions[Action::dynamodb:*]', 'NightlyReport', 'its generated role'],
        ['Bulkhead-WildcardPermissions[Resource::*]', 'NightlyReport', 'its generated role'],
      ],
    ],
  ];

  it.each(drops)('without %s', async (_what, change, expected) => {
    const run = await bulkheadCheck(variant(HARDENED, change), '--format', 'json');
    expect(findingsOf(run).map((f) => [f.id, f.resource, f.part ?? null])).toEqual(expected);
    expect(run.code).toBe(1);
  });

  it('Fn::If in a SAM property is judged branch by branch, as in plain templates', async () => {
    const file = variant(HARDENED, (t) => {
      t.Resources.FulfilOrder.Properties.ReservedConcurrentExecutions = { 'Fn::If': ['IsProd', 20, { Ref: 'AWS::NoValue' }] };
    });
    const found = findingsOf(await bulkheadCheck(file, '--format', 'json'));
    expect(found.map((f) => [f.id, f.resource])).toEqual([['Bulkhead-ReservedConcurrency', 'FulfilOrder']]);
    expect(found[0].message).toMatch(/IsProd/);
  });
});

describe('real-world shapes', () => {
  it('`sam init` hello-world: the open implicit API route, the missing ceiling and lockfile; a Cognito PreSignUp trigger is synchronous', async () => {
    const run = await bulkheadCheck(fixture('hello-world/template.yaml'), '--format', 'json');
    expect(findingsOf(run).map(located)).toEqual([
      ['Bulkhead-AssetLockfile', 'HelloWorldFunction', null, 17],
      ['Bulkhead-ReservedConcurrency', 'HelloWorldFunction', null, 17],
      ['Bulkhead-MethodAuthorization[GET /hello]', 'HelloWorldFunction', 'event HelloWorld, route GET /hello of ServerlessRestApi', 26],
      ['Bulkhead-AssetLockfile', 'SignUpTrigger', null, 32],
    ]);
  });

  it('a Cognito custom sender trigger is asynchronous, so the async rule applies', async () => {
    const file = variant('hello-world/template.yaml', (t) => {
      t.Resources.SignUpTrigger.Properties.Events.SignUp.Properties.Trigger = 'CustomEmailSender';
    });
    const found = findingsOf(await bulkheadCheck(file, '--format', 'json'));
    expect(found.filter((f) => f.resource === 'SignUpTrigger').map((f) => f.id)).toEqual([
      'Bulkhead-AssetLockfile',
      'Bulkhead-AsyncFailureHandling[OnFailure]',
    ]);
  });
});

describe('findings point at the SAM source in every format', () => {
  const FILE = fixture('flaws-in-functions.yaml');

  it('text: the SAM resource, the generated part and the line', async () => {
    const run = await bulkheadCheck(FILE);
    expect(run.stdout).toMatch(/ERROR {3}Bulkhead-AdminManagedPolicy +Admin \(its generated role\) \(line 43\): /);
    expect(run.stdout).toMatch(/ERROR {3}Bulkhead-SharedRole +PayIn \(line 14\): /);
    expect(run.stdout).not.toMatch(/AdminRole \(/);
  });

  it('JSON: resource, part, the generated logical ID and the line', async () => {
    const found = findingsOf(await bulkheadCheck(FILE, '--format', 'json'));
    expect(found.find((f) => f.rule === 'Bulkhead-AdminManagedPolicy')).toMatchObject({
      resource: 'Admin',
      part: 'its generated role',
      generatedId: 'AdminRole',
      line: 43,
    });
    expect(found.find((f) => f.rule === 'Bulkhead-DynamicCode')).not.toHaveProperty('generatedId');
  });

  it("JSON SAM files: parts point at their own key's line too", async () => {
    const template = {
      Transform: 'AWS::Serverless-2016-10-31',
      Globals: { Function: { Runtime: 'nodejs22.x', Handler: 'index.handler', FunctionUrlConfig: { AuthType: 'NONE' } } },
      Resources: {
        Jobs: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/jobs' } },
        Worker: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            InlineCode: 'exports.handler = async () => 1;',
            ReservedConcurrentExecutions: 1,
            Events: { Job: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['Jobs', 'Arn'] } } } },
          },
        },
      },
    };
    const text = JSON.stringify(template, null, 2);
    const file = path.join(tmp, 'worker.json');
    fs.writeFileSync(file, text);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const found = findingsOf(await bulkheadCheck(file, '--format', 'json'));
    expect(found.find((f) => f.rule === 'Bulkhead-SqsSourceRedrive')).toMatchObject({
      resource: 'Worker',
      part: 'event Job',
      line: lineOf('"Job":'),
    });
    expect(found.find((f) => f.rule === 'Bulkhead-FunctionUrlAuth')).toMatchObject({
      resource: 'Worker',
      part: 'its function URL',
      line: lineOf('"FunctionUrlConfig":'),
    });
    expect(found.find((f) => f.rule === 'Bulkhead-QueueTlsOnly')).toMatchObject({ resource: 'Jobs', line: lineOf('"Jobs":') });
  });

  it('SARIF: the line of the SAM resource, the part in the message, the generated ID as the qualified name', async () => {
    const sarif = JSON.parse((await bulkheadCheck(FILE, '--format', 'sarif')).stdout);
    const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'Bulkhead-AdminManagedPolicy');
    expect(result.message.text).toMatch(/^Admin \(its generated role\): /);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 43 });
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('test/fixtures/sam/flaws-in-functions.yaml');
    expect(result.locations[0].logicalLocations[0]).toEqual({ name: 'Admin', kind: 'resource', fullyQualifiedName: 'Admin/AdminRole' });
  });
});

describe('acknowledgements in SAM Metadata apply to what the resource generates', () => {
  it("on the function: its generated role's findings and its not-judged warnings", async () => {
    const file = variant('flaws-in-functions.yaml', (t) => {
      t.Resources.Admin.Metadata = {
        cdk_nag: {
          rules_to_suppress: [
            { id: 'Bulkhead-WildcardPermissions', reason: 'break-glass function, reviewed' },
            { id: 'Bulkhead-AdminManagedPolicy', reason: 'break-glass function, reviewed' },
          ],
        },
      };
    });
    const found = findingsOf(await bulkheadCheck(file, '--format', 'json'));
    expect(found.filter((f) => f.resource === 'Admin').map((f) => f.rule)).toEqual([
      'Bulkhead-AssetLockfile',
      'Bulkhead-AsyncFailureHandling',
      'Bulkhead-EnvironmentEncryption',
      'Bulkhead-ReservedConcurrency',
    ]);
    const notJudged = variant('flaws-in-policy-templates.yaml', (t) => {
      t.Resources.Reader.Metadata = {
        cdk_nag: {
          rules_to_suppress: [
            { id: 'Bulkhead-SamNotJudged', applies_to: ['Policies.MadeUpTemplatePolicy'], reason: 'grants sqs:SendMessage on one queue' },
          ],
        },
      };
    });
    expect(findingsOf(await bulkheadCheck(notJudged, '--format', 'json')).map((f) => f.id)).toEqual([
      'Bulkhead-WildcardPermissions[Resource::*]',
    ]);
  });
});

describe('cdk-nag packs on SAM', () => {
  it('--packs aws-solutions,serverless judges the expansion and names the SAM resources', async () => {
    const run = await bulkheadCheck(fixture('flaws-in-functions.yaml'), '--packs', 'aws-solutions,serverless', '--format', 'json');
    const found = findingsOf(run);
    expect(run.code).toBe(1);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'Serverless-LambdaDefaultMemorySize', resource: 'Admin' }),
        expect.objectContaining({ rule: 'AwsSolutions-IAM4', resource: 'Admin', part: 'its generated role' }),
      ]),
    );
    expect(found.every((f) => !/Role$|Url$/.test(f.resource))).toBe(true);
  });
});

describe('SAM shapes this check does not expand are reported, and the rest is still judged', () => {
  it('a nested Application and an unknown function property: warnings naming them, exit by the other findings', async () => {
    const file = path.join(tmp, 'app.yaml');
    fs.writeFileSync(
      file,
      stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Auth: {
            Type: 'AWS::Serverless::Application',
            Properties: {
              Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:111122223333:applications/auth', SemanticVersion: '1.0.0' },
            },
          },
          Fn: {
            Type: 'AWS::Serverless::Function',
            Properties: {
              Runtime: 'nodejs22.x',
              Handler: 'index.handler',
              InlineCode: 'exports.handler = async () => 1;',
              ReservedConcurrentExecutions: 1,
              FunctionUrlConfig: { AuthType: 'AWS_IAM' },
              FutureSetting: true,
            },
          },
        },
      }),
    );
    const run = await bulkheadCheck(file, '--format', 'json');
    expect(findingsOf(run).map((f) => [f.id, f.resource, f.level])).toEqual([
      ['Bulkhead-SamNotJudged[Type]', 'Auth', 'warning'],
      ['Bulkhead-SamNotJudged[FutureSetting]', 'Fn', 'warning'],
    ]);
    expect(run.code).toBe(0);
    expect((await bulkheadCheck(file, '--fail-on', 'warning')).code).toBe(1);
  });
});

describe('bad SAM input: exit 2 naming the resource and the property, never a trace', () => {
  const base = (resources: object, extra: object = {}): object => ({
    Transform: 'AWS::Serverless-2016-10-31',
    ...extra,
    Resources: resources,
  });
  const fn = (properties: object): object => ({
    Type: 'AWS::Serverless::Function',
    Properties: { Runtime: 'nodejs22.x', Handler: 'i.h', InlineCode: 'x', ...properties },
  });
  const cases: Array<[string, object, RegExp]> = [
    ['Globals as a list', base({ F: fn({}) }, { Globals: ['Function'] }), /resource Globals: Globals must be a map of sections/],
    ['an unknown Globals section', base({ F: fn({}) }, { Globals: { Lambda: {} } }), /Globals\.Lambda is not a Globals section SAM knows/],
    [
      'a property SAM refuses in Globals',
      base({ F: fn({}) }, { Globals: { Function: { Policies: ['AdministratorAccess'] } } }),
      /Globals\.Function\.Policies is not a property SAM accepts in Globals/,
    ],
    [
      'an event that is a string',
      base({ F: fn({ Events: { Q: 'SQS' } }) }),
      /resource F: Events\.Q must be a map with Type and Properties, not a string/,
    ],
    [
      'an unknown event type',
      base({ F: fn({ Events: { Q: { Type: 'Carrier', Properties: {} } } }) }),
      /resource F: Events\.Q\.Type 'Carrier' is not an event type SAM knows/,
    ],
    [
      'an SQS event without its queue',
      base({ F: fn({ Events: { Q: { Type: 'SQS', Properties: { BatchSize: 5 } } } }) }),
      /resource F: Events\.Q\.Properties\.Queue is missing; SAM requires the ARN of the queue/,
    ],
    [
      'a Kinesis event without StartingPosition',
      base({ F: fn({ Events: { K: { Type: 'Kinesis', Properties: { Stream: 'arn:aws:kinesis:eu-west-1:111122223333:stream/s' } } } }) }),
      /Events\.K\.Properties\.StartingPosition is missing/,
    ],
    [
      'a policy template without its parameter',
      base({ F: fn({ Policies: [{ DynamoDBCrudPolicy: {} }] }) }),
      /resource F: Policies\[0\]\.DynamoDBCrudPolicy\.TableName is missing; policy template DynamoDBCrudPolicy needs TableName/,
    ],
    ['Policies of the wrong type', base({ F: fn({ Policies: 5 }) }), /resource F: Policies must be a policy name or ARN/],
    [
      'ProvisionedConcurrencyConfig without AutoPublishAlias',
      base({ F: fn({ ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 1 } }) }),
      /resource F: ProvisionedConcurrencyConfig needs AutoPublishAlias/,
    ],
    [
      'an Api event naming an authorizer the API does not define',
      base({ F: fn({ Events: { A: { Type: 'Api', Properties: { Path: '/', Method: 'get', Auth: { Authorizer: 'Corp' } } } } }) }),
      /resource F: Events\.A\.Properties\.Auth\.Authorizer names authorizer 'Corp', which is not in the API's Auth\.Authorizers/,
    ],
    [
      'an Api event whose RestApiId is not an API of the template',
      base({ F: fn({ Events: { A: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: 'abc123' } } } }) }),
      /Events\.A\.Properties\.RestApiId must be a Ref to \(or the logical ID of\) an AWS::Serverless::Api of this template/,
    ],
    [
      'a function without code',
      base({ F: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'i.h' } } }),
      /resource F: CodeUri is missing/,
    ],
    [
      'Properties that are a list',
      base({ F: { Type: 'AWS::Serverless::Function', Properties: [] } }),
      /resource F: Properties must be a map, not a list/,
    ],
    [
      'a generated ID that collides with a resource',
      base({ F: fn({}), FRole: { Type: 'AWS::SNS::Topic' } }),
      /resource F: its logical ID generates FRole, which is already a resource of the template/,
    ],
  ];

  it.each(cases)('%s', async (_what, template, reason) => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(template));
    const run = await bulkheadCheck(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toMatch(/^bulkhead check: .*bad\.json: SAM template: resource /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });
});
