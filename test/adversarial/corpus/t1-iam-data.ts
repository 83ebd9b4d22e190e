import { ACCOUNT, AdversarialCase, bad, clean, fn, tpl } from './case';

/**
 * T1 judged by AWS's action data (Service Authorization Reference): actions that can only be granted on `*`,
 * CloudWatch Logs delivery, action patterns expanded against the real action names, and the other IAM classes of
 * issue 13 (managed policies, NotAction/NotResource, ARN and `?` wildcards, JSON text in Fn::Sub), each with clean
 * look-alikes.
 */

const T = 'T1';
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const BUCKET = 'arn:aws:s3:::orders-reports-111111111111';
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
const FUNCTION = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-worker`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-worker`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee`;

const allow = (Action: unknown, Resource: unknown): object => ({ Effect: 'Allow', Action, Resource });
const role = (statements: unknown[]): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust,
    Policies: [{ PolicyName: 'fn', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  },
});
const managed = (...arns: unknown[]): object => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: arns },
});
const withRole = (r: object, extra: object = {}): object =>
  tpl({ Role: r, Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }), ...extra });
/** A role whose policy is an AWS::IAM::Policy written as JSON text in Fn::Sub. */
const subPolicy = (json: string): object =>
  withRole(role([allow('s3:GetObject', `${BUCKET}/*`)]), {
    Extra: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'extra', Roles: [{ Ref: 'Role' }], PolicyDocument: { 'Fn::Sub': json } } },
  });

const wildcard = (id: string, cls: string, statements: unknown[]): AdversarialCase =>
  bad(id, T, cls, ['WildcardPermissions'], withRole(role(statements)));
const ok = (id: string, cls: string, statements: unknown[]): AdversarialCase => clean(id, T, cls, withRole(role(statements)));
const admin = (id: string, cls: string, ...arns: unknown[]): AdversarialCase =>
  bad(id, T, cls, ['AdminManagedPolicy'], withRole(managed(...arns)));
const okManaged = (id: string, cls: string, ...arns: unknown[]): AdversarialCase => clean(id, T, cls, withRole(managed(...arns)));

export const T1_DATA_CASES: AdversarialCase[] = [
  // Actions AWS does not let you scope to a resource: `*` is the only way to grant them.
  ok('t1d-ok-ai-services', 'lookalike-no-resource-level', [
    allow(['polly:DescribeVoices', 'comprehend:DetectKeyPhrases', 'rekognition:DetectText', 'textract:DetectDocumentText'], '*'),
  ]),
  ok('t1d-ok-describe-network', 'lookalike-no-resource-level', [
    allow(['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'], '*'),
  ]),
  ok('t1d-ok-account-listings', 'lookalike-no-resource-level', [
    allow(['sts:GetCallerIdentity', 'ssm:DescribeParameters', 's3:ListAllMyBuckets', 'ecr:GetAuthorizationToken'], '*'),
  ]),
  ok('t1d-ok-unknown-service', 'lookalike-no-resource-level', [allow(['newservice:DescribeThings'], '*')]),
  // Look-alikes of those that do take a resource: `*` grants them on every resource.
  wildcard('t1d-custom-labels', 'no-resource-level-lookalike', [
    allow(['rekognition:DetectLabels', 'rekognition:DetectCustomLabels'], '*'),
  ]),
  wildcard('t1d-comprehend-endpoint', 'no-resource-level-lookalike', [
    allow(['comprehend:DetectSentiment', 'comprehend:DetectEntities'], '*'),
  ]),
  wildcard('t1d-bedrock-any-model', 'no-resource-level-lookalike', [allow(['bedrock:InvokeModel'], '*')]),
  wildcard('t1d-assume-any-role', 'no-resource-level-lookalike', [allow(['sts:GetCallerIdentity', 'sts:AssumeRole'], '*')]),
  wildcard('t1d-pass-any-role', 'no-resource-level-lookalike', [allow(['iam:PassRole'], '*')]),
  wildcard('t1d-misspelt-action', 'no-resource-level-lookalike', [allow(['s3:GetObjects'], '*')]),

  // CloudWatch Logs delivery of vended logs (Step Functions, API Gateway): AWS documents `Resource: "*"`.
  ok('t1d-ok-step-functions-logging', 'lookalike-log-delivery', [
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
  ok('t1d-ok-log-delivery-list-form', 'lookalike-log-delivery', [
    allow(['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:ListLogDeliveries'], ['*']),
  ]),
  wildcard('t1d-log-writes-any-group', 'log-delivery-lookalike', [allow(['logs:CreateLogDelivery', 'logs:PutLogEvents'], '*')]),
  wildcard('t1d-log-delivery-v2-pattern', 'log-delivery-lookalike', [allow(['logs:*Delivery*'], '*')]),

  // Action patterns, expanded against the real action names.
  ok('t1d-ok-pattern-no-resource', 'lookalike-action-pattern', [allow(['xray:PutTrace*', 'xray:PutTelemetry*'], '*')]),
  ok('t1d-ok-pattern-invoke-one', 'lookalike-action-pattern', [allow(['lambda:Invoke*'], FUNCTION)]),
  ok('t1d-ok-pattern-items-one-table', 'lookalike-action-pattern', [allow(['dynamodb:*Item', 'dynamodb:Query'], TABLE)]),
  ok('t1d-ok-pattern-data-key', 'lookalike-action-pattern', [allow(['kms:GenerateDataKey*', 'kms:Decrypt'], KEY)]),
  ok('t1d-ok-pattern-object-reads', 'lookalike-action-pattern', [allow(['s3:GetObject*', 's3:List*'], [BUCKET, `${BUCKET}/*`])]),
  wildcard('t1d-pattern-n-n-n', 'action-pattern', [allow(['lambda:*n*n*n'], '*')]),
  wildcard('t1d-pattern-get-star', 'action-pattern', [allow(['s3:Get*'], '*')]),
  wildcard('t1d-pattern-across-colon', 'action-pattern', [allow(['s3*Object'], '*')]),
  wildcard('t1d-pattern-question-pass-role', 'action-pattern', [allow(['iam:Pass?ole'], '*')]),
  wildcard('t1d-pattern-policy-on-role', 'action-pattern', [allow(['iam:*Policy*'], ROLE)]),
  wildcard('t1d-pattern-put-on-bucket', 'action-pattern', [allow(['s3:Put*'], BUCKET)]),
  wildcard('t1d-pattern-permission-on-function', 'action-pattern', [allow(['lambda:*Permission'], FUNCTION)]),
  wildcard('t1d-pattern-object-acl', 'action-pattern', [allow(['s3:PutObject*'], `${BUCKET}/*`)]),

  // AWS managed policies that grant a whole service, or admin-like job functions.
  admin('t1d-managed-iam-full', 'managed-full-access', 'arn:aws:iam::aws:policy/IAMFullAccess'),
  admin('t1d-managed-sqs-full', 'managed-full-access', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonSQSFullAccess' }),
  admin('t1d-managed-cloudwatch-full-v2', 'managed-full-access', 'arn:aws:iam::aws:policy/CloudWatchFullAccessV2'),
  admin('t1d-managed-step-functions-full', 'managed-full-access', 'arn:aws:iam::aws:policy/AWSStepFunctionsFullAccess'),
  admin('t1d-managed-power-user', 'managed-admin', 'arn:aws:iam::aws:policy/PowerUserAccess'),
  admin('t1d-managed-beanstalk-admin', 'managed-admin', 'arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk'),
  admin('t1d-managed-lambda-execute', 'managed-whole-service', 'arn:aws:iam::aws:policy/AWSLambdaExecute'),
  admin('t1d-managed-lambda-role', 'managed-whole-service', {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaRole']],
  }),
  okManaged('t1d-ok-managed-xray-write', 'lookalike-managed', 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess'),
  okManaged(
    't1d-ok-managed-sqs-execution',
    'lookalike-managed',
    'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
    'arn:aws:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy',
  ),
  okManaged('t1d-ok-customer-policy-named-admin', 'lookalike-managed', `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`),

  // NotAction / NotResource with Allow, and their Deny look-alikes.
  wildcard('t1d-not-action-scoped-resource', 'not-action', [
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: BUCKET },
  ]),
  wildcard('t1d-not-resource-star-action', 'not-action', [{ Effect: 'Allow', Action: 'dynamodb:GetItem', NotResource: TABLE }]),
  ok('t1d-ok-deny-not-resource', 'lookalike-deny', [
    allow('dynamodb:GetItem', TABLE),
    { Effect: 'Deny', Action: 'dynamodb:*', NotResource: TABLE },
  ]),

  // Wildcards in ARNs and `?` wildcards.
  wildcard('t1d-arn-any-queue', 'wildcard-arn', [allow('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:*`)]),
  wildcard('t1d-arn-any-key', 'wildcard-arn', [allow('kms:Decrypt', `arn:aws:kms:*:${ACCOUNT}:key/*`)]),
  wildcard('t1d-question-service', 'wildcard-question', [allow('???:*', BUCKET)]),
  ok('t1d-ok-arn-prefix-queue', 'lookalike-scoped', [allow('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-*`)]),

  // Policies written as JSON text in Fn::Sub.
  bad(
    't1d-sub-json-pattern',
    T,
    'policy-json-text',
    ['WildcardPermissions'],
    subPolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}'),
  ),
  clean(
    't1d-ok-sub-json-no-resource-level',
    T,
    'lookalike-policy-json',
    subPolicy(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegments","rekognition:DetectLabels"],"Resource":"*"}]}',
    ),
  ),
];
