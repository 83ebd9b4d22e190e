import { expand, samFunction } from './support';

describe('AWS::Serverless::Function', () => {
  it('becomes AWS::Lambda::Function with its properties, and a generated role with the basic execution policy', () => {
    const { resources, sources } = expand({
      F: samFunction({
        MemorySize: 256,
        Timeout: 10,
        ReservedConcurrentExecutions: 3,
        KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
        Tracing: 'Active',
        Environment: { Variables: { A: '1' } },
      }),
    });
    expect(resources.F).toMatchObject({
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'exports.handler = async () => 1;' },
        MemorySize: 256,
        Timeout: 10,
        ReservedConcurrentExecutions: 3,
        KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: { A: '1' } },
        Role: { 'Fn::GetAtt': ['FRole', 'Arn'] },
      },
    });
    expect(resources.FRole.Type).toBe('AWS::IAM::Role');
    expect(resources.FRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: ['lambda.amazonaws.com'] });
    expect(resources.FRole.Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess' },
    ]);
    expect(sources.get('F')).toMatchObject({ resource: 'F', part: undefined });
    expect(sources.get('FRole')).toMatchObject({ resource: 'F', part: 'its generated role' });
  });

  it('Policies: names and ARNs become managed policies, documents and templates inline policies, Fn::If stays a choice', () => {
    const { resources } = expand(
      {
        F: samFunction({
          Policies: [
            'AmazonS3ReadOnlyAccess',
            'arn:aws:iam::111122223333:policy/Mine',
            { Ref: 'ExtraPolicyArn' },
            { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
            { SQSPollerPolicy: { QueueName: 'jobs' } },
            {
              'Fn::If': [
                'IsProd',
                { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:1:t' }] },
                { Ref: 'AWS::NoValue' },
              ],
            },
          ],
        }),
      },
      { Parameters: { ExtraPolicyArn: { Type: 'String' } }, Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } },
    );
    const role = resources.FRole.Properties;
    expect(role.ManagedPolicyArns.slice(1)).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess' },
      'arn:aws:iam::111122223333:policy/Mine',
      { Ref: 'ExtraPolicyArn' },
    ]);
    expect(role.Policies.map((p: any) => p.PolicyName ?? Object.keys(p)[0])).toEqual(['FRolePolicy0', 'FRolePolicy1', 'Fn::If']);
    expect(role.Policies[1].PolicyDocument.Statement[0].Action).toContain('sqs:ReceiveMessage');
    expect(role.Policies[2]['Fn::If'][2]).toEqual({ Ref: 'AWS::NoValue' });
  });

  it('Role given: no role is generated, and Policies (ignored by SAM then) are reported, not silently dropped', () => {
    const { resources, notices } = expand({
      F: samFunction({ Role: 'arn:aws:iam::111122223333:role/r', Policies: ['AdministratorAccess'] }),
    });
    expect(resources.F.Properties.Role).toBe('arn:aws:iam::111122223333:role/r');
    expect(resources.FRole).toBeUndefined();
    expect(notices).toEqual([
      expect.objectContaining({ resource: 'F', key: 'Policies', message: expect.stringMatching(/ignored by SAM when Role is given/) }),
    ]);
  });

  it('DeadLetterQueue: DeadLetterConfig and the send permission on the generated role', () => {
    const { resources } = expand({ F: samFunction({ DeadLetterQueue: { Type: 'SQS', TargetArn: 'arn:aws:sqs:eu-west-1:1:dlq' } }) });
    expect(resources.F.Properties.DeadLetterConfig).toEqual({ TargetArn: 'arn:aws:sqs:eu-west-1:1:dlq' });
    expect(resources.FRole.Properties.Policies).toEqual([
      {
        PolicyName: 'FDeadLetterQueuePolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:dlq' }],
        },
      },
    ]);
  });

  it('AutoPublishAlias: a version and an alias (provisioned concurrency on it); EventInvokeConfig and the URL then apply to the alias', () => {
    const { resources, template } = expand(
      {
        F: samFunction({
          AutoPublishAlias: { Ref: 'AliasName' },
          ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 },
          EventInvokeConfig: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 600, DestinationConfig: { OnFailure: { Type: 'SQS' } } },
          FunctionUrlConfig: { AuthType: 'NONE' },
        }),
      },
      { Parameters: { AliasName: { Type: 'String', Default: 'live' } }, Outputs: { A: { Value: { Ref: 'F.Alias' } } } },
    );
    const versionId = Object.keys(resources).find((id) => /^FVersion[0-9a-f]{10}$/.test(id))!;
    expect(resources[versionId]).toMatchObject({ Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'F' } } });
    expect(resources.FAliaslive).toMatchObject({
      Type: 'AWS::Lambda::Alias',
      Properties: {
        Name: 'live',
        FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] },
        ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 },
      },
    });
    expect(resources.FEventInvokeConfig.Properties).toEqual({
      FunctionName: { Ref: 'F' },
      Qualifier: 'live',
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FEventInvokeConfigOnFailureQueue', 'Arn'] } } },
    });
    expect(resources.FEventInvokeConfigOnFailureQueue.Type).toBe('AWS::SQS::Queue');
    expect(resources.FRole.Properties.Policies).toEqual([expect.objectContaining({ PolicyName: 'FEventInvokeConfigOnFailureSQSPolicy' })]);
    // As the transform writes it: the URL targets the alias itself; the public URL also gets InvokeFunction, only via the URL.
    expect(resources.FUrl.Properties).toEqual({ TargetFunctionArn: { Ref: 'FAliaslive' }, AuthType: 'NONE' });
    expect(resources.FURLInvokeAllowPublicAccess.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'FAliaslive' },
      Principal: '*',
      InvokedViaFunctionUrl: true,
    });
    expect(resources.FUrlPublicPermissions.Properties).toMatchObject({
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: { Ref: 'FAliaslive' },
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    });
    expect((template.Outputs as any).A.Value).toEqual({ Ref: 'FAliaslive' });
  });

  it('CodeUri: a local path becomes asset metadata (absolute) for the code rules; S3 locations the code', () => {
    const { resources } = expand({
      Local: samFunction({ InlineCode: undefined, CodeUri: 'src/handler' }),
      S3: samFunction({ InlineCode: undefined, CodeUri: 's3://bucket/key.zip' }),
      Map: samFunction({ InlineCode: undefined, CodeUri: { Bucket: 'b', Key: 'k', Version: 'v' } }),
    });
    expect(resources.Local.Metadata).toEqual({ 'aws:asset:path': '/project/src/handler', 'aws:asset:property': 'Code' });
    expect(resources.S3.Properties.Code).toEqual({ S3Bucket: 'bucket', S3Key: 'key.zip' });
    expect(resources.Map.Properties.Code).toEqual({ S3Bucket: 'b', S3Key: 'k', S3ObjectVersion: 'v' });
  });

  it("the SAM resource's Condition and cdk_nag metadata carry over to everything it generates", () => {
    const nag = { rules_to_suppress: [{ id: 'Bulkhead-WildcardPermissions', reason: 'r' }] };
    const { resources } = expand(
      { F: samFunction({ FunctionUrlConfig: { AuthType: 'AWS_IAM' } }, { Condition: 'IsProd', Metadata: { cdk_nag: nag } }) },
      { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } },
    );
    for (const id of ['F', 'FRole', 'FUrl']) {
      expect(resources[id].Condition).toBe('IsProd');
      expect(resources[id].Metadata.cdk_nag).toEqual(nag);
    }
  });

  it('Role: !If between a role and AWS::NoValue: the role is generated under the branch that gives none, the function takes one or the other', () => {
    const generated = { 'Fn::GetAtt': ['FRole', 'Arn'] };
    const given = { Ref: 'RoleArn' };
    const elseCase = expand(
      { F: samFunction({ Role: { 'Fn::If': ['HasRole', given, { Ref: 'AWS::NoValue' }] }, Policies: ['AmazonS3ReadOnlyAccess'] }) },
      { Conditions: { HasRole: { 'Fn::Equals': ['a', 'a'] } } },
    );
    expect(elseCase.resources.F.Properties.Role).toEqual({ 'Fn::If': ['HasRole', given, generated] });
    expect(elseCase.resources.FRole.Condition).toBe('NOTHasRole');
    expect(elseCase.resources.FRole.Properties.ManagedPolicyArns).toHaveLength(2);
    expect(elseCase.template.Conditions).toEqual({
      HasRole: { 'Fn::Equals': ['a', 'a'] },
      NOTHasRole: { 'Fn::Not': [{ Condition: 'HasRole' }] },
    });
    const thenCase = expand(
      { F: samFunction({ Role: { 'Fn::If': ['NoRole', { Ref: 'AWS::NoValue' }, given] } }) },
      { Conditions: { NoRole: { 'Fn::Equals': ['a', 'b'] } } },
    );
    expect(thenCase.resources.F.Properties.Role).toEqual({ 'Fn::If': ['NoRole', generated, given] });
    expect(thenCase.resources.FRole.Condition).toBe('NoRole');
  });

  it('Policies given as one policy template (a map, not a list) is expanded like a list of one', () => {
    const { resources } = expand({ F: samFunction({ Policies: { SQSPollerPolicy: { QueueName: 'jobs' } } }) });
    expect(JSON.stringify(resources.FRole.Properties.Policies)).toContain('sqs:ReceiveMessage');
  });

  it('EventInvokeConfig with an S3 bucket destination (Type S3Bucket, as SAM spells it): PutObject on its objects, ListBucket on it', () => {
    const bucket = 'arn:aws:s3:::results';
    const { resources } = expand({
      F: samFunction({ EventInvokeConfig: { DestinationConfig: { OnSuccess: { Type: 'S3Bucket', Destination: bucket } } } }),
    });
    expect(resources.FEventInvokeConfig.Properties.DestinationConfig).toEqual({ OnSuccess: { Destination: bucket } });
    expect(resources.FRole.Properties.Policies).toEqual([
      {
        PolicyName: 'FEventInvokeConfigOnSuccessS3Policy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['/', [bucket, '*']] } },
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
          ],
        },
      },
    ]);
  });

  it('EventInvokeConfig destination !If [c, arn, AWS::NoValue]: SAM creates the queue or topic under the branch that gives none', () => {
    const noValue = { Ref: 'AWS::NoValue' };
    const { resources, template } = expand(
      {
        F: samFunction({
          EventInvokeConfig: {
            DestinationConfig: {
              OnSuccess: { Type: 'SQS', Destination: { 'Fn::If': ['HasQueue', 'arn:aws:sqs:eu-west-1:111122223333:q', noValue] } },
              OnFailure: { Type: 'SNS', Destination: { 'Fn::If': ['MakeTopic', noValue, 'arn:aws:sns:eu-west-1:111122223333:t'] } },
            },
          },
        }),
      },
      { Conditions: { HasQueue: { 'Fn::Equals': ['a', 'a'] }, MakeTopic: { 'Fn::Equals': ['a', 'b'] } } },
    );
    expect(resources.FEventInvokeConfigOnSuccessQueue).toEqual({ Type: 'AWS::SQS::Queue', Condition: 'NOTHasQueue', Properties: {} });
    expect(resources.FEventInvokeConfigOnFailureTopic).toEqual({ Type: 'AWS::SNS::Topic', Condition: 'MakeTopic', Properties: {} });
    expect(resources.FEventInvokeConfig.Properties.DestinationConfig).toEqual({
      OnSuccess: {
        Destination: {
          'Fn::If': ['HasQueue', 'arn:aws:sqs:eu-west-1:111122223333:q', { 'Fn::GetAtt': ['FEventInvokeConfigOnSuccessQueue', 'Arn'] }],
        },
      },
      OnFailure: {
        Destination: { 'Fn::If': ['MakeTopic', { Ref: 'FEventInvokeConfigOnFailureTopic' }, 'arn:aws:sns:eu-west-1:111122223333:t'] },
      },
    });
    expect(Object.keys(template.Conditions as object)).toContain('NOTHasQueue');
  });
});
