import { ACCOUNT, AdversarialCase, bad, badApp, clean, cleanApp, fn, tpl } from './case';

/**
 * T1: one execution role for several functions, written so that no two spellings look alike: across the stacks of
 * one app (an export and its imports, CDK's export names, literal ARNs, `Fn::Sub`/`Fn::Join` over pseudo parameters
 * and parameter defaults, the role's name exported instead of its ARN) and within one template (a parameter default,
 * `Ref` of the role inside a Join, one side of an `Fn::If`). Clean look-alikes: the same role name in two accounts,
 * similar names, one role per import, deploy-time names that cannot be told apart, a role shared with a state machine.
 */

const T = 'T1';
const ACROSS = 'shared-role-across-stacks';
const SPELLINGS = 'shared-role-spellings';
const LOOKALIKE = 'lookalike-shared-role';
const OTHER_ACCOUNT = '222222222222';

const role = (extra: object = {}): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    Policies: [
      {
        PolicyName: 'fn',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::orders-uploads-111111111111/*' }],
        },
      },
    ],
    ...extra,
  },
});
const exportOf = (value: unknown, name: unknown): object => ({ Value: value, Export: { Name: name } });
const getAtt = (id: string): object => ({ 'Fn::GetAtt': [id, 'Arn'] });
const imported = (name: unknown): object => ({ 'Fn::ImportValue': name });
/** A template holding one hardened function with this Role. */
const one = (id: string, roleValue: unknown, sections: { [key: string]: unknown } = {}): object =>
  tpl({ [id]: fn(id.toLowerCase(), { Role: roleValue }) }, sections);
const CDK_EXPORT = 'orders-roles:ExportsOutputFnGetAttSharedRole8B7C2F3AArnD8E9C1A2';

export const T1_SHARED_ROLE_CASES: AdversarialCase[] = [
  badApp('t1-xstack-export-imported-twice', T, ACROSS, ['SharedRole'], one('Pay', imported('orders-role-arn')), {
    roles: tpl({ Role: role() }, { Outputs: { RoleArn: exportOf(getAtt('Role'), 'orders-role-arn') } }),
    jobs: one('Refund', imported('orders-role-arn')),
  }),
  badApp(
    't1-xstack-getatt-and-import',
    T,
    ACROSS,
    ['SharedRole'],
    tpl(
      { Role: role(), Pay: fn('pay', { Role: getAtt('Role') }) },
      { Outputs: { RoleArn: exportOf(getAtt('Role'), { 'Fn::Sub': 'orders-${AWS::AccountId}-role' }) } },
    ),
    { jobs: one('Refund', imported({ 'Fn::Sub': 'orders-${AWS::AccountId}-role' })) },
  ),
  badApp('t1-xstack-cdk-export-names', T, ACROSS, ['SharedRole'], one('Pay', imported(CDK_EXPORT)), {
    roles: tpl(
      { SharedRole8B7C2F3A: role() },
      { Outputs: { ExportsOutputFnGetAttSharedRole: exportOf(getAtt('SharedRole8B7C2F3A'), CDK_EXPORT) } },
    ),
    jobs: one('Refund', imported(CDK_EXPORT)),
  }),
  badApp('t1-xstack-literal-arns', T, ACROSS, ['SharedRole'], one('Pay', `arn:aws:iam::${ACCOUNT}:role/orders-shared`), {
    jobs: one('Refund', `arn:aws:iam::${ACCOUNT}:role/orders-shared`),
  }),
  badApp(
    't1-xstack-named-role-and-sub-default',
    T,
    ACROSS,
    ['SharedRole'],
    tpl({ Role: role({ RoleName: 'orders-api' }), Pay: fn('pay', { Role: getAtt('Role') }) }),
    {
      jobs: one(
        'Refund',
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${RoleNameParam}' },
        { Parameters: { RoleNameParam: { Type: 'String', Default: 'orders-api' } } },
      ),
    },
  ),
  badApp(
    't1-xstack-path-and-join',
    T,
    ACROSS,
    ['SharedRole'],
    tpl({ Role: role({ RoleName: 'orders-worker', Path: '/service/' }), Pay: fn('pay', { Role: getAtt('Role') }) }),
    {
      jobs: one('Refund', {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/service/orders-worker']],
      }),
    },
  ),
  badApp(
    't1-xstack-three-stacks-three-spellings',
    T,
    ACROSS,
    ['SharedRole'],
    tpl({ Role: role({ RoleName: 'orders-batch' }) }, { Outputs: { Arn: exportOf(getAtt('Role'), 'orders-batch-arn') } }),
    {
      api: one('Pay', `arn:aws:iam::${ACCOUNT}:role/orders-batch`),
      jobs: one('Refund', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/orders-batch' }),
      reports: one('Report', imported('orders-batch-arn')),
    },
  ),
  badApp(
    't1-xstack-exported-role-name',
    T,
    ACROSS,
    ['SharedRole'],
    tpl({ Role: role(), Pay: fn('pay', { Role: getAtt('Role') }) }, { Outputs: { Name: exportOf({ Ref: 'Role' }, 'orders-role-name') } }),
    {
      jobs: one('Refund', {
        'Fn::Sub': ['arn:aws:iam::${AWS::AccountId}:role/${Name}', { Name: imported('orders-role-name') }],
      }),
    },
  ),
  badApp(
    't1-xstack-import-of-unseen-export',
    T,
    ACROSS,
    ['SharedRole'],
    one('Pay', imported({ 'Fn::Sub': '${NetworkStack}-LambdaRoleArn' }), {
      Parameters: { NetworkStack: { Type: 'String', Default: 'network' } },
    }),
    { jobs: one('Refund', imported('network-LambdaRoleArn')) },
  ),
  badApp(
    't1-xstack-one-side-of-if',
    T,
    ACROSS,
    ['SharedRole'],
    one(
      'Pay',
      { 'Fn::If': ['IsProd', `arn:aws:iam::${ACCOUNT}:role/orders-prod`, `arn:aws:iam::${ACCOUNT}:role/orders-pay`] },
      { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, ACCOUNT] } } },
    ),
    { jobs: one('Refund', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/orders-pay' }) },
  ),
  badApp(
    't1-xstack-pseudo-account-and-literal',
    T,
    ACROSS,
    ['SharedRole'],
    one('Pay', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-ledger' }),
    { jobs: one('Refund', `arn:aws:iam::${ACCOUNT}:role/orders-ledger`) },
  ),
  // Within one template.
  bad(
    't1-shared-getatt-and-parameter-default',
    T,
    SPELLINGS,
    ['SharedRole'],
    tpl(
      { Role: role({ RoleName: 'orders-x' }), A: fn('a', { Role: getAtt('Role') }), B: fn('b', { Role: { Ref: 'RoleArn' } }) },
      { Parameters: { RoleArn: { Type: 'String', Default: `arn:aws:iam::${ACCOUNT}:role/orders-x` } } },
    ),
  ),
  bad(
    't1-shared-join-of-role-ref',
    T,
    SPELLINGS,
    ['SharedRole'],
    tpl({
      Role: role(),
      A: fn('a', { Role: getAtt('Role') }),
      B: fn('b', { Role: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/', { Ref: 'Role' }]] } }),
    }),
  ),
  bad(
    't1-shared-mapping-and-literal',
    T,
    SPELLINGS,
    ['SharedRole'],
    tpl(
      {
        A: fn('a', { Role: { 'Fn::FindInMap': ['Roles', 'orders', 'arn'] } }),
        B: fn('b', { Role: `arn:aws:iam::${ACCOUNT}:role/orders-mapped` }),
      },
      { Mappings: { Roles: { orders: { arn: `arn:aws:iam::${ACCOUNT}:role/orders-mapped` } } } },
    ),
  ),

  // Clean look-alikes.
  cleanApp('t1-xstack-ok-same-name-two-accounts', T, LOOKALIKE, one('Pay', `arn:aws:iam::${ACCOUNT}:role/orders`), {
    other: one('Pay', `arn:aws:iam::${OTHER_ACCOUNT}:role/orders`),
  }),
  cleanApp(
    't1-xstack-ok-similar-names',
    T,
    LOOKALIKE,
    tpl({ Reader: role({ RoleName: 'orders-reader' }), Pay: fn('pay', { Role: getAtt('Reader') }) }),
    {
      v2: one('Refund', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/orders-reader-v2' }),
      path: one('Report', `arn:aws:iam::${ACCOUNT}:role/orders-reader/v1`),
    },
  ),
  cleanApp(
    't1-xstack-ok-one-export-each',
    T,
    LOOKALIKE,
    tpl(
      { A: role(), B: role() },
      { Outputs: { ArnA: exportOf(getAtt('A'), 'orders-a-arn'), ArnB: exportOf(getAtt('B'), 'orders-b-arn') } },
    ),
    { api: one('Pay', imported('orders-a-arn')), jobs: one('Refund', imported('orders-b-arn')) },
  ),
  cleanApp(
    't1-xstack-ok-parameters-without-default',
    T,
    LOOKALIKE,
    one('Pay', { Ref: 'RoleArn' }, { Parameters: { RoleArn: { Type: 'String' } } }),
    { jobs: one('Refund', { Ref: 'RoleArn' }, { Parameters: { RoleArn: { Type: 'String' } } }) },
  ),
  cleanApp(
    't1-xstack-ok-stack-named-roles',
    T,
    LOOKALIKE,
    one('Pay', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}-fn' }),
    { jobs: one('Refund', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}-fn' }) },
  ),
  cleanApp(
    't1-xstack-ok-role-with-state-machine',
    T,
    LOOKALIKE,
    tpl(
      {
        Role: role({
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] }, Action: 'sts:AssumeRole' },
            ],
          },
        }),
        Pay: fn('pay', { Role: getAtt('Role') }),
      },
      { Outputs: { Arn: exportOf(getAtt('Role'), 'orders-flow-role') } },
    ),
    {
      flow: tpl({
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            RoleArn: imported('orders-flow-role'),
            DefinitionString: '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}',
          },
        },
      }),
    },
  ),
  clean(
    't1-ok-role-with-state-machine',
    T,
    LOOKALIKE,
    tpl({
      Role: role(),
      Pay: fn('pay', { Role: getAtt('Role') }),
      Flow: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { RoleArn: getAtt('Role'), DefinitionString: '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}' },
      },
    }),
  ),
  clean(
    't1-ok-if-sides-own-roles',
    T,
    LOOKALIKE,
    tpl(
      {
        A: fn('a', { Role: { 'Fn::If': ['IsProd', `arn:aws:iam::${ACCOUNT}:role/a-prod`, `arn:aws:iam::${ACCOUNT}:role/a-dev`] } }),
        B: fn('b', { Role: { 'Fn::If': ['IsProd', `arn:aws:iam::${ACCOUNT}:role/b-prod`, `arn:aws:iam::${ACCOUNT}:role/b-dev`] } }),
      },
      { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, ACCOUNT] } } },
    ),
  ),
];
