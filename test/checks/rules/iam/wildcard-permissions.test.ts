import { CfnMapping, CfnParameter, CfnResource, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingsOf, flagged, newStack } from '../../support';

const lambdaRole = (scope: any, id: string) => new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const keys = (scope: any) =>
  findingsOf(scope, 'WildcardPermissions')
    .map((f) => f.findingId)
    .sort();

describe('WildcardPermissions', () => {
  it('passes CDK grants, partial wildcards and X-Ray writes on Resource *', () => {
    const stack = newStack();
    const role = lambdaRole(stack, 'R');
    new s3.Bucket(stack, 'B').grantRead(role); // s3:GetObject*, s3:List* on the bucket ARNs
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey*', 's3:Get*'], resources: ['arn:aws:s3:::b/*'] }));
    new iam.Policy(stack, 'XRay', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
    });
    new iam.Policy(stack, 'Vpc', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DeleteNetworkInterface',
            'cloudwatch:PutMetricData',
            'sts:GetCallerIdentity',
          ],
          resources: ['*'],
        }),
      ],
    });
    expect(flagged(stack, 'WildcardPermissions')).toEqual([]);
  });

  it('passes Deny statements with wildcards', () => {
    const stack = newStack();
    new iam.ManagedPolicy(stack, 'Guard', {
      statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] })],
    });
    expect(flagged(stack, 'WildcardPermissions')).toEqual([]);
  });

  it('flags service:* and * actions and Resource * on an L2 policy, one key each', () => {
    const stack = newStack();
    const role = lambdaRole(stack, 'R');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    const found = findingsOf(stack, 'WildcardPermissions');
    expect(found.map((f) => f.findingId).sort()).toEqual([
      'Bulkhead-WildcardPermissions[Action::s3:*]',
      'Bulkhead-WildcardPermissions[Resource::*]',
    ]);
    expect(found.find((f) => f.findingId.endsWith('[Resource::*]'))!.message).toContain(
      'Resource "*" for actions that support resource-level permissions (dynamodb:GetItem)',
    );
    expect(found.find((f) => f.findingId.endsWith('[Action::s3:*]'))!.message).toContain('allows Action "s3:*" (every s3 action)');
  });

  it('flags Resource * when only some actions lack resource-level permissions', () => {
    const stack = newStack();
    new iam.ManagedPolicy(stack, 'M', {
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'sqs:SendMessage'], resources: ['*'] })],
    });
    expect(keys(stack)).toEqual(['Bulkhead-WildcardPermissions[Resource::*]']);
  });

  it('flags inline policies of an L1 role (NotAction, *), naming the policy and statement', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      policies: [
        { policyName: 'everything', policyDocument: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } },
        {
          policyName: 'but-iam',
          policyDocument: { Statement: [{ Sid: 'NoIam', Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::x' }] },
        },
      ],
    });
    const found = findingsOf(stack, 'WildcardPermissions');
    expect(found.map((f) => f.findingId).sort()).toEqual([
      'Bulkhead-WildcardPermissions[Action::*]',
      'Bulkhead-WildcardPermissions[NotAction]',
      'Bulkhead-WildcardPermissions[Resource::*]',
    ]);
    expect(found.find((f) => f.findingId.endsWith('[NotAction]'))!.message).toContain('statement 1 (Sid NoIam) of inline policy but-iam');
    expect(found.find((f) => f.findingId.endsWith('[Action::*]'))!.message).toContain(
      'statement 1 of inline policy everything allows Action "*"',
    );
  });

  it('reads statements behind Fn::If and actions only known at deploy time', () => {
    const stack = newStack();
    new CfnResource(stack, 'P', {
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyName: 'p',
        Roles: ['r'],
        PolicyDocument: {
          Statement: [
            Fn.conditionIf(
              'IsDev',
              { Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:eu-west-1:111111111111:q' },
              { Ref: 'AWS::NoValue' },
            ),
            { Effect: 'Allow', Action: { Ref: 'ActionParam' }, Resource: '*' },
          ],
        },
      },
    });
    expect(keys(stack)).toEqual(['Bulkhead-WildcardPermissions[Action::sqs:*]', 'Bulkhead-WildcardPermissions[Resource::*]']);
    expect(findingsOf(stack, 'WildcardPermissions').find((f) => f.findingId.endsWith('[Resource::*]'))!.message).toContain(
      'actions only known at deploy time',
    );
  });

  it('merges the same wildcard of several statements into one acknowledgeable finding', () => {
    const stack = newStack();
    new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 's3:*', Resource: 'a' },
          { Effect: 'Allow', Action: ['S3:*'], Resource: 'b' },
        ],
      },
    });
    const found = findingsOf(stack, 'WildcardPermissions');
    expect(found.map((f) => f.findingId)).toEqual(['Bulkhead-WildcardPermissions[Action::s3:*]']);
    expect(found[0].message).toContain('statement 1; statement 2 allow Action "s3:*"');
  });
});

describe('WildcardPermissions: values the template decides, trust policies, ARNs without a type word', () => {
  const stack = newStack();
  const actions = new CfnParameter(stack, 'Actions', { default: 'iam:*' });
  new CfnMapping(stack, 'Buckets', { mapping: { prod: { arn: 'arn:aws:s3:::*/*' } } });
  const inline = (statement: object) => ({ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } });
  const role = (id: string, properties: object) =>
    new CfnResource(stack, id, {
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ...properties,
      },
    });
  const trusting = (id: string, statement: object) =>
    new CfnResource(stack, id, {
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] },
      },
    });
  role('ActionDefault', {
    Policies: [inline({ Effect: 'Allow', Action: actions.valueAsString, Resource: 'arn:aws:iam::111111111111:role/x' })],
  });
  role('ResourceMapping', {
    Policies: [inline({ Effect: 'Allow', Action: 's3:GetObject', Resource: Fn.findInMap('Buckets', 'prod', 'arn') })],
  });
  role('OneApi', {
    Policies: [
      inline({
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/*/GET/orders',
      }),
    ],
  });
  trusting('TrustAnyone', { Principal: { AWS: '*' } });
  trusting('TrustStar', { Principal: '*' });
  trusting('TrustExternalId', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': 'shared' } } });
  trusting('TrustAnyPrincipalArn', { Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:PrincipalArn': ['*'] } } });
  trusting('TrustOrg', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
  trusting('TrustAccount', { Principal: { AWS: 'arn:aws:iam::222222222222:root' } });
  const oidc = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
  const web = { Action: 'sts:AssumeRoleWithWebIdentity' };
  const audience = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
  trusting('TrustFederatedStar', { Principal: { Federated: '*' }, ...web });
  trusting('TrustGithubAnyRepo', { Principal: { Federated: oidc }, ...web, Condition: { StringEquals: audience } });
  trusting('TrustGithubSubStar', {
    Principal: { Federated: oidc },
    ...web,
    Condition: { StringEquals: audience, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } },
  });
  trusting('TrustGithubOneRepo', {
    Principal: { Federated: oidc },
    ...web,
    Condition: {
      StringEquals: audience,
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/orders:ref:refs/heads/main' },
    },
  });
  trusting('TrustCognitoAnyPool', { Principal: { Federated: 'cognito-identity.amazonaws.com' }, ...web });
  trusting('TrustCognitoOnePool', {
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    ...web,
    Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' } },
  });
  // aws-eks writes a service account's conditions through CfnJson: the keys hold the cluster's issuer.
  trusting('TrustEksServiceAccount', {
    Principal: { Federated: { Ref: 'ClusterProvider' } },
    ...web,
    Condition: { StringEquals: { 'Fn::GetAtt': ['ConditionJson', 'Value'] } },
  });
  trusting('TrustSaml', {
    Principal: { Federated: 'arn:aws:iam::111111111111:saml-provider/corp' },
    Action: 'sts:AssumeRoleWithSAML',
    Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  });

  it('judges a parameter Default and a mapping like literals, an API id as a name, and trust open to "*" or to any web identity', () => {
    expect(flagged(stack, 'WildcardPermissions')).toEqual([
      'ActionDefault',
      'ResourceMapping',
      'TrustAnyPrincipalArn',
      'TrustAnyone',
      'TrustCognitoAnyPool',
      'TrustExternalId',
      'TrustFederatedStar',
      'TrustGithubAnyRepo',
      'TrustGithubSubStar',
      'TrustStar',
    ]);
    const detail = (id: string) => findingsOf(stack, 'WildcardPermissions').find((f) => f.logicalId === id)!;
    expect(detail('ActionDefault').message).toContain('allows Action "iam:*" (every iam action)');
    expect(detail('ResourceMapping').message).toContain('allows Resource "arn:aws:s3:::*/*" (every resource of its type)');
    expect(detail('TrustAnyone')).toMatchObject({
      findingId: 'Bulkhead-WildcardPermissions[Principal::*]',
      message: expect.stringContaining(
        'statement 1 of the trust policy (AssumeRolePolicyDocument) allows Principal "*" to assume the role',
      ),
    });
    expect(detail('TrustGithubAnyRepo')).toMatchObject({
      findingId: 'Bulkhead-WildcardPermissions[Principal::Federated]',
      message: expect.stringContaining('without a <provider>:sub condition'),
    });
    expect(detail('TrustCognitoAnyPool').message).toContain('without a cognito-identity.amazonaws.com:aud condition');
  });
});

describe('WildcardPermissions judges actions by AWS data (Service Authorization Reference)', () => {
  // One stack, one policy per case: findings are told apart by logical ID.
  const stack = newStack();
  const policy = (id: string, actions: string[], resources: string[]) =>
    new iam.CfnPolicy(stack, id, {
      policyName: id,
      roles: ['r'],
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] },
    });
  policy('MlApis', ['rekognition:DetectLabels', 'comprehend:DetectSentiment', 'textract:AnalyzeDocument', 'pricing:GetProducts'], ['*']);
  policy('LogDelivery', ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery'], ['*']);
  policy(
    'LogPolicies',
    ['logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
    ['*'],
  );
  policy('NoResourcePattern', ['xray:PutTrace*', 'rekognition:DetectL?bels'], ['*']);
  policy('UnknownService', ['madeupservice:DoThing', 'madeup*:Do*'], ['*']);
  policy('ReadPattern', ['s3:Get*'], ['*']);
  policy('InvokePattern', ['lambda:*n*n*n'], ['*']);
  policy('AcrossColon', ['s3*Object'], ['*']);
  policy('Misspelt', ['s3:GetObjectt'], ['*']);
  policy('AssumeAny', ['sts:AssumeRole'], ['*']);
  policy(
    'ScopedReads',
    ['s3:Get*', 's3:List*', 's3:GetObject*', 's3:DeleteObject*', 'kms:GenerateDataKey*'],
    ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
  );
  policy('RolePolicyPattern', ['iam:*Policy*'], ['arn:aws:iam::111111111111:role/app']);
  policy('BucketPutPattern', ['s3:Put*'], ['arn:aws:s3:::b']);
  policy('FunctionPermissionPattern', ['lambda:*Permission'], ['arn:aws:lambda:eu-west-1:111111111111:function:f']);
  const all = findingsOf(stack, 'WildcardPermissions');
  const of = (id: string) => all.filter((f) => f.logicalId === id);

  it.each(['MlApis', 'LogDelivery', 'LogPolicies', 'NoResourcePattern', 'UnknownService', 'ScopedReads'])(
    '%s: no finding (actions with no resource type on *, patterns of only such actions, unknown services, scoped reads)',
    (id) => {
      expect(of(id).map((f) => f.message)).toEqual([]);
    },
  );

  it.each([
    ['ReadPattern', 's3:Get*'],
    ['InvokePattern', 'lambda:*n*n*n'],
    ['AcrossColon', 's3*Object'],
    ['AssumeAny', 'sts:AssumeRole'],
    ['Misspelt', "s3:GetObjectt (matches no action in AWS's Service Authorization Reference of 2026-09-26)"],
  ])('%s: Resource * for a pattern or action that takes a resource (%s)', (id, named) => {
    expect(of(id).map((f) => f.findingId)).toEqual(['Bulkhead-WildcardPermissions[Resource::*]']);
    expect(of(id)[0].message).toContain(`Resource "*" for actions that support resource-level permissions (${named})`);
  });

  it.each([
    ['RolePolicyPattern', 'iam:*policy*', 'iam:*Policy*', 'iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy and'],
    ['BucketPutPattern', 's3:put*', 's3:Put*', 's3:PutAccessGrantsInstanceResourcePolicy'],
    ['FunctionPermissionPattern', 'lambda:*permission', 'lambda:*Permission', 'lambda:AddLayerVersionPermission, lambda:AddPermission'],
  ])('%s: a pattern reaching permissions-management actions, even on one resource', (id, key, written, named) => {
    expect(of(id).map((f) => f.findingId)).toEqual([`Bulkhead-WildcardPermissions[Action::${key}]`]);
    expect(of(id)[0].message).toContain(`Action "${written}" (a pattern that also grants permissions-management actions: `);
    expect(of(id)[0].message).toContain(named);
  });
});
