import { ACCOUNT, AdversarialCase, clean, DLQ_ARN, envFn, fn, KEY_ARN, tpl } from './case';

/** More clean look-alikes: what careful engineers write that resembles the dirty cases. */

const vars = (id: string, v: { [k: string]: unknown }, sections: { [k: string]: unknown } = {}): AdversarialCase =>
  clean(id, 'T2', 'lookalike-setting', tpl({ Fn: envFn(v) }, sections));
const code = (id: string, zip: string, runtime = 'nodejs22.x'): AdversarialCase =>
  clean(
    id,
    'T6',
    runtime.startsWith('python') ? 'lookalike-python' : 'lookalike-js',
    tpl({ Fn: fn('fn', { Runtime: runtime, Code: { ZipFile: zip } }) }),
  );
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export const MORE_LOOKALIKES: AdversarialCase[] = [
  vars('t2-ok-feature-flags', { FEATURE_PASSWORDLESS_LOGIN: 'enabled', SECRET_SCANNING_MODE: 'strict', TOKEN_CACHE_STRATEGY: 'lru' }),
  vars('t2-ok-oauth-scopes', { OAUTH_CLIENT_ID: 'orders-web', TOKEN_SCOPES: 'openid profile email', API_KEY_LOCATION: 'header' }),
  vars('t2-ok-kms-alias', { ENCRYPTION_KEY_ALIAS: 'alias/orders-data', SIGNING_KEY_ARN: KEY_ARN }),
  vars('t2-ok-log-level', { LOG_LEVEL: 'info', POWERTOOLS_SERVICE_NAME: 'orders', NODE_OPTIONS: '--enable-source-maps' }),
  vars('t2-ok-paths', { SECRETS_DIR: '/opt/secrets', PASSWORD_TEMPLATE_PATH: 'templates/reset-password.html' }),
  vars('t2-ok-sub-secret-arn', {
    DB_SECRET: { 'Fn::Sub': 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:orders/db' },
    API_TOKEN_PARAM: { 'Fn::Sub': '/orders/${AWS::Region}/api-token' },
  }),
  vars('t2-ok-join-host', {
    DB_HOST: { 'Fn::Join': ['.', ['db', { Ref: 'AWS::Region' }, 'internal']] },
    TOKEN_URL: { 'Fn::Join': ['', ['https://auth.', { Ref: 'AWS::URLSuffix' }, '/token']] },
  }),
  vars(
    't2-ok-mapping-hosts',
    { DB_HOST: { 'Fn::FindInMap': ['Hosts', 'prod', 'Db'] } },
    { Mappings: { Hosts: { prod: { Db: 'db.prod.internal' } } } },
  ),
  code('t6-ok-worker-file', "const { Worker } = require('worker_threads');\nexports.handler = async () => { new Worker('./job.js'); };"),
  code('t6-ok-import-literal', "exports.handler = async () => { const m = await import('node:path'); return m.sep; };"),
  code('t6-ok-function-call-method', 'const api = { call: (x) => x };\nexports.handler = async (e) => api.call(e.id);'),
  code(
    't6-ok-vm-free-sandbox-name',
    'const sandbox = { runInContext: (x) => x };\nexports.handler = async (e) => sandbox.runInContext(e.id);',
  ),
  code('t6-ok-py-json', 'import json\n\ndef handler(event, context):\n    return json.loads(event["body"])\n', 'python3.13'),
  code(
    't6-ok-py-shlex',
    'import shlex, subprocess\n\ndef handler(event, context):\n    return subprocess.run(["grep", shlex.quote(event["q"]), "/tmp/x"], check=False)\n',
    'python3.13',
  ),
  clean(
    't1-ok-inline-and-managed',
    'T1',
    'lookalike-scoped',
    tpl({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: {
                Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders` }],
              },
            },
          ],
        },
      },
      Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
    }),
  ),
  clean(
    't1-ok-condition-scoped-put-metric',
    'T1',
    'lookalike-no-resource-level',
    tpl({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'cloudwatch:PutMetricData',
                    Resource: '*',
                    Condition: { StringEquals: { 'cloudwatch:namespace': 'Orders' } },
                  },
                ],
              },
            },
          ],
        },
      },
      Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
    }),
  ),
  clean(
    't4-ok-sqs-only-no-dlq',
    'T5',
    'sync-invoker',
    tpl({
      Fn: fn('fn', { DeadLetterConfig: undefined }),
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: { KmsMasterKeyId: KEY_ARN, VisibilityTimeout: 60, RedrivePolicy: { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 } },
      },
      QueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'Queue' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 'sqs:*',
                Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] },
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
      },
    }),
  ),
  clean(
    't4-ok-url-only-no-dlq',
    'T5',
    'sync-invoker',
    tpl({
      Fn: fn('fn', { DeadLetterConfig: undefined }),
      Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: 'AWS_IAM' } },
    }),
  ),
  clean(
    't7-ok-url-if-both-iam',
    'T7',
    'lookalike-url',
    tpl(
      {
        Fn: fn('fn'),
        Url: {
          Type: 'AWS::Lambda::Url',
          Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: { 'Fn::If': ['Dev', 'AWS_IAM', 'AWS_IAM'] } },
        },
      },
      { Conditions: { Dev: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] } } },
    ),
  ),
  clean(
    't7-ok-permission-sns-scoped',
    'T7',
    'lookalike-permission',
    tpl({
      Fn: fn('fn'),
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Fn' },
          Principal: 'sns.amazonaws.com',
          SourceArn: { 'Fn::Sub': 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:orders-events' },
        },
      },
    }),
  ),
];
