import { expandPolicyTemplate, POLICY_TEMPLATE_NAMES } from '../../lib/sam/policy-templates';

describe('SAM policy templates', () => {
  it('fill parameters as Fn::Sub variables, or write literal ones in', () => {
    const crud = expandPolicyTemplate('DynamoDBCrudPolicy', { TableName: { Ref: 'Orders' } });
    expect(crud).toEqual({
      kind: 'statements',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'dynamodb:GetItem',
              'dynamodb:DeleteItem',
              'dynamodb:PutItem',
              'dynamodb:Scan',
              'dynamodb:Query',
              'dynamodb:UpdateItem',
              'dynamodb:BatchWriteItem',
              'dynamodb:BatchGetItem',
              'dynamodb:DescribeTable',
              'dynamodb:ConditionCheckItem',
            ],
            Resource: [
              {
                'Fn::Sub': [
                  'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}',
                  { tableName: { Ref: 'Orders' } },
                ],
              },
              {
                'Fn::Sub': [
                  'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*',
                  { tableName: { Ref: 'Orders' } },
                ],
              },
            ],
          },
        ],
      },
    });
    const literal = expandPolicyTemplate('S3ReadPolicy', { BucketName: 'reports' });
    expect(literal.kind === 'statements' && literal.document.Statement).toEqual([
      expect.objectContaining({
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::reports' }, { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::reports/*' }],
      }),
    ]);
    const everything = expandPolicyTemplate('AWSSecretsManagerGetSecretValuePolicy', { SecretArn: '*' });
    expect(everything.kind === 'statements' && everything.document.Statement).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['*'] },
    ]);
  });

  it('an unknown template is reported as unknown; a missing parameter names it and the expected ones', () => {
    expect(expandPolicyTemplate('NoSuchPolicy', {})).toEqual({ kind: 'unknown' });
    expect(expandPolicyTemplate('DynamoDBStreamReadPolicy', { TableName: 't' })).toEqual({
      kind: 'missing',
      parameter: 'StreamName',
      expected: ['TableName', 'StreamName'],
    });
    expect(expandPolicyTemplate('CloudWatchPutMetricPolicy', {})).toMatchObject({ kind: 'statements' });
  });

  it('every template yields Allow statements naming actions, with every parameter used', () => {
    for (const name of POLICY_TEMPLATE_NAMES) {
      const params = Object.fromEntries(
        [
          'TableName',
          'StreamName',
          'BucketName',
          'QueueName',
          'TopicName',
          'FunctionName',
          'KeyId',
          'SecretArn',
          'ParameterName',
          'StateMachineName',
          'EventBusName',
          'IdentityName',
          'LogGroupName',
        ].map((p) => [p, `P-${p}`]),
      );
      const result = expandPolicyTemplate(name, params);
      expect(result.kind).toBe('statements');
      const statements = (result as unknown as { document: { Statement: Array<{ Effect: string; Action: string[] }> } }).document.Statement;
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) {
        expect(s.Effect).toBe('Allow');
        expect(s.Action.every((a) => /^[a-z0-9-]+:[A-Za-z*]+$/.test(a))).toBe(true);
      }
      expect(JSON.stringify(statements)).not.toMatch(/\$\{[a-z][A-Za-z]*\}/); // no placeholder left unfilled
    }
  });
});
