import { ACCOUNT, AdversarialCase, bad, clean, fn, tpl } from './case';

/** T1: over-privileged roles, written the ways policies are really written (JSON strings, ARN wildcards, several spellings). */

const T = 'T1';
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const BUCKET = 'arn:aws:s3:::orders-uploads-111111111111';
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;

const role = (statements: unknown[], extra: object = {}): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust,
    Policies: [{ PolicyName: 'fn', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    ...extra,
  },
});
const managed = (...arns: unknown[]): object => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: arns },
});
const withRole = (r: object, extra: object = {}): object =>
  tpl({ Role: r, Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }), ...extra });
const allow = (Action: unknown, Resource: unknown): object => ({ Effect: 'Allow', Action, Resource });

const wildcard = (id: string, cls: string, statements: unknown[]): AdversarialCase =>
  bad(id, T, cls, ['WildcardPermissions'], withRole(role(statements)));
const okPolicy = (id: string, cls: string, statements: unknown[]): AdversarialCase => clean(id, T, cls, withRole(role(statements)));
const admin = (id: string, cls: string, ...arns: unknown[]): AdversarialCase =>
  bad(id, T, cls, ['AdminManagedPolicy'], withRole(managed(...arns)));
const subDocument = (text: string): object => ({ 'Fn::Sub': text });

export const T1_CASES: AdversarialCase[] = [
  wildcard('t1-star-star', 'wildcard-action', [allow('*', '*')]),
  wildcard('t1-service-star', 'wildcard-action', [allow('s3:*', BUCKET)]),
  wildcard('t1-mixed-case-service', 'wildcard-action', [allow('DynamoDB:*', TABLE)]),
  wildcard('t1-star-colon-star', 'wildcard-action', [allow('*:*', BUCKET)]),
  wildcard('t1-question-service', 'wildcard-question', [allow('s?:*', BUCKET)]),
  wildcard('t1-question-all', 'wildcard-question', [allow('?*', BUCKET)]),
  wildcard('t1-question-action', 'wildcard-question', [allow('iam:??????????????????????????????', '*')]),
  wildcard('t1-star-question-star', 'wildcard-question', [allow('*?*:*', BUCKET)]),
  wildcard('t1-arn-s3-all-objects', 'wildcard-arn', [allow('s3:GetObject', 'arn:aws:s3:::*/*')]),
  wildcard('t1-arn-s3-all-buckets', 'wildcard-arn', [allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::*')]),
  wildcard('t1-arn-dynamodb-any', 'wildcard-arn', [allow('dynamodb:DeleteItem', 'arn:aws:dynamodb:*:*:table/*')]),
  wildcard('t1-arn-secrets-any', 'wildcard-arn', [
    allow('secretsmanager:GetSecretValue', { 'Fn::Sub': 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*' }),
  ]),
  wildcard('t1-arn-question-bucket', 'wildcard-arn', [allow('s3:GetObject', 'arn:aws:s3:::??????????????/*')]),
  wildcard('t1-arn-lambda-any', 'wildcard-arn', [
    allow('lambda:InvokeFunction', {
      'Fn::Join': ['', ['arn:aws:lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':function:*']],
    }),
  ]),
  wildcard('t1-not-action', 'not-action', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
  wildcard('t1-not-resource', 'not-action', [{ Effect: 'Allow', Action: 's3:DeleteObject', NotResource: `${BUCKET}/keep/*` }]),
  wildcard('t1-single-statement-object', 'wildcard-action', [{ Effect: 'Allow', Action: ['logs:*'], Resource: ['*'] }]),
  bad(
    't1-policy-json-sub',
    T,
    'policy-json-text',
    ['WildcardPermissions'],
    withRole(role([allow('s3:GetObject', BUCKET)]), {
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'extra',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: subDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'),
        },
      },
    }),
  ),
  bad(
    't1-policy-json-sub-vars',
    T,
    'policy-json-text',
    ['WildcardPermissions'],
    withRole(role([allow('s3:GetObject', BUCKET)]), {
      Extra: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: subDocument(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:*"],"Resource":"arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders"}]}',
          ),
        },
      },
    }),
  ),
  bad(
    't1-policy-json-string',
    T,
    'policy-json-text',
    ['WildcardPermissions'],
    withRole(role([allow('s3:GetObject', BUCKET)]), {
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'extra',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
        },
      },
    }),
  ),
  bad(
    't1-inline-policy-json-sub',
    T,
    'policy-json-text',
    ['WildcardPermissions'],
    withRole({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: trust,
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: subDocument(
              '{"Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*"}]}',
            ),
          },
        ],
      },
    }),
  ),
  admin('t1-admin', 'managed-admin', 'arn:aws:iam::aws:policy/AdministratorAccess'),
  admin('t1-admin-sub-partition', 'managed-admin', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess' }),
  admin('t1-full-access-s3', 'managed-full-access', 'arn:aws:iam::aws:policy/AmazonS3FullAccess'),
  admin('t1-full-access-dynamodb', 'managed-full-access', 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess'),
  admin('t1-full-access-lambda', 'managed-full-access', 'arn:aws:iam::aws:policy/AWSLambda_FullAccess'),
  admin('t1-full-access-secrets', 'managed-full-access', {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/SecretsManagerReadWrite']],
  }),
  admin('t1-job-function-sysadmin', 'managed-job-function', 'arn:aws:iam::aws:policy/job-function/SystemAdministrator'),
  admin('t1-job-function-dba', 'managed-job-function', 'arn:aws:iam::aws:policy/job-function/DatabaseAdministrator'),
  admin('t1-job-function-network', 'managed-job-function', 'arn:aws:iam::aws:policy/job-function/NetworkAdministrator'),
  bad(
    't1-shared-literal',
    T,
    'shared-role',
    ['SharedRole'],
    tpl({
      A: fn('a', { Role: `arn:aws:iam::${ACCOUNT}:role/orders-shared` }),
      B: fn('b', { Role: `arn:aws:iam::${ACCOUNT}:role/orders-shared` }),
    }),
  ),
  bad(
    't1-shared-getatt-forms',
    T,
    'shared-role',
    ['SharedRole'],
    tpl({
      Role: role([allow('s3:GetObject', `${BUCKET}/*`)]),
      A: fn('a', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
      B: fn('b', { Role: { 'Fn::GetAtt': 'Role.Arn' } }),
    }),
  ),
  bad(
    't1-shared-getatt-and-literal',
    T,
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      Role: role([allow('s3:GetObject', `${BUCKET}/*`)], { RoleName: 'orders-handlers' }),
      A: fn('a', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
      B: fn('b', { Role: `arn:aws:iam::${ACCOUNT}:role/orders-handlers` }),
    }),
  ),
  bad(
    't1-shared-getatt-and-sub',
    T,
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      Role: role([allow('s3:GetObject', `${BUCKET}/*`)]),
      A: fn('a', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
      B: fn('b', { Role: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}' } }),
    }),
  ),
  bad(
    't1-shared-sub-and-join',
    T,
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      A: fn('a', { Role: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/orders-worker' } }),
      B: fn('b', { Role: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/orders-worker']] } }),
    }),
  ),
  bad(
    't1-shared-path-and-literal',
    T,
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      Role: role([allow('s3:GetObject', `${BUCKET}/*`)], { RoleName: 'orders-api', Path: '/service/' }),
      A: fn('a', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
      B: fn('b', { Role: `arn:aws:iam::${ACCOUNT}:role/service/orders-api` }),
    }),
  ),

  // Clean look-alikes.
  okPolicy('t1-ok-scoped', 'lookalike-scoped', [
    allow(['s3:GetObject', 's3:PutObject'], `${BUCKET}/uploads/*`),
    allow('dynamodb:GetItem', TABLE),
  ]),
  okPolicy('t1-ok-partial-prefix', 'lookalike-scoped', [allow(['s3:Get*', 's3:List*'], [BUCKET, `${BUCKET}/*`])]),
  okPolicy('t1-ok-xray', 'lookalike-no-resource-level', [allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*')]),
  okPolicy('t1-ok-log-delivery', 'lookalike-no-resource-level', [
    allow(
      [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      '*',
    ),
  ]),
  okPolicy('t1-ok-ml-apis', 'lookalike-no-resource-level', [
    allow(['rekognition:DetectLabels', 'comprehend:DetectSentiment', 'textract:AnalyzeDocument', 'pricing:GetProducts'], '*'),
  ]),
  okPolicy('t1-ok-vpc-eni', 'lookalike-no-resource-level', [
    allow(['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], '*'),
  ]),
  okPolicy('t1-ok-deny-not-action', 'lookalike-deny', [
    allow('s3:GetObject', `${BUCKET}/*`),
    { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' },
  ]),
  okPolicy('t1-ok-deny-star', 'lookalike-deny', [
    allow('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`),
    { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ]),
  okPolicy('t1-ok-star-in-key', 'lookalike-scoped', [allow('s3:GetObject', `${BUCKET}/public/*.json`)]),
  okPolicy('t1-ok-log-stream-star', 'lookalike-scoped', [
    allow(['logs:CreateLogStream', 'logs:PutLogEvents'], {
      'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders-fn:*',
    }),
  ]),
  clean(
    't1-ok-basic-execution',
    T,
    'lookalike-managed',
    withRole(
      managed('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess'),
    ),
  ),
  clean(
    't1-ok-vpc-managed',
    T,
    'lookalike-managed',
    withRole(managed({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' })),
  ),
  clean(
    't1-ok-customer-managed-named-full',
    T,
    'lookalike-managed',
    withRole(managed(`arn:aws:iam::${ACCOUNT}:policy/OrdersFullAccessForReports`)),
  ),
  clean(
    't1-ok-two-roles',
    T,
    'lookalike-shared-role',
    tpl({
      RoleA: role([allow('s3:GetObject', `${BUCKET}/*`)], { RoleName: 'orders-a' }),
      RoleB: role([allow('s3:PutObject', `${BUCKET}/*`)], { RoleName: 'orders-b' }),
      A: fn('a', { Role: { 'Fn::GetAtt': ['RoleA', 'Arn'] } }),
      B: fn('b', { Role: `arn:aws:iam::${ACCOUNT}:role/orders-b` }),
    }),
  ),
  clean(
    't1-ok-similar-role-names',
    T,
    'lookalike-shared-role',
    tpl({
      A: fn('a', { Role: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/orders-worker' } }),
      B: fn('b', { Role: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/orders-worker-2' } }),
    }),
  ),
  clean(
    't1-ok-policy-json-sub-scoped',
    T,
    'lookalike-policy-json',
    withRole(role([allow('s3:GetObject', `${BUCKET}/*`)]), {
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'extra',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: subDocument(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:orders"}]}',
          ),
        },
      },
    }),
  ),
];
