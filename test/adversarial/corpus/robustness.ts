import { ACCOUNT, AdversarialCase, bad, clean, envFn, fn, tpl } from './case';

/**
 * What must never happen: a resource the loader does not see (logical IDs that are also Object.prototype
 * properties), unbounded time on wildcard patterns built to backtrack, traces or lying exit codes on output errors.
 */

const R = 'robustness';
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const PROTO_IDS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];
const open = (id: string): object => ({
  Type: 'AWS::Lambda::Url',
  Properties: { TargetFunctionArn: { 'Fn::GetAtt': [id, 'Arn'] }, AuthType: 'NONE' },
});
const rolePolicy = (actions: string[], resource: unknown = '*'): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust,
    Policies: [
      { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] } },
    ],
  },
});
const stars = (n: number, tail: string): string => `${'*'.repeat(n)}${tail}`;
const alternating = (n: number): string => `${'*a'.repeat(n)}!`;

/** Many findings, so the report is long enough to meet a closed pipe. */
const noisy = (): object => {
  const resources: { [id: string]: object } = {};
  for (let i = 0; i < 40; i++)
    resources[`Fn${i}`] = fn(`noisy${i}`, {
      ReservedConcurrentExecutions: undefined,
      KmsKeyArn: undefined,
      Environment: { Variables: { DB_PASSWORD: `FakePassw0rd-Example${i}` } },
    });
  return tpl(resources);
};

export const ROBUSTNESS_CASES: AdversarialCase[] = [
  ...PROTO_IDS.map((id) =>
    bad(
      `r-proto-id-${id.toLowerCase()}`,
      R,
      'prototype-logical-id',
      ['FunctionUrlAuth', 'ReservedConcurrency'],
      tpl({ [id]: fn(id, { ReservedConcurrentExecutions: undefined }), Url: open(id) }),
    ),
  ),
  bad(
    'r-proto-role-shared',
    R,
    'prototype-logical-id',
    ['SharedRole'],
    tpl({
      constructor: rolePolicy(['s3:GetObject'], 'arn:aws:s3:::orders-uploads-111111111111/*'),
      toString: fn('a', { Role: { 'Fn::GetAtt': ['constructor', 'Arn'] } }),
      valueOf: fn('b', { Role: { 'Fn::GetAtt': ['constructor', 'Arn'] } }),
    }),
  ),
  bad(
    'r-proto-queue-ref',
    R,
    'prototype-logical-id',
    ['SqsSourceRedrive'],
    tpl({
      hasOwnProperty: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          KmsMasterKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/1111aaaa-22bb-33cc-44dd-555555eeeeee',
          VisibilityTimeout: 60,
        },
      },
      Fn: fn('fn'),
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['hasOwnProperty', 'Arn'] } },
      },
    }),
  ),
  bad(
    'r-proto-sub-variable',
    R,
    'prototype-logical-id',
    ['EnvSecret'],
    tpl({
      Fn: envFn({
        DATABASE_URL: { 'Fn::Sub': ['postgres://app:FakePassw0rd-Example@${constructor}/orders', { constructor: 'db.internal' }] },
      }),
    }),
  ),
  bad(
    'r-proto-sub-unbound',
    R,
    'prototype-logical-id',
    ['EnvSecret'],
    tpl({
      constructor: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/orders' } },
      Fn: envFn({ DB_PASSWORD: { 'Fn::Sub': 'FakePassw0rd-Example-${constructor.QueueName}' } }),
    }),
  ),
  clean(
    'r-proto-clean',
    R,
    'prototype-logical-id',
    tpl({
      constructor: fn('constructor'),
      toString: fn('tostring'),
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'constructor' }, Principal: ACCOUNT },
      },
    }),
  ),
  clean(
    'r-proto-mapping-keys',
    R,
    'prototype-logical-id',
    tpl(
      { Fn: envFn({ STAGE: { 'Fn::FindInMap': ['constructor', 'toString', 'valueOf'] } }) },
      { Mappings: { constructor: { toString: { valueOf: 'prod' } } } },
    ),
  ),
  clean(
    'r-proto-condition',
    R,
    'prototype-logical-id',
    tpl(
      { Fn: fn('fn', { ReservedConcurrentExecutions: { 'Fn::If': ['constructor', 5, 2] } }) },
      { Conditions: { constructor: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } } },
    ),
  ),
  bad(
    'r-wildcard-many-stars-action',
    R,
    'adversarial-pattern',
    ['WildcardPermissions'],
    tpl({ Role: rolePolicy([stars(4000, 'x'), `lambda:${stars(4000, 'Z')}`]), Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }) }),
  ),
  bad(
    'r-wildcard-alternating',
    R,
    'adversarial-pattern',
    ['WildcardPermissions'],
    tpl({
      Role: rolePolicy([`s3:${alternating(3000)}`, `lambda:${'*?'.repeat(3000)}!`]),
      Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
    }),
  ),
  bad(
    'r-wildcard-permission-action',
    R,
    'adversarial-pattern',
    ['FunctionUrlAuth'],
    tpl({
      Fn: fn('fn'),
      Url: open('Fn'),
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: { Action: `lambda:${'*a'.repeat(2000)}`, FunctionName: { Ref: 'Fn' }, Principal: ACCOUNT },
      },
    }),
  ),
  bad(
    'r-wildcard-invoke-policy',
    R,
    'adversarial-pattern',
    ['WildcardPermissions'],
    tpl({
      // `*n` x 3000 needs 3,000 n's: it matches no action (no name is that long) and so grants nothing by itself.
      // `*...*n` matches lambda:InvokeFunction and also lambda:AddPermission and RemovePermission on the function.
      Role: rolePolicy([`lambda:${'*n'.repeat(3000)}`, `lambda:${'*'.repeat(3000)}n`], { 'Fn::GetAtt': ['Fn', 'Arn'] }),
      Fn: fn('fn', { Role: `arn:aws:iam::${ACCOUNT}:role/fn-role` }),
    }),
  ),
  clean(
    'r-wildcard-matches-nothing',
    R,
    'adversarial-pattern',
    tpl({
      Role: rolePolicy([`lambda:${'*n'.repeat(3000)}`], { 'Fn::GetAtt': ['Fn', 'Arn'] }),
      Fn: fn('fn', { Role: `arn:aws:iam::${ACCOUNT}:role/fn-role` }),
    }),
  ),
  bad(
    'r-wildcard-resource',
    R,
    'adversarial-pattern',
    ['WildcardPermissions'],
    tpl({
      Role: rolePolicy(['s3:GetObject'], `arn:aws:s3:::${'*?'.repeat(4000)}`),
      Fn: fn('fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
    }),
  ),
  { ...bad('r-output-closed-pipe', R, 'output-error', [], noisy()), clean: true, io: 'closed-pipe' },
  { ...bad('r-output-full-disk', R, 'output-error', [], noisy()), clean: true, io: 'full-disk' },
];
