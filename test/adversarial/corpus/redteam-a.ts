import { ACCOUNT, AdversarialCase, DLQ_ARN, KEY_ARN, SAFE_JS, bad, clean, fn, tpl } from './case';

/**
 * Independent red-team pass (issue 13) on T1 (IAM), T7 (public invocation) and T4/T5 (failure handling), written
 * from THREATS.md, RULES.md and the issue only, the way templates are written by hand: YAML short-form intrinsics,
 * `Fn::Sub` with variable maps, `Fn::If` with conditions and `AWS::NoValue`, `Fn::Select`/`Fn::Split`,
 * `Fn::FindInMap`, parameters with defaults, one resource spelled several ways; plus clean look-alikes and logical
 * IDs that are also names of `Object.prototype`.
 */

type Props = { [key: string]: unknown };

const A = ACCOUNT;
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const doc = (statements: unknown): Props => ({ Version: '2012-10-17', Statement: statements });
const role = (props: Props = {}): Props => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST, ...props } });
const roleWith = (statements: unknown, props: Props = {}): Props =>
  role({ Policies: [{ PolicyName: 'fn', PolicyDocument: doc(statements) }], ...props });
const allow = (action: unknown, resource: unknown, more: Props = {}): Props => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...more,
});
const getAtt = (id: string, attr = 'Arn'): Props => ({ 'Fn::GetAtt': [id, attr] });
const ref = (id: string): Props => ({ Ref: id });
const sub = (text: string, vars?: Props): Props => ({ 'Fn::Sub': vars === undefined ? text : [text, vars] });
const when = (cond: string, yes: unknown, no: unknown): Props => ({ 'Fn::If': [cond, yes, no] });
const NO_VALUE = { Ref: 'AWS::NoValue' };
const COND = {
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
};
const KINESIS = `arn:aws:kinesis:eu-west-1:${A}:stream/clicks`;
const TOPIC = `arn:aws:sns:eu-west-1:${A}:orders`;
const API_SOURCE = sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/*/*/*');
const INVOKE_URI = sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations');
const BOUNDED = {
  MaximumRetryAttempts: 2,
  MaximumRecordAgeInSeconds: 3600,
  BisectBatchOnFunctionError: true,
  DestinationConfig: { OnFailure: { Destination: DLQ_ARN } },
};

/** A hardened function written in YAML; `extra` adds property lines (6 spaces in), `dlq: false` drops the DLQ. */
function yfn(id: string, extra = '', opts: { role?: string; dlq?: boolean } = {}): string {
  return (
    [
      `  ${id}:`,
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: index.handler',
      `      Role: ${opts.role ?? `arn:aws:iam::${A}:role/${id}-role`}`,
      '      Code:',
      '        ZipFile: |',
      `          ${SAFE_JS}`,
      '      MemorySize: 256',
      '      Timeout: 10',
      '      ReservedConcurrentExecutions: 5',
      `      KmsKeyArn: ${KEY_ARN}`,
      ...(opts.dlq === false ? [] : ['      DeadLetterConfig:', `        TargetArn: ${DLQ_ARN}`]),
      extra,
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n'
  );
}

/** A YAML template around these resource lines. */
const yt = (resources: string, sections = ''): string => `AWSTemplateFormatVersion: '2010-09-09'\n${sections}Resources:\n${resources}`;

const YCOND = `Parameters:
  Stage:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
`;

/** A YAML role trusting Lambda; `extra` adds property lines (6 spaces in). */
const yrole = (id: string, extra = ''): string => `  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
${extra}`;

const noDlq: Props = { DeadLetterConfig: undefined };

// ---------------------------------------------------------------------------------------------------------------
// T1: over-privileged functions
// ---------------------------------------------------------------------------------------------------------------

const T1_DIRTY: AdversarialCase[] = [
  bad(
    'rta-t1-sub-json-service-star',
    'T1',
    'policy-json-text',
    ['WildcardPermissions'],
    yt(
      yrole(
        'OrdersRole',
        `      Policies:
        - PolicyName: orders
          PolicyDocument: !Sub '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/orders"}]}'
`,
      ),
    ),
  ),
  bad(
    'rta-t1-sub-varmap-json-resource-star',
    'T1',
    'policy-json-text',
    ['WildcardPermissions'],
    tpl({
      R: role(),
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          Roles: [ref('R')],
          PolicyDocument: sub('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${Act}","Resource":"${Res}"}]}', {
            Act: 's3:GetObject',
            Res: '*',
          }),
        },
      },
    }),
  ),
  bad(
    'rta-t1-join-json-text',
    'T1',
    'policy-json-text',
    ['WildcardPermissions'],
    tpl({
      R: role({
        Policies: [
          {
            PolicyName: 'q',
            PolicyDocument: {
              'Fn::Join': [
                '',
                [
                  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:*"],"Resource":"arn:aws:sqs:',
                  ref('AWS::Region'),
                  ':',
                  ref('AWS::AccountId'),
                  ':jobs"}]}',
                ],
              ],
            },
          },
        ],
      }),
    }),
  ),
  bad(
    'rta-t1-s3-any-bucket-any-key',
    'T1',
    'wildcard-arn',
    ['WildcardPermissions'],
    tpl({ R: roleWith([allow('s3:GetObject', 'arn:aws:s3:::*/*')]) }),
  ),
  bad(
    'rta-t1-dynamodb-any-table-sub',
    'T1',
    'wildcard-arn',
    ['WildcardPermissions'],
    tpl({
      R: roleWith([
        allow(['dynamodb:GetItem', 'dynamodb:PutItem'], sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*')),
      ]),
    }),
  ),
  bad(
    'rta-t1-secrets-any-account',
    'T1',
    'wildcard-arn',
    ['WildcardPermissions'],
    tpl({ R: roleWith([allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:secret:*')]) }),
  ),
  bad(
    'rta-t1-question-bucket',
    'T1',
    'wildcard-question',
    ['WildcardPermissions'],
    tpl({ R: roleWith([allow('s3:GetObject', 'arn:aws:s3:::?*/*')]) }),
  ),
  bad(
    'rta-t1-question-action',
    'T1',
    'wildcard-question',
    ['WildcardPermissions'],
    tpl({ R: roleWith([allow('s3:?*', ['arn:aws:s3:::orders-bucket', 'arn:aws:s3:::orders-bucket/*'])]) }),
  ),
  bad(
    'rta-t1-action-uppercase',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    tpl({ R: roleWith([allow('S3:*', 'arn:aws:s3:::orders-bucket/*')]) }),
  ),
  bad(
    'rta-t1-single-statement-star-in-list',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    tpl({ R: roleWith(allow(['logs:PutLogEvents', '*'], `arn:aws:logs:eu-west-1:${A}:log-group:/aws/lambda/orders:*`)) }),
  ),
  bad(
    'rta-t1-action-parameter-default',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    tpl(
      { R: roleWith([allow(ref('Actions'), `arn:aws:iam::${A}:role/app-*`)]) },
      { Parameters: { Actions: { Type: 'String', Default: 'iam:*' } } },
    ),
  ),
  bad(
    'rta-t1-action-if',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    yt(
      yrole(
        'R',
        `      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: !If [IsProd, s3:GetObject, s3:*]
                Resource: arn:aws:s3:::orders-bucket/*
`,
      ),
      YCOND,
    ),
  ),
  bad(
    'rta-t1-action-select-split',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    yt(
      yrole(
        'R',
        `      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: !Select [1, !Split [',', 's3:GetObject,kms:*']]
                Resource: ${KEY_ARN}
`,
      ),
    ),
  ),
  bad(
    'rta-t1-action-mapping',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    tpl(
      { R: roleWith([allow({ 'Fn::FindInMap': ['Perms', 'prod', 'actions'] }, `arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`)]) },
      { Mappings: { Perms: { prod: { actions: 'ec2:*' } } } },
    ),
  ),
  bad(
    'rta-t1-notaction-allow',
    'T1',
    'not-action',
    ['WildcardPermissions'],
    tpl({ R: roleWith([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) }),
  ),
  bad(
    'rta-t1-notresource-allow',
    'T1',
    'not-action',
    ['WildcardPermissions'],
    tpl({ R: roleWith([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::audit-bucket/*' }]) }),
  ),
  bad(
    'rta-t1-passrole-star-managed-policy',
    'T1',
    'passrole-star',
    ['WildcardPermissions'],
    tpl({
      R: role(),
      M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [ref('R')], PolicyDocument: doc([allow('iam:PassRole', '*')]) } },
    }),
  ),
  bad(
    'rta-t1-assumerole-star-group-policy',
    'T1',
    'assumerole-star',
    ['WildcardPermissions'],
    tpl({
      G: { Type: 'AWS::IAM::Group' },
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'hop', Groups: [ref('G')], PolicyDocument: doc([allow('sts:AssumeRole', '*')]) },
      },
    }),
  ),
  bad(
    'rta-t1-trust-any-aws',
    'T1',
    'trust-open',
    ['WildcardPermissions'],
    tpl({
      R: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) },
      },
    }),
  ),
  bad(
    'rta-t1-trust-star-string',
    'T1',
    'trust-open',
    ['WildcardPermissions'],
    tpl({
      R: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: '*', Action: ['sts:AssumeRole', 'sts:TagSession'] }]) },
      },
    }),
  ),
  bad(
    'rta-t1-managed-admin-sub',
    'T1',
    'managed-admin',
    ['AdminManagedPolicy'],
    yt(yrole('R', "      ManagedPolicyArns:\n        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'\n")),
  ),
  bad(
    'rta-t1-managed-fullaccess-join',
    'T1',
    'managed-full-access',
    ['AdminManagedPolicy'],
    tpl({
      R: role({ ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', ref('AWS::Partition'), ':iam::aws:policy/AmazonDynamoDBFullAccess']] }] }),
    }),
  ),
  bad(
    'rta-t1-managed-parameter-default',
    'T1',
    'managed-admin',
    ['AdminManagedPolicy'],
    tpl(
      { R: role({ ManagedPolicyArns: [ref('ExtraPolicy')] }) },
      { Parameters: { ExtraPolicy: { Type: 'String', Default: 'arn:aws:iam::aws:policy/PowerUserAccess' } } },
    ),
  ),
  bad(
    'rta-t1-managed-if',
    'T1',
    'managed-admin',
    ['AdminManagedPolicy'],
    yt(
      yrole(
        'R',
        `      ManagedPolicyArns:
        - !If
          - IsProd
          - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
          - arn:aws:iam::aws:policy/AdministratorAccess
`,
      ),
      YCOND,
    ),
  ),
  bad(
    'rta-t1-managed-mapping',
    'T1',
    'managed-full-access',
    ['AdminManagedPolicy'],
    tpl(
      { R: role({ ManagedPolicyArns: [{ 'Fn::FindInMap': ['Policies', 'data', 'arn'] }] }) },
      { Mappings: { Policies: { data: { arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' } } } },
    ),
  ),
  bad(
    'rta-t1-managed-job-function-sysadmin',
    'T1',
    'managed-job-function',
    ['AdminManagedPolicy'],
    tpl({ R: role({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/job-function/SystemAdministrator'] }) }),
  ),
  bad(
    'rta-t1-managed-iam-full-user',
    'T1',
    'managed-full-access',
    ['AdminManagedPolicy'],
    tpl({ U: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/IAMFullAccess'] } } }),
  ),
  bad(
    'rta-t1-managed-lambda-underscore',
    'T1',
    'managed-full-access',
    ['AdminManagedPolicy'],
    tpl({ R: role({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSLambda_FullAccess'] }) }),
  ),
  bad(
    'rta-t1-boundary-does-not-excuse',
    'T1',
    'boundary',
    ['WildcardPermissions'],
    tpl({ R: roleWith([allow('*', '*')], { PermissionsBoundary: `arn:aws:iam::${A}:policy/dev-boundary` }) }),
  ),
  bad(
    'rta-t1-shared-getatt-and-sub',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      R: role(),
      A1: fn('a1', { Role: getAtt('R') }),
      B1: fn('b1', { Role: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${R}') }),
    }),
  ),
  bad(
    'rta-t1-shared-getatt-and-join',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    yt(
      yrole('R') +
        yfn('A1', '', { role: '!GetAtt R.Arn' }) +
        yfn('B1', '', { role: "!Join ['', ['arn:aws:iam::', !Ref 'AWS::AccountId', ':role/', !Ref R]]" }),
    ),
  ),
  bad(
    'rta-t1-shared-rolename-literal',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      R: role({ RoleName: 'orders-exec' }),
      A1: fn('a1', { Role: getAtt('R') }),
      B1: fn('b1', { Role: `arn:aws:iam::${A}:role/orders-exec` }),
    }),
  ),
  bad(
    'rta-t1-shared-role-path-literal',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      R: role({ RoleName: 'orders-exec', Path: '/service/' }),
      A1: fn('a1', { Role: getAtt('R') }),
      B1: fn('b1', { Role: `arn:aws:iam::${A}:role/service/orders-exec` }),
    }),
  ),
  bad(
    'rta-t1-shared-parameter',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl(
      { A1: fn('a1', { Role: ref('ExecRoleArn') }), B1: fn('b1', { Role: ref('ExecRoleArn') }) },
      { Parameters: { ExecRoleArn: { Type: 'String', Default: `arn:aws:iam::${A}:role/legacy-exec` } } },
    ),
  ),
  bad(
    'rta-t1-shared-mapping-and-literal',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl(
      { A1: fn('a1', { Role: { 'Fn::FindInMap': ['Roles', 'prod', 'exec'] } }), B1: fn('b1', { Role: `arn:aws:iam::${A}:role/svc-exec` }) },
      { Mappings: { Roles: { prod: { exec: `arn:aws:iam::${A}:role/svc-exec` } } } },
    ),
  ),
  bad(
    'rta-t1-shared-sub-varmap',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl({
      R: role(),
      A1: fn('a1', { Role: getAtt('R') }),
      B1: fn('b1', { Role: sub('arn:aws:iam::${AWS::AccountId}:role/${Name}', { Name: ref('R') }) }),
    }),
  ),
];

const T1_CLEAN: AdversarialCase[] = [
  clean(
    'rta-t1-ok-sub-json-scoped',
    'T1',
    'lookalike-policy-json',
    yt(
      `  Bucket:
    Type: AWS::S3::Bucket
` +
        yrole(
          'R',
          `      Policies:
        - PolicyName: p
          PolicyDocument: !Sub '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::\${Bucket}/*"}]}'
`,
        ),
    ),
  ),
  clean(
    'rta-t1-ok-cdk-grant-read',
    'T1',
    'lookalike-scoped',
    tpl({
      B: { Type: 'AWS::S3::Bucket' },
      R: roleWith([allow(['s3:GetObject*', 's3:GetBucket*', 's3:List*'], [getAtt('B'), sub('${B.Arn}/*')])]),
    }),
  ),
  clean(
    'rta-t1-ok-log-stream-suffix',
    'T1',
    'lookalike-scoped',
    tpl({
      R: roleWith([
        allow(
          ['logs:CreateLogStream', 'logs:PutLogEvents'],
          sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders:*'),
        ),
      ]),
    }),
  ),
  clean(
    'rta-t1-ok-dynamodb-index',
    'T1',
    'lookalike-scoped',
    tpl({
      R: roleWith([
        allow(
          ['dynamodb:Query', 'dynamodb:GetItem'],
          [`arn:aws:dynamodb:eu-west-1:${A}:table/orders`, `arn:aws:dynamodb:eu-west-1:${A}:table/orders/index/*`],
        ),
      ]),
    }),
  ),
  clean(
    'rta-t1-ok-xray',
    'T1',
    'lookalike-no-resource-level',
    tpl({ R: roleWith([allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*')]) }),
  ),
  clean(
    'rta-t1-ok-deny-star',
    'T1',
    'lookalike-deny',
    tpl({
      R: roleWith([
        allow('s3:GetObject', 'arn:aws:s3:::orders-bucket/*'),
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    }),
  ),
  clean(
    'rta-t1-ok-deny-notaction',
    'T1',
    'lookalike-deny',
    tpl({
      R: roleWith([allow('s3:GetObject', 'arn:aws:s3:::orders-bucket/*'), { Effect: 'Deny', NotAction: ['s3:GetObject'], Resource: '*' }]),
    }),
  ),
  clean(
    'rta-t1-ok-passrole-scoped',
    'T1',
    'lookalike-scoped',
    tpl({
      Other: role(),
      R: roleWith([
        allow('iam:PassRole', getAtt('Other'), { Condition: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } } }),
      ]),
    }),
  ),
  clean(
    'rta-t1-ok-assumerole-scoped',
    'T1',
    'lookalike-scoped',
    tpl({ R: roleWith([allow('sts:AssumeRole', 'arn:aws:iam::222222222222:role/reader')]) }),
  ),
  clean(
    'rta-t1-ok-basic-execution-sub',
    'T1',
    'lookalike-managed',
    tpl({ R: role({ ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')] }) }),
  ),
  clean(
    'rta-t1-ok-customer-policy-named-full-access',
    'T1',
    'lookalike-managed',
    tpl({
      P: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: 'OrdersTableFullAccess',
          PolicyDocument: doc([allow(['dynamodb:GetItem', 'dynamodb:PutItem'], `arn:aws:dynamodb:eu-west-1:${A}:table/orders`)]),
        },
      },
      R: role({ ManagedPolicyArns: [ref('P'), `arn:aws:iam::${A}:policy/AdministratorAccessReview`] }),
    }),
  ),
  clean(
    'rta-t1-ok-similar-role-names',
    'T1',
    'lookalike-shared-role',
    tpl({
      R1: role({ RoleName: 'orders-role' }),
      R2: role({ RoleName: 'orders-role-v2' }),
      A1: fn('a1', { Role: `arn:aws:iam::${A}:role/orders-role` }),
      B1: fn('b1', { Role: `arn:aws:iam::${A}:role/orders-role-v2` }),
    }),
  ),
  clean(
    'rta-t1-ok-if-distinct-roles',
    'T1',
    'lookalike-shared-role',
    tpl(
      {
        R1: role(),
        R2: role(),
        R3: role(),
        A1: fn('a1', { Role: getAtt('R1') }),
        B1: fn('b1', { Role: when('IsProd', getAtt('R2'), getAtt('R3')) }),
      },
      COND,
    ),
  ),
  clean(
    'rta-t1-ok-trust-account-external-id',
    'T1',
    'lookalike-trust',
    tpl({
      R: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: doc([
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::222222222222:root' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': 'partner-42' } },
            },
          ]),
        },
      },
    }),
  ),
  clean(
    'rta-t1-ok-condition-wildcards',
    'T1',
    'lookalike-scoped',
    tpl({
      R: roleWith([
        allow('s3:ListBucket', 'arn:aws:s3:::orders-bucket', { Condition: { StringLike: { 's3:prefix': ['home/*', 'pub/?*'] } } }),
      ]),
    }),
  ),
  clean(
    'rta-t1-ok-sub-varmap-scoped',
    'T1',
    'lookalike-scoped',
    tpl({
      B: { Type: 'AWS::S3::Bucket' },
      R: roleWith([allow('s3:PutObject', sub('arn:aws:s3:::${Name}/uploads/*', { Name: ref('B') }))]),
    }),
  ),
  clean(
    'rta-t1-ok-kms-key-policy',
    'T1',
    'lookalike-scoped',
    tpl({
      K: {
        Type: 'AWS::KMS::Key',
        Properties: {
          EnableKeyRotation: true,
          KeyPolicy: doc([
            {
              Effect: 'Allow',
              Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
              Action: 'kms:*',
              Resource: '*',
            },
          ]),
        },
      },
    }),
  ),
  clean(
    'rta-t1-ok-ssm-path-prefix',
    'T1',
    'lookalike-scoped',
    tpl({
      R: roleWith([
        allow(['ssm:GetParametersByPath', 'ssm:GetParameter'], sub('arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/orders/*')),
      ]),
    }),
  ),
  clean(
    'rta-t1-ok-sub-and-getatt-distinct',
    'T1',
    'lookalike-shared-role',
    tpl({
      R1: role(),
      R2: role(),
      A1: fn('a1', { Role: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${R1}') }),
      B1: fn('b1', { Role: getAtt('R2') }),
    }),
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// T7: public invocation
// ---------------------------------------------------------------------------------------------------------------

const rest = (body: unknown): Props => ({ Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api', Body: body } });
const proxyIntegration = { type: 'aws_proxy', httpMethod: 'POST', uri: INVOKE_URI };
const SIGV4 = { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } };
const perm = (props: Props): Props => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { Action: 'lambda:InvokeFunction', FunctionName: ref('Handler'), ...props },
});
const url = (authType: unknown): Props => ({
  Type: 'AWS::Lambda::Url',
  Properties: { TargetFunctionArn: getAtt('Handler'), AuthType: authType },
});

const T7_DIRTY: AdversarialCase[] = [
  bad(
    'rta-t7-quick-create-getatt',
    'T7',
    'http-quick-create',
    ['RouteAuthorization'],
    yt(
      yfn('Handler') +
        `  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: quick\n      ProtocolType: HTTP\n      Target: !GetAtt Handler.Arn\n`,
    ),
  ),
  bad(
    'rta-t7-quick-create-sub-arn',
    'T7',
    'http-quick-create',
    ['RouteAuthorization'],
    tpl({
      Handler: fn('handler'),
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Name: 'quick',
          ProtocolType: 'HTTP',
          Target: sub('arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Handler}'),
        },
      },
    }),
  ),
  bad(
    'rta-t7-quick-create-if',
    'T7',
    'http-quick-create',
    ['RouteAuthorization'],
    tpl(
      {
        Handler: fn('handler'),
        Api: {
          Type: 'AWS::ApiGatewayV2::Api',
          Properties: { Name: 'quick', ProtocolType: 'HTTP', Target: when('IsProd', NO_VALUE, getAtt('Handler')) },
        },
      },
      COND,
    ),
  ),
  bad(
    'rta-t7-openapi-any-method',
    'T7',
    'openapi-body',
    ['MethodAuthorization'],
    tpl({
      Handler: fn('handler'),
      Api: rest({
        swagger: '2.0',
        info: { title: 'proxy', version: '1' },
        paths: { '/{proxy+}': { 'x-amazon-apigateway-any-method': { 'x-amazon-apigateway-integration': proxyIntegration } } },
      }),
    }),
  ),
  bad(
    'rta-t7-openapi-operation-security-empty',
    'T7',
    'openapi-body',
    ['MethodAuthorization'],
    tpl({
      Handler: fn('handler'),
      Api: rest({
        swagger: '2.0',
        info: { title: 'mixed', version: '1' },
        securityDefinitions: SIGV4,
        security: [{ sigv4: [] }],
        paths: {
          '/orders': { get: { 'x-amazon-apigateway-integration': proxyIntegration } },
          '/public': { post: { security: [], 'x-amazon-apigateway-integration': proxyIntegration } },
        },
      }),
    }),
  ),
  bad(
    'rta-t7-openapi-scheme-declared-unused',
    'T7',
    'openapi-body',
    ['MethodAuthorization'],
    tpl({
      Handler: fn('handler'),
      Api: rest({
        openapi: '3.0.1',
        info: { title: 'declared', version: '1' },
        components: { securitySchemes: SIGV4 },
        paths: { '/orders': { post: { 'x-amazon-apigateway-integration': proxyIntegration } } },
      }),
    }),
  ),
  bad(
    'rta-t7-openapi-api-key-only',
    'T7',
    'openapi-body',
    ['MethodAuthorization'],
    tpl({
      Handler: fn('handler'),
      Api: rest({
        openapi: '3.0.1',
        info: { title: 'keyed', version: '1' },
        components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
        security: [{ api_key: [] }],
        paths: { '/orders': { post: { 'x-amazon-apigateway-integration': proxyIntegration } } },
      }),
    }),
  ),
  bad(
    'rta-t7-openapi-yaml-short-form',
    'T7',
    'openapi-body',
    ['MethodAuthorization'],
    yt(
      yfn('Handler') +
        `  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
      Body:
        openapi: 3.0.1
        info: { title: orders, version: '1' }
        paths:
          /orders/{id}:
            delete:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler.Arn}/invocations
`,
    ),
  ),
  bad(
    'rta-t7-http-body-no-security',
    'T7',
    'openapi-body',
    ['RouteAuthorization'],
    tpl({
      Handler: fn('handler'),
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Body: {
            openapi: '3.0.1',
            info: { title: 'http', version: '1' },
            paths: {
              '/orders': {
                post: {
                  'x-amazon-apigateway-integration': {
                    type: 'aws_proxy',
                    httpMethod: 'POST',
                    uri: getAtt('Handler'),
                    payloadFormatVersion: '2.0',
                  },
                },
              },
            },
          },
        },
      },
    }),
  ),
  bad(
    'rta-t7-openapi-s3-location',
    'T7',
    'openapi-unreadable',
    ['UnscannedApiDefinition'],
    tpl({
      Api: {
        Type: 'AWS::ApiGateway::RestApi',
        Properties: { Name: 'api', BodyS3Location: { Bucket: 'specs-bucket', Key: 'orders.yaml' } },
      },
    }),
  ),
  bad(
    'rta-t7-http-s3-location',
    'T7',
    'openapi-unreadable',
    ['UnscannedApiDefinition'],
    tpl(
      { Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { BodyS3Location: { Bucket: ref('SpecBucket'), Key: 'http.yaml' } } } },
      { Parameters: { SpecBucket: { Type: 'String' } } },
    ),
  ),
  bad(
    'rta-t7-openapi-transform-include',
    'T7',
    'openapi-unreadable',
    ['UnscannedApiDefinition'],
    tpl({
      Api: {
        Type: 'AWS::ApiGateway::RestApi',
        Properties: {
          Name: 'api',
          Body: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://specs-bucket/orders.yaml' } } },
        },
      },
    }),
  ),
  bad(
    'rta-t7-route-if-none',
    'T7',
    'http-route',
    ['RouteAuthorization'],
    yt(
      `  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: http
      ProtocolType: HTTP
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: POST /orders
      AuthorizationType: !If [IsProd, AWS_IAM, NONE]
`,
      YCOND,
    ),
  ),
  bad(
    'rta-t7-route-parameter-default-none',
    'T7',
    'http-route',
    ['RouteAuthorization'],
    tpl(
      {
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'http', ProtocolType: 'HTTP' } },
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: { ApiId: ref('Api'), RouteKey: 'GET /orders', AuthorizationType: ref('RouteAuth') },
        },
      },
      { Parameters: { RouteAuth: { Type: 'String', Default: 'NONE', AllowedValues: ['NONE', 'AWS_IAM'] } } },
    ),
  ),
  bad(
    'rta-t7-websocket-connect-none',
    'T7',
    'websocket-connect',
    ['RouteAuthorization'],
    yt(`  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: ws
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: $connect
      AuthorizationType: NONE
`),
  ),
  bad(
    'rta-t7-websocket-connect-if',
    'T7',
    'websocket-connect',
    ['RouteAuthorization'],
    tpl(
      {
        Ws: {
          Type: 'AWS::ApiGatewayV2::Api',
          Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' },
        },
        Connect: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: { ApiId: ref('Ws'), RouteKey: '$connect', AuthorizationType: when('IsProd', 'AWS_IAM', 'NONE') },
        },
      },
      COND,
    ),
  ),
  bad(
    'rta-t7-method-parameter-none',
    'T7',
    'rest-method',
    ['MethodAuthorization'],
    tpl(
      {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
        M: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: ref('Api'),
            ResourceId: getAtt('Api', 'RootResourceId'),
            HttpMethod: 'POST',
            AuthorizationType: ref('Auth'),
            Integration: { Type: 'MOCK' },
          },
        },
      },
      { Parameters: { Auth: { Type: 'String', Default: 'NONE' } } },
    ),
  ),
  bad(
    'rta-t7-method-any-api-key',
    'T7',
    'rest-method',
    ['MethodAuthorization'],
    yt(`  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: api
  M:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ANY
      AuthorizationType: NONE
      ApiKeyRequired: true
      Integration:
        Type: MOCK
`),
  ),
  bad(
    'rta-t7-permission-org-if-novalue',
    'T7',
    'open-permission',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: '*', PrincipalOrgID: when('IsProd', 'o-a1b2c3d4e5', NO_VALUE) }) }, COND),
  ),
  bad(
    'rta-t7-permission-s3-no-source',
    'T7',
    'confused-deputy',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: 's3.amazonaws.com' }) }),
  ),
  bad(
    'rta-t7-permission-sns-source-if',
    'T7',
    'confused-deputy',
    ['OpenPermission'],
    yt(
      yfn('Handler') +
        `  P:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Handler
      Principal: sns.amazonaws.com
      SourceArn: !If [IsProd, ${TOPIC}, !Ref AWS::NoValue]
`,
      YCOND,
    ),
  ),
  bad(
    'rta-t7-permission-events-wildcard-source',
    'T7',
    'confused-deputy',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: 'events.amazonaws.com', SourceArn: 'arn:aws:events:eu-west-1:*:rule/*' }) }),
  ),
  bad(
    'rta-t7-permission-apigateway-no-source',
    'T7',
    'confused-deputy',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: 'apigateway.amazonaws.com' }) }),
  ),
  bad(
    'rta-t7-permission-logs-novalue-source',
    'T7',
    'confused-deputy',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: 'logs.amazonaws.com', SourceArn: NO_VALUE, SourceAccount: NO_VALUE }) }),
  ),
  bad(
    'rta-t7-permission-principal-parameter',
    'T7',
    'open-permission',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: ref('Caller') }) }, { Parameters: { Caller: { Type: 'String', Default: '*' } } }),
  ),
  bad(
    'rta-t7-permission-lambda-star-action',
    'T7',
    'open-permission',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Action: 'lambda:*', Principal: '*' }) }),
  ),
  bad(
    'rta-t7-url-permission-none-no-url',
    'T7',
    'url-permission',
    ['OpenPermission'],
    yt(
      yfn('Handler') +
        `  Public:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: !GetAtt Handler.Arn
      Principal: '*'
      FunctionUrlAuthType: NONE
`,
    ),
  ),
  bad(
    'rta-t7-url-permission-if-none',
    'T7',
    'url-permission',
    ['OpenPermission'],
    tpl(
      {
        Handler: fn('handler'),
        P: perm({ Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: when('IsProd', 'AWS_IAM', 'NONE') }),
      },
      COND,
    ),
  ),
  bad(
    'rta-t7-url-authtype-if',
    'T7',
    'function-url',
    ['FunctionUrlAuth'],
    tpl({ Handler: fn('handler'), U: url(when('IsProd', 'AWS_IAM', 'NONE')) }, COND),
  ),
  bad(
    'rta-t7-url-authtype-parameter',
    'T7',
    'function-url',
    ['FunctionUrlAuth'],
    tpl({ Handler: fn('handler'), U: url(ref('UrlAuth')) }, { Parameters: { UrlAuth: { Type: 'String', Default: 'NONE' } } }),
  ),
  bad(
    'rta-t7-url-authtype-mapping',
    'T7',
    'function-url',
    ['FunctionUrlAuth'],
    yt(
      yfn('Handler') +
        `  U:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Handler.Arn
      AuthType: !FindInMap [Stages, dev, auth]
`,
      `Mappings:
  Stages:
    dev: { auth: NONE }
`,
    ),
  ),
];

const T7_CLEAN: AdversarialCase[] = [
  clean(
    'rta-t7-ok-permission-s3-scoped',
    'T7',
    'lookalike-permission',
    tpl({
      Handler: fn('handler'),
      B: { Type: 'AWS::S3::Bucket' },
      P: perm({ Principal: 's3.amazonaws.com', SourceArn: getAtt('B'), SourceAccount: ref('AWS::AccountId') }),
    }),
  ),
  clean(
    'rta-t7-ok-permission-events-rule',
    'T7',
    'lookalike-permission',
    tpl({
      Handler: fn('handler'),
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 'h', Arn: getAtt('Handler') }] },
      },
      P: perm({ Principal: 'events.amazonaws.com', SourceArn: getAtt('Rule') }),
    }),
  ),
  clean(
    'rta-t7-ok-permission-apigateway-sub',
    'T7',
    'lookalike-permission',
    tpl({ Handler: fn('handler'), P: perm({ Principal: 'apigateway.amazonaws.com', SourceArn: API_SOURCE }) }),
  ),
  clean(
    'rta-t7-ok-permission-org',
    'T7',
    'lookalike-permission',
    tpl({ Handler: fn('handler'), P: perm({ Principal: '*', PrincipalOrgID: 'o-a1b2c3d4e5' }) }),
  ),
  clean(
    'rta-t7-ok-permission-account',
    'T7',
    'lookalike-permission',
    tpl({ Handler: fn('handler'), P: perm({ Principal: '222222222222' }) }),
  ),
  clean(
    'rta-t7-ok-url-permission-iam',
    'T7',
    'lookalike-url',
    tpl({
      Handler: fn('handler'),
      U: url('AWS_IAM'),
      P: perm({ Action: 'lambda:InvokeFunctionUrl', Principal: 'arn:aws:iam::222222222222:role/caller', FunctionUrlAuthType: 'AWS_IAM' }),
    }),
  ),
  clean(
    'rta-t7-ok-url-if-both-iam',
    'T7',
    'lookalike-url',
    tpl({ Handler: fn('handler'), U: url(when('IsProd', 'AWS_IAM', 'AWS_IAM')) }, COND),
  ),
  clean(
    'rta-t7-ok-openapi-global-sigv4-any',
    'T7',
    'lookalike-openapi',
    tpl({
      Handler: fn('handler'),
      Api: rest({
        swagger: '2.0',
        info: { title: 'iam', version: '1' },
        securityDefinitions: SIGV4,
        security: [{ sigv4: [] }],
        paths: { '/{proxy+}': { 'x-amazon-apigateway-any-method': { 'x-amazon-apigateway-integration': proxyIntegration } } },
      }),
      P: perm({ Principal: 'apigateway.amazonaws.com', SourceArn: API_SOURCE }),
    }),
  ),
  clean(
    'rta-t7-ok-openapi-options-mock-cognito',
    'T7',
    'lookalike-openapi',
    tpl({
      Handler: fn('handler'),
      Api: rest({
        openapi: '3.0.1',
        info: { title: 'cognito', version: '1' },
        components: {
          securitySchemes: {
            pool: {
              type: 'apiKey',
              name: 'Authorization',
              in: 'header',
              'x-amazon-apigateway-authtype': 'cognito_user_pools',
              'x-amazon-apigateway-authorizer': {
                type: 'cognito_user_pools',
                providerARNs: [`arn:aws:cognito-idp:eu-west-1:${A}:userpool/eu-west-1_abc`],
              },
            },
          },
        },
        paths: {
          '/orders': {
            options: {
              'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' } },
            },
            get: { security: [{ pool: [] }], 'x-amazon-apigateway-integration': proxyIntegration },
          },
        },
      }),
    }),
  ),
  clean(
    'rta-t7-ok-http-route-jwt',
    'T7',
    'lookalike-route',
    yt(`  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: http
      ProtocolType: HTTP
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      AuthorizerType: JWT
      Name: jwt
      IdentitySource: [$request.header.Authorization]
      JwtConfiguration:
        Audience: [orders]
        Issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: ANY /{proxy+}
      AuthorizationType: JWT
      AuthorizerId: !Ref Jwt
`),
  ),
  clean(
    'rta-t7-ok-websocket-connect-custom',
    'T7',
    'lookalike-websocket',
    yt(
      yfn('Auth') +
        `  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: ws
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  Authorizer:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Ws
      AuthorizerType: REQUEST
      Name: auth
      IdentitySource: [route.request.header.Authorization]
      AuthorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Auth.Arn}/invocations
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: $connect
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Authorizer
  Default:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: $default
      AuthorizationType: NONE
  Send:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: sendMessage
`,
    ),
  ),
  clean(
    'rta-t7-ok-method-options-none',
    'T7',
    'lookalike-method',
    tpl({
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
      Preflight: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: ref('Api'),
          ResourceId: getAtt('Api', 'RootResourceId'),
          HttpMethod: 'OPTIONS',
          AuthorizationType: 'NONE',
          Integration: { Type: 'MOCK' },
        },
      },
      Get: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: ref('Api'),
          ResourceId: getAtt('Api', 'RootResourceId'),
          HttpMethod: 'GET',
          AuthorizationType: 'AWS_IAM',
          Integration: { Type: 'MOCK' },
        },
      },
    }),
  ),
  clean(
    'rta-t7-ok-method-if-both-auth',
    'T7',
    'lookalike-method',
    tpl(
      {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
        Pool: {
          Type: 'AWS::ApiGateway::Authorizer',
          Properties: {
            RestApiId: ref('Api'),
            Name: 'pool',
            Type: 'COGNITO_USER_POOLS',
            IdentitySource: 'method.request.header.Authorization',
            ProviderARNs: [`arn:aws:cognito-idp:eu-west-1:${A}:userpool/eu-west-1_abc`],
          },
        },
        Get: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: ref('Api'),
            ResourceId: getAtt('Api', 'RootResourceId'),
            HttpMethod: 'GET',
            AuthorizationType: when('IsProd', 'COGNITO_USER_POOLS', 'AWS_IAM'),
            AuthorizerId: when('IsProd', ref('Pool'), NO_VALUE),
            Integration: { Type: 'MOCK' },
          },
        },
      },
      COND,
    ),
  ),
  clean(
    'rta-t7-ok-permission-logs-scoped',
    'T7',
    'lookalike-permission',
    tpl({
      Handler: fn('handler'),
      P: perm({ Principal: 'logs.amazonaws.com', SourceArn: `arn:aws:logs:eu-west-1:${A}:log-group:/app/orders:*`, SourceAccount: A }),
    }),
  ),
  clean(
    'rta-t7-ok-http-body-jwt',
    'T7',
    'lookalike-openapi',
    tpl({
      Handler: fn('handler'),
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Body: {
            openapi: '3.0.1',
            info: { title: 'http', version: '1' },
            components: {
              securitySchemes: {
                jwt: {
                  type: 'oauth2',
                  flows: {},
                  'x-amazon-apigateway-authorizer': {
                    type: 'jwt',
                    identitySource: '$request.header.Authorization',
                    jwtConfiguration: { audience: ['orders'], issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc' },
                  },
                },
              },
            },
            security: [{ jwt: [] }],
            paths: {
              '/orders': {
                post: {
                  'x-amazon-apigateway-integration': {
                    type: 'aws_proxy',
                    httpMethod: 'POST',
                    uri: getAtt('Handler'),
                    payloadFormatVersion: '2.0',
                  },
                },
              },
            },
          },
        },
      },
      P: perm({ Principal: 'apigateway.amazonaws.com', SourceArn: API_SOURCE }),
    }),
  ),
  clean(
    'rta-t7-ok-permission-s3-source-account',
    'T7',
    'lookalike-permission',
    tpl({ Handler: fn('handler'), P: perm({ Principal: 's3.amazonaws.com', SourceAccount: ref('AWS::AccountId') }) }),
  ),
  clean(
    'rta-t7-ok-url-permission-iam-no-url',
    'T7',
    'lookalike-url',
    tpl({
      Handler: fn('handler'),
      P: perm({ Action: 'lambda:InvokeFunctionUrl', Principal: '222222222222', FunctionUrlAuthType: 'AWS_IAM' }),
    }),
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// T4/T5: failure handling
// ---------------------------------------------------------------------------------------------------------------

const esm = (props: Props): Props => ({
  Type: 'AWS::Lambda::EventSourceMapping',
  Properties: { FunctionName: ref('Handler'), EventSourceArn: KINESIS, StartingPosition: 'LATEST', ...props },
});
const eic = (props: Props): Props => ({
  Type: 'AWS::Lambda::EventInvokeConfig',
  Properties: { FunctionName: ref('Handler'), Qualifier: '$LATEST', MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600, ...props },
});
const asyncFn = (invoker: Props, over: Props = {}, sections: Props = {}): object =>
  tpl({ Handler: fn('handler', { ...noDlq, ...over }), Invoker: invoker }, sections);

const T45_DIRTY: AdversarialCase[] = [
  bad(
    'rta-t4-esm-retry-minus-one',
    'T4',
    'minus-one',
    ['StreamMapping'],
    tpl({ Handler: fn('handler'), M: esm({ ...BOUNDED, MaximumRetryAttempts: -1 }) }),
  ),
  bad(
    'rta-t4-esm-record-age-minus-one-string',
    'T4',
    'minus-one',
    ['StreamMapping'],
    tpl({ Handler: fn('handler'), M: esm({ ...BOUNDED, MaximumRecordAgeInSeconds: '-1' }) }),
  ),
  bad(
    'rta-t4-esm-retry-parameter-default',
    'T4',
    'minus-one',
    ['StreamMapping'],
    tpl(
      { Handler: fn('handler'), M: esm({ ...BOUNDED, MaximumRetryAttempts: ref('Retries') }) },
      { Parameters: { Retries: { Type: 'Number', Default: -1 } } },
    ),
  ),
  bad(
    'rta-t4-esm-retry-if-minus-one',
    'T4',
    'minus-one',
    ['StreamMapping'],
    tpl({ Handler: fn('handler'), M: esm({ ...BOUNDED, MaximumRetryAttempts: when('IsProd', 3, -1) }) }, COND),
  ),
  bad(
    'rta-t4-esm-bisect-if-novalue',
    'T4',
    'if-novalue',
    ['StreamMapping'],
    yt(
      yfn('Handler') +
        `  M:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Handler
      EventSourceArn: ${KINESIS}
      StartingPosition: TRIM_HORIZON
      MaximumRetryAttempts: 2
      MaximumRecordAgeInSeconds: 3600
      BisectBatchOnFunctionError: !If [IsProd, true, !Ref AWS::NoValue]
      DestinationConfig:
        OnFailure:
          Destination: ${DLQ_ARN}
`,
      YCOND,
    ),
  ),
  bad(
    'rta-t5-esm-destination-if-novalue',
    'T5',
    'if-novalue',
    ['StreamMapping'],
    tpl(
      {
        Handler: fn('handler'),
        M: esm({ ...BOUNDED, DestinationConfig: when('IsProd', { OnFailure: { Destination: DLQ_ARN } }, NO_VALUE) }),
      },
      COND,
    ),
  ),
  bad(
    'rta-t4-esm-bisect-false-string',
    'T4',
    'stream-bounds',
    ['StreamMapping'],
    tpl({ Handler: fn('handler'), M: esm({ ...BOUNDED, BisectBatchOnFunctionError: 'false' }) }),
  ),
  bad(
    'rta-t5-esm-on-failure-empty',
    'T5',
    'stream-bounds',
    ['StreamMapping'],
    tpl({ Handler: fn('handler'), M: esm({ ...BOUNDED, DestinationConfig: { OnFailure: {} } }) }),
  ),
  bad(
    'rta-t4-esm-retry-too-many',
    'T4',
    'stream-bounds',
    ['StreamMapping'],
    tpl({ Handler: fn('handler'), M: esm({ ...BOUNDED, MaximumRetryAttempts: 10000 }) }),
  ),
  bad(
    'rta-t4-esm-dynamodb-getatt-unbounded',
    'T4',
    'stream-bounds',
    ['StreamMapping'],
    tpl({
      Handler: fn('handler'),
      T: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        },
      },
      M: esm({ EventSourceArn: getAtt('T', 'StreamArn') }),
    }),
  ),
  bad(
    'rta-t4-esm-kinesis-sub-unbounded',
    'T4',
    'stream-bounds',
    ['StreamMapping'],
    tpl({
      Handler: fn('handler'),
      M: esm({ EventSourceArn: sub('arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks') }),
    }),
  ),
  bad(
    'rta-t4-esm-stream-parameter-unbounded',
    'T4',
    'stream-bounds',
    ['StreamMapping'],
    tpl(
      { Handler: fn('handler'), M: esm({ EventSourceArn: ref('StreamArn') }) },
      { Parameters: { StreamArn: { Type: 'String', Default: KINESIS } } },
    ),
  ),
  bad(
    'rta-t5-eic-with-sync-invoker',
    'T5',
    'eic-implies-async',
    ['AsyncFailureHandling'],
    tpl({
      Handler: fn('handler', noDlq),
      Api: perm({ Principal: 'apigateway.amazonaws.com', SourceArn: API_SOURCE }),
      C: eic({ MaximumRetryAttempts: 0 }),
    }),
  ),
  bad(
    'rta-t5-eic-on-success-only',
    'T5',
    'async-destination',
    ['AsyncFailureHandling'],
    tpl({ Handler: fn('handler', noDlq), C: eic({ DestinationConfig: { OnSuccess: { Destination: DLQ_ARN } } }) }),
  ),
  bad(
    'rta-t5-eic-on-failure-if',
    'T5',
    'if-novalue',
    ['AsyncFailureHandling'],
    tpl(
      { Handler: fn('handler', noDlq), C: eic({ DestinationConfig: when('IsProd', { OnFailure: { Destination: DLQ_ARN } }, NO_VALUE) }) },
      COND,
    ),
  ),
  bad(
    'rta-t5-eic-function-by-name',
    'T5',
    'eic-implies-async',
    ['AsyncFailureHandling'],
    tpl({
      Handler: fn('handler', { ...noDlq, FunctionName: 'orders-worker' }),
      C: eic({ FunctionName: 'orders-worker', Qualifier: 'live' }),
    }),
  ),
  bad(
    'rta-t5-dlq-if-novalue-s3',
    'T5',
    'if-novalue',
    ['AsyncFailureHandling'],
    yt(
      yfn('Handler', `      DeadLetterConfig: !If [IsProd, { TargetArn: ${DLQ_ARN} }, !Ref AWS::NoValue]`, { dlq: false }) +
        `  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Handler.Arn
`,
      YCOND,
    ),
  ),
  bad(
    'rta-t5-dlq-target-novalue-sns',
    'T5',
    'if-novalue',
    ['AsyncFailureHandling'],
    asyncFn(
      { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', TopicArn: TOPIC, Endpoint: getAtt('Handler') } },
      { DeadLetterConfig: { TargetArn: when('IsProd', DLQ_ARN, NO_VALUE) } },
      COND,
    ),
  ),
  bad(
    'rta-t5-async-bucket-notification',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::S3::Bucket',
      Properties: { NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: getAtt('Handler') }] } },
    }),
  ),
  bad(
    'rta-t5-async-sns-subscription',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({ Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', TopicArn: TOPIC, Endpoint: getAtt('Handler') } }),
  ),
  bad(
    'rta-t5-async-eventbridge-sub-target',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: ['orders'] },
        Targets: [{ Id: 'h', Arn: sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Handler}') }],
      },
    }),
  ),
  bad(
    'rta-t5-async-logs-subscription',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: { LogGroupName: '/app/orders', FilterPattern: 'ERROR', DestinationArn: getAtt('Handler') },
    }),
  ),
  bad(
    'rta-t5-async-iot-rule',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::IoT::TopicRule',
      Properties: {
        TopicRulePayload: { Sql: "SELECT * FROM 'devices/+/telemetry'", Actions: [{ Lambda: { FunctionArn: getAtt('Handler') } }] },
      },
    }),
  ),
  bad(
    'rta-t5-async-ses-receipt',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::SES::ReceiptRule',
      Properties: {
        RuleSetName: 'inbound',
        Rule: { Enabled: true, Actions: [{ LambdaAction: { FunctionArn: getAtt('Handler'), InvocationType: 'Event' } }] },
      },
    }),
  ),
  bad(
    'rta-t5-async-codecommit-trigger',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::CodeCommit::Repository',
      Properties: { RepositoryName: 'infra', Triggers: [{ Name: 'push', DestinationArn: getAtt('Handler'), Events: ['all'] }] },
    }),
  ),
  bad(
    'rta-t5-async-config-rule',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn({
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        Source: {
          Owner: 'CUSTOM_LAMBDA',
          SourceIdentifier: getAtt('Handler'),
          SourceDetails: [{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }],
        },
      },
    }),
  ),
  bad(
    'rta-t5-async-sns-permission-only',
    'T5',
    'async-invoker',
    ['AsyncFailureHandling'],
    asyncFn(perm({ Principal: 'sns.amazonaws.com', SourceArn: TOPIC })),
  ),
  bad(
    'rta-t5-sqs-redrive-if-novalue',
    'T5',
    'sqs-redrive',
    ['SqsSourceRedrive'],
    tpl(
      {
        Handler: fn('handler'),
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            KmsMasterKeyId: KEY_ARN,
            VisibilityTimeout: 60,
            RedrivePolicy: when('IsProd', { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 }, NO_VALUE),
          },
        },
        M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: ref('Handler'), EventSourceArn: getAtt('Q') } },
      },
      COND,
    ),
  ),
  bad(
    'rta-t5-sqs-visibility-parameter',
    'T5',
    'sqs-visibility',
    ['SqsVisibilityTimeout'],
    tpl(
      {
        Handler: fn('handler'),
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            KmsMasterKeyId: KEY_ARN,
            VisibilityTimeout: ref('Visibility'),
            RedrivePolicy: { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 },
          },
        },
        M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: ref('Handler'), EventSourceArn: getAtt('Q') } },
      },
      { Parameters: { Visibility: { Type: 'Number', Default: 30 } } },
    ),
  ),
];

const QUEUE_OK: Props = {
  Type: 'AWS::SQS::Queue',
  Properties: { KmsMasterKeyId: KEY_ARN, VisibilityTimeout: 60, RedrivePolicy: { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 } },
};
const QUEUE_POLICY: Props = {
  Type: 'AWS::SQS::QueuePolicy',
  Properties: {
    Queues: [ref('Q')],
    PolicyDocument: doc([
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sqs:*',
        Resource: getAtt('Q'),
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
  },
};

const T45_CLEAN: AdversarialCase[] = [
  clean(
    'rta-t5-ok-token-authorizer',
    'T5',
    'sync-invoker',
    tpl({
      Handler: fn('handler', noDlq),
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
      Auth: {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          RestApiId: ref('Api'),
          Name: 'token',
          Type: 'TOKEN',
          IdentitySource: 'method.request.header.Authorization',
          AuthorizerUri: INVOKE_URI,
        },
      },
      Get: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: ref('Api'),
          ResourceId: getAtt('Api', 'RootResourceId'),
          HttpMethod: 'GET',
          AuthorizationType: 'CUSTOM',
          AuthorizerId: ref('Auth'),
          Integration: { Type: 'MOCK' },
        },
      },
      P: perm({
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub('arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/${Auth}'),
      }),
    }),
  ),
  clean(
    'rta-t5-ok-step-functions-task',
    'T5',
    'sync-invoker',
    tpl({
      Handler: fn('handler', noDlq),
      Flow: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: `arn:aws:iam::${A}:role/flow-role`,
          DefinitionString: sub(
            '{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"${Handler.Arn}","Payload.$":"$"},"End":true}}}',
          ),
        },
      },
    }),
  ),
  clean(
    'rta-t5-ok-cognito-trigger',
    'T5',
    'sync-invoker',
    tpl({
      Handler: fn('handler', noDlq),
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: { LambdaConfig: { PreSignUp: getAtt('Handler') } } },
      P: perm({ Principal: 'cognito-idp.amazonaws.com', SourceArn: getAtt('Pool') }),
    }),
  ),
  clean(
    'rta-t5-ok-alb-target',
    'T5',
    'sync-invoker',
    tpl({
      Handler: fn('handler', noDlq),
      Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetType: 'lambda', Targets: [{ Id: getAtt('Handler') }] } },
      P: perm({ Principal: 'elasticloadbalancing.amazonaws.com', SourceArn: ref('Tg') }),
    }),
  ),
  clean(
    'rta-t5-ok-rest-proxy-integration',
    'T5',
    'sync-invoker',
    tpl({
      Handler: fn('handler', noDlq),
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
      Post: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: ref('Api'),
          ResourceId: getAtt('Api', 'RootResourceId'),
          HttpMethod: 'POST',
          AuthorizationType: 'AWS_IAM',
          Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: INVOKE_URI },
        },
      },
      P: perm({
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub('arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/'),
      }),
    }),
  ),
  clean(
    'rta-t5-ok-http-api-integration',
    'T5',
    'sync-invoker',
    yt(
      yfn('Handler', '', { dlq: false }) +
        `  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: http
      ProtocolType: HTTP
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Handler.Arn
      PayloadFormatVersion: '2.0'
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: POST /orders
      AuthorizationType: AWS_IAM
      Target: !Sub integrations/\${Integration}
  P:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Handler
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${Api}/*/*/orders
`,
    ),
  ),
  clean('rta-t5-ok-function-url-iam', 'T5', 'sync-invoker', tpl({ Handler: fn('handler', noDlq), U: url('AWS_IAM') })),
  clean(
    'rta-t5-ok-appsync-resolver',
    'T5',
    'sync-invoker',
    tpl({
      Handler: fn('handler', noDlq),
      Ds: {
        Type: 'AWS::AppSync::DataSource',
        Properties: {
          ApiId: 'abcdefghijklmnopqrstuvwxyz',
          Name: 'orders',
          Type: 'AWS_LAMBDA',
          LambdaConfig: { LambdaFunctionArn: getAtt('Handler') },
          ServiceRoleArn: `arn:aws:iam::${A}:role/appsync`,
        },
      },
    }),
  ),
  clean(
    'rta-t4-ok-esm-if-both-bounded',
    'T4',
    'lookalike-stream',
    tpl(
      {
        Handler: fn('handler'),
        M: esm({
          ...BOUNDED,
          MaximumRetryAttempts: when('IsProd', 2, 0),
          MaximumRecordAgeInSeconds: when('IsProd', 3600, 600),
          BisectBatchOnFunctionError: 'true',
          DestinationConfig: { OnFailure: { Destination: when('IsProd', DLQ_ARN, `arn:aws:sqs:eu-west-1:${A}:dev-dlq`) } },
        }),
      },
      COND,
    ),
  ),
  clean(
    'rta-t5-ok-eic-on-failure',
    'T5',
    'lookalike-eic',
    tpl({ Handler: fn('handler', noDlq), C: eic({ DestinationConfig: { OnFailure: { Destination: DLQ_ARN } } }) }),
  ),
  clean(
    'rta-t5-ok-sqs-source',
    'T5',
    'lookalike-sqs',
    tpl({
      Handler: fn('handler'),
      Q: QUEUE_OK,
      QP: QUEUE_POLICY,
      M: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: ref('Handler'), EventSourceArn: getAtt('Q'), BatchSize: 10 },
      },
    }),
  ),
  clean(
    'rta-t5-ok-sqs-redrive-if-both',
    'T5',
    'lookalike-sqs',
    tpl(
      {
        Handler: fn('handler'),
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            KmsMasterKeyId: KEY_ARN,
            VisibilityTimeout: 60,
            RedrivePolicy: when(
              'IsProd',
              { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 },
              { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 10 },
            ),
          },
        },
        QP: QUEUE_POLICY,
        M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: ref('Handler'), EventSourceArn: getAtt('Q') } },
      },
      COND,
    ),
  ),
  clean('rta-t5-ok-eic-function-dlq', 'T5', 'lookalike-eic', tpl({ Handler: fn('handler'), C: eic({ MaximumRetryAttempts: 0 }) })),
];

// ---------------------------------------------------------------------------------------------------------------
// Hostile logical IDs in these shapes
// ---------------------------------------------------------------------------------------------------------------

const HOSTILE: AdversarialCase[] = [
  bad(
    'rta-r-tolocalestring-role-wildcard',
    'robustness',
    'prototype-logical-id',
    ['WildcardPermissions'],
    tpl({ toLocaleString: roleWith([allow('*', '*')]) }),
  ),
  bad(
    'rta-r-constructor-shared-role',
    'robustness',
    'prototype-logical-id',
    ['SharedRole'],
    yt(
      yrole('constructor') +
        yfn('hasOwnProperty', '', { role: '!GetAtt constructor.Arn' }) +
        yfn('valueOf', '', { role: '!GetAtt constructor.Arn' }),
    ),
  ),
  bad(
    'rta-r-tostring-url-none',
    'robustness',
    'prototype-logical-id',
    ['FunctionUrlAuth'],
    yt(
      yfn('isPrototypeOf') +
        `  toString:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt isPrototypeOf.Arn\n      AuthType: NONE\n`,
    ),
  ),
  bad(
    'rta-r-prototype-named-function-eic',
    'robustness',
    'prototype-logical-id',
    ['AsyncFailureHandling'],
    yt(
      yfn('toLocaleString', '', { dlq: false }) +
        `  propertyIsEnumerable:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref toLocaleString
      Qualifier: $LATEST
      MaximumRetryAttempts: 1
`,
    ),
  ),
  bad(
    'rta-r-permission-ref-valueof',
    'robustness',
    'prototype-logical-id',
    ['OpenPermission'],
    yt(
      yfn('valueOf') +
        `  propertyIsEnumerable:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref valueOf
      Principal: '*'
`,
    ),
  ),
  bad(
    'rta-r-condition-named-constructor',
    'robustness',
    'prototype-logical-id',
    ['FunctionUrlAuth'],
    yt(
      yfn('Handler') +
        `  U:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt Handler.Arn\n      AuthType: !If [constructor, NONE, AWS_IAM]\n`,
      `Parameters:
  toString:
    Type: String
    Default: dev
Conditions:
  constructor: !Equals [!Ref toString, dev]
`,
    ),
  ),
  bad(
    'rta-r-parameter-named-hasownproperty',
    'robustness',
    'prototype-logical-id',
    ['OpenPermission'],
    tpl(
      { Handler: fn('handler'), P: perm({ Principal: ref('hasOwnProperty') }) },
      { Parameters: { hasOwnProperty: { Type: 'String', Default: '*' } } },
    ),
  ),
  bad(
    'rta-r-mapping-named-constructor',
    'robustness',
    'prototype-logical-id',
    ['FunctionUrlAuth'],
    yt(
      yfn('Handler') +
        `  U:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt Handler.Arn\n      AuthType: !FindInMap [constructor, toString, auth]\n`,
      `Mappings:
  constructor:
    toString: { auth: NONE }
`,
    ),
  ),
  clean(
    'rta-r-ok-prototype-named-own-roles',
    'robustness',
    'prototype-logical-id',
    yt(
      yrole('isPrototypeOf') +
        yrole('valueOf') +
        yfn('constructor', '', { role: '!GetAtt isPrototypeOf.Arn' }) +
        yfn('toString', '', { role: '!GetAtt valueOf.Arn' }),
    ),
  ),
  clean(
    'rta-r-ok-hasownproperty-permission',
    'robustness',
    'prototype-logical-id',
    yt(
      yfn('Handler') +
        `  hasOwnProperty:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Handler
      Principal: '222222222222'
`,
    ),
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Second wave, written after the fixes: variants of each fixed class the first wave did not spell, to check that
// the fixes hold by class rather than by example.
// ---------------------------------------------------------------------------------------------------------------

const trustRole = (statement: Props): Props => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }]) },
});

const VARIANTS: AdversarialCase[] = [
  bad(
    'rta2-t1-action-sub-parameter',
    'T1',
    'wildcard-action',
    ['WildcardPermissions'],
    tpl(
      { R: roleWith([allow(sub('${Svc}:*'), 'arn:aws:s3:::orders-bucket/*')]) },
      { Parameters: { Svc: { Type: 'String', Default: 's3' } } },
    ),
  ),
  bad(
    'rta2-t1-managed-sub-parameter',
    'T1',
    'managed-admin',
    ['AdminManagedPolicy'],
    tpl(
      { R: role({ ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/${Name}')] }) },
      { Parameters: { Name: { Type: 'String', Default: 'AdministratorAccess' } } },
    ),
  ),
  bad(
    'rta2-t1-trust-list-with-star',
    'T1',
    'trust-open',
    ['WildcardPermissions'],
    tpl({ R: trustRole({ Principal: { AWS: ['arn:aws:iam::222222222222:root', '*'] } }) }),
  ),
  bad(
    'rta2-t1-trust-not-principal',
    'T1',
    'trust-open',
    ['WildcardPermissions'],
    tpl({ R: trustRole({ NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' } }) }),
  ),
  bad(
    'rta2-t1-shared-parameter-and-literal',
    'T1',
    'shared-role-spellings',
    ['SharedRole'],
    tpl(
      { A1: fn('a1', { Role: ref('ExecRoleArn') }), B1: fn('b1', { Role: `arn:aws:iam::${A}:role/legacy-exec` }) },
      { Parameters: { ExecRoleArn: { Type: 'String', Default: `arn:aws:iam::${A}:role/legacy-exec` } } },
    ),
  ),
  bad(
    'rta2-t7-principal-if-star',
    'T7',
    'open-permission',
    ['OpenPermission'],
    tpl({ Handler: fn('handler'), P: perm({ Principal: when('IsProd', '222222222222', '*') }) }, COND),
  ),
  bad(
    'rta2-t7-url-permission-mapping-none',
    'T7',
    'url-permission',
    ['OpenPermission'],
    tpl(
      {
        Handler: fn('handler'),
        P: perm({ Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: { 'Fn::FindInMap': ['Auth', 'dev', 'type'] } }),
      },
      { Mappings: { Auth: { dev: { type: 'NONE' } } } },
    ),
  ),
  bad(
    'rta2-t4-bisect-parameter-false',
    'T4',
    'stream-bounds',
    ['StreamMapping'],
    tpl(
      { Handler: fn('handler'), M: esm({ ...BOUNDED, BisectBatchOnFunctionError: ref('Bisect') }) },
      { Parameters: { Bisect: { Type: 'String', Default: 'false' } } },
    ),
  ),
  bad(
    'rta2-t1-trust-condition-any-principal-arn',
    'T1',
    'trust-open',
    ['WildcardPermissions'],
    tpl({ R: trustRole({ Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }) }),
  ),
  bad(
    'rta2-t7-source-arn-parameter-wildcard',
    'T7',
    'confused-deputy',
    ['OpenPermission'],
    tpl(
      { Handler: fn('handler'), P: perm({ Principal: 's3.amazonaws.com', SourceArn: ref('Source') }) },
      { Parameters: { Source: { Type: 'String', Default: 'arn:aws:s3:::*' } } },
    ),
  ),
  clean(
    'rta2-t7-ok-source-arn-parameter-bucket',
    'T7',
    'lookalike-permission',
    tpl(
      {
        Handler: fn('handler'),
        P: perm({ Principal: 's3.amazonaws.com', SourceArn: ref('Source'), SourceAccount: ref('AWS::AccountId') }),
      },
      { Parameters: { Source: { Type: 'String', Default: 'arn:aws:s3:::uploads-bucket' } } },
    ),
  ),
  clean(
    'rta2-t7-ok-principal-if-accounts',
    'T7',
    'lookalike-permission',
    tpl({ Handler: fn('handler'), P: perm({ Principal: when('IsProd', '222222222222', '333333333333') }) }, COND),
  ),
  // Web identity trusts (lead's pass after the merge): whose tokens count must be said, or any repository or pool may
  // assume the role.
  bad(
    'rtl-t1-trust-federated-star',
    'T1',
    'trust-web-identity',
    ['WildcardPermissions'],
    tpl({ R: trustRole({ Principal: { Federated: '*' }, Action: 'sts:AssumeRoleWithWebIdentity' }) }),
  ),
  bad(
    'rtl-t1-trust-github-audience-only',
    'T1',
    'trust-web-identity',
    ['WildcardPermissions'],
    tpl({
      Github: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
      },
      R: trustRole({
        Principal: { Federated: ref('Github') },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      }),
    }),
  ),
  bad(
    'rtl-t1-trust-github-sub-wildcard',
    'T1',
    'trust-web-identity',
    ['WildcardPermissions'],
    tpl({
      R: trustRole({
        Principal: { Federated: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com') },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': '*' } },
      }),
    }),
  ),
  bad(
    'rtl-t1-trust-cognito-any-pool',
    'T1',
    'trust-web-identity',
    ['WildcardPermissions'],
    tpl({
      R: trustRole({
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } },
      }),
    }),
  ),
  clean(
    'rtl-t1-ok-trust-github-one-repo',
    'T1',
    'lookalike-trust',
    tpl({
      R: trustRole({
        Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/orders:environment:prod' },
        },
      }),
    }),
  ),
  clean(
    'rtl-t1-ok-trust-cognito-one-pool',
    'T1',
    'lookalike-trust',
    tpl({
      R: trustRole({
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      }),
    }),
  ),
  clean(
    'rtl-t1-ok-trust-saml',
    'T1',
    'lookalike-trust',
    tpl({
      R: trustRole({
        Principal: { Federated: 'arn:aws:iam::111111111111:saml-provider/corp-idp' },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      }),
    }),
  ),
  clean(
    'rta2-t1-ok-trust-star-org',
    'T1',
    'lookalike-trust',
    tpl({ R: trustRole({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) }),
  ),
  clean(
    'rta2-t4-ok-retries-parameter-bounded',
    'T4',
    'lookalike-stream',
    tpl(
      { Handler: fn('handler'), M: esm({ ...BOUNDED, MaximumRetryAttempts: ref('Retries') }) },
      { Parameters: { Retries: { Type: 'Number', Default: 2 } } },
    ),
  ),
  clean(
    'rta2-t1-ok-action-sub-parameter-scoped',
    'T1',
    'lookalike-scoped',
    tpl(
      { R: roleWith([allow(sub('s3:${Verb}Object'), 'arn:aws:s3:::orders-bucket/*')]) },
      { Parameters: { Verb: { Type: 'String', Default: 'Get' } } },
    ),
  ),
  clean(
    'rta2-t5-ok-visibility-parameter',
    'T5',
    'lookalike-sqs',
    tpl(
      {
        Handler: fn('handler'),
        Q: { ...QUEUE_OK, Properties: { ...(QUEUE_OK.Properties as Props), VisibilityTimeout: ref('Visibility') } },
        QP: QUEUE_POLICY,
        M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: ref('Handler'), EventSourceArn: getAtt('Q') } },
      },
      { Parameters: { Visibility: { Type: 'Number', Default: 120 } } },
    ),
  ),
];

/** The independent red-team cases for T1, T7 and T4/T5 (redteam-a). */
export const REDTEAM_A_CASES: readonly AdversarialCase[] = [
  ...T1_DIRTY,
  ...T1_CLEAN,
  ...T7_DIRTY,
  ...T7_CLEAN,
  ...T45_DIRTY,
  ...T45_CLEAN,
  ...HOSTILE,
  ...VARIANTS,
];
