import { expand, samFunction } from './support';

const event = (Type: string, Properties: object): object => ({ E: { Type, Properties } });

describe('function events', () => {
  it('SQS, Kinesis, DynamoDB, MSK, MQ: event source mappings `<Function><Event>` with their properties, and the policies SAM adds', () => {
    const { resources, sources } = expand({
      Sqs: samFunction({
        Events: event('SQS', { Queue: 'arn:aws:sqs:eu-west-1:1:q', BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] }),
      }),
      Kin: samFunction({
        Events: event('Kinesis', {
          Stream: 'arn:aws:kinesis:eu-west-1:1:stream/s',
          StartingPosition: 'LATEST',
          MaximumRetryAttempts: 3,
          MaximumRecordAgeInSeconds: 3600,
          BisectBatchOnFunctionError: true,
          DestinationConfig: { OnFailure: { Type: 'SQS', Destination: 'arn:aws:sqs:eu-west-1:1:dlq' } },
        }),
      }),
      Ddb: samFunction({
        Events: event('DynamoDB', { Stream: 'arn:aws:dynamodb:eu-west-1:1:table/t/stream/x', StartingPosition: 'TRIM_HORIZON' }),
      }),
      Mq: samFunction({
        Events: event('MQ', {
          Broker: 'arn:aws:mq:eu-west-1:1:broker:b',
          Queues: ['q'],
          SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: 'arn:aws:secretsmanager:eu-west-1:1:secret:s' }],
        }),
      }),
    });
    expect(resources.SqsE).toEqual({
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: 'Sqs' },
        EventSourceArn: 'arn:aws:sqs:eu-west-1:1:q',
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    });
    expect(resources.KinE.Properties).toEqual({
      FunctionName: { Ref: 'Kin' },
      EventSourceArn: 'arn:aws:kinesis:eu-west-1:1:stream/s',
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:1:dlq' } },
    });
    expect(resources.SqsRole.Properties.ManagedPolicyArns[1]).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
    });
    expect(resources.KinRole.Properties.Policies[0].PolicyDocument.Statement[0]).toMatchObject({
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:eu-west-1:1:dlq',
    });
    expect(resources.DdbRole.Properties.ManagedPolicyArns[1]['Fn::Sub']).toMatch(/AWSLambdaDynamoDBExecutionRole$/);
    expect(resources.MqRole.Properties.Policies.map((p: any) => p.PolicyDocument.Statement[0].Action)).toEqual([
      'mq:DescribeBroker',
      'secretsmanager:GetSecretValue',
    ]);
    expect(sources.get('KinE')).toEqual({
      resource: 'Kin',
      part: 'event E',
      path: ['Resources', 'Kin', 'Properties', 'Events', 'E'],
      globalsSection: 'Function',
    });
  });

  it('SNS: a subscription and a permission (or, with SqsSubscription, a queue, its policy and an SQS mapping)', () => {
    const { resources } = expand({
      Direct: samFunction({ Events: event('SNS', { Topic: 'arn:aws:sns:eu-west-1:1:t', FilterPolicy: { a: ['b'] } }) }),
      Queued: samFunction({ Events: event('SNS', { Topic: 'arn:aws:sns:eu-west-1:1:t', SqsSubscription: true }) }),
    });
    expect(resources.DirectE.Properties).toEqual({
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': ['Direct', 'Arn'] },
      TopicArn: 'arn:aws:sns:eu-west-1:1:t',
      FilterPolicy: { a: ['b'] },
    });
    expect(resources.DirectEPermission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'Direct' },
      Principal: 'sns.amazonaws.com',
      SourceArn: 'arn:aws:sns:eu-west-1:1:t',
    });
    expect(resources.QueuedE.Properties.Protocol).toBe('sqs');
    expect(resources.QueuedEQueue.Type).toBe('AWS::SQS::Queue');
    expect(resources.QueuedEEventSourceMapping.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': ['QueuedEQueue', 'Arn'] });
  });

  it('S3 and Cognito: a permission, and the notification or trigger written into the bucket or pool of the template', () => {
    const { resources } = expand({
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
      Pool: { Type: 'AWS::Cognito::UserPool' },
      OnUpload: samFunction({ Events: event('S3', { Bucket: { Ref: 'Bucket' }, Events: 's3:ObjectCreated:*' }) }),
      OnSignUp: samFunction({ Events: event('Cognito', { UserPool: { Ref: 'Pool' }, Trigger: ['PreSignUp', 'CustomEmailSender'] }) }),
    });
    expect(resources.Bucket.Properties).toEqual({
      BucketName: 'b',
      NotificationConfiguration: {
        LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: { 'Fn::GetAtt': ['OnUpload', 'Arn'] } }],
      },
    });
    expect(resources.OnUploadEPermission.Properties).toMatchObject({
      Principal: 's3.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(resources.Pool.Properties.LambdaConfig).toEqual({
      PreSignUp: { 'Fn::GetAtt': ['OnSignUp', 'Arn'] },
      CustomEmailSender: { LambdaArn: { 'Fn::GetAtt': ['OnSignUp', 'Arn'] }, LambdaVersion: 'V1_0' },
    });
    // <Function>CognitoPermission, whatever the event's name, as the transform names it.
    expect(resources.OnSignUpEPermission).toBeUndefined();
    expect(resources.OnSignUpCognitoPermission.Properties).toMatchObject({
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['Pool', 'Arn'] },
    });
  });

  it('Schedule, EventBridgeRule, CloudWatchEvent: a rule targeting the function (retry policy and DLQ on the target), and a permission', () => {
    const { resources } = expand({
      Cron: samFunction({
        Events: event('Schedule', {
          Schedule: 'rate(1 hour)',
          Enabled: false,
          RetryPolicy: { MaximumRetryAttempts: 1 },
          DeadLetterConfig: { Type: 'SQS' },
        }),
      }),
      Bus: samFunction({ Events: event('EventBridgeRule', { Pattern: { source: ['x'] }, EventBusName: 'orders' }) }),
    });
    expect(resources.CronE.Properties).toEqual({
      ScheduleExpression: 'rate(1 hour)',
      State: 'DISABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': ['Cron', 'Arn'] },
          Id: 'CronELambdaTarget',
          RetryPolicy: { MaximumRetryAttempts: 1 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['CronEQueue', 'Arn'] } },
        },
      ],
    });
    expect(resources.BusE.Properties).toMatchObject({ EventPattern: { source: ['x'] }, EventBusName: 'orders' });
    expect(resources.BusEPermission.Properties).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['BusE', 'Arn'] },
    });
  });

  it('ScheduleV2, IoTRule, CloudWatchLogs: the schedule and its role, the topic rule, the subscription filter', () => {
    const { resources } = expand({
      V2: samFunction({ Events: event('ScheduleV2', { ScheduleExpression: 'rate(1 day)' }) }),
      Iot: samFunction({ Events: event('IoTRule', { Sql: "SELECT * FROM 't'" }) }),
      Logs: samFunction({ Events: event('CloudWatchLogs', { LogGroupName: 'app', FilterPattern: 'ERROR' }) }),
    });
    expect(resources.V2E.Properties.Target).toEqual({
      Arn: { 'Fn::GetAtt': ['V2', 'Arn'] },
      RoleArn: { 'Fn::GetAtt': ['V2ERole', 'Arn'] },
    });
    expect(resources.V2ERole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['V2', 'Arn'] } },
    ]);
    expect(resources.IotE.Properties.TopicRulePayload.Actions).toEqual([{ Lambda: { FunctionArn: { 'Fn::GetAtt': ['Iot', 'Arn'] } } }]);
    expect(resources.LogsE.Properties).toEqual({
      DestinationArn: { 'Fn::GetAtt': ['Logs', 'Arn'] },
      FilterPattern: 'ERROR',
      LogGroupName: 'app',
    });
  });

  it('with AutoPublishAlias, events invoke the alias', () => {
    const { resources } = expand({
      F: samFunction({
        AutoPublishAlias: 'live',
        Events: {
          Q: { Type: 'SQS', Properties: { Queue: 'arn:aws:sqs:eu-west-1:1:q' } },
          T: { Type: 'SNS', Properties: { Topic: 'arn:aws:sns:eu-west-1:1:t' } },
        },
      }),
    });
    expect(resources.FQ.Properties.FunctionName).toEqual({ Ref: 'FAliaslive' });
    expect(resources.FT.Properties.Endpoint).toEqual({ Ref: 'FAliaslive' });
    expect(resources.FTPermission.Properties.FunctionName).toEqual({ Ref: 'FAliaslive' });
  });

  it.each([
    [
      'an S3 event whose bucket is not in the template',
      event('S3', { Bucket: 'my-bucket', Events: 's3:ObjectCreated:*' }),
      /Events\.E\.Properties\.Bucket must be a Ref to an AWS::S3::Bucket of this template/,
    ],
    ['a Schedule without its expression', event('Schedule', {}), /Events\.E\.Properties\.Schedule is missing/],
    [
      'a CloudWatchLogs event without its filter',
      event('CloudWatchLogs', { LogGroupName: 'g' }),
      /Events\.E\.Properties\.FilterPattern is missing/,
    ],
    [
      'an event name that is not alphanumeric',
      { 'my-event': { Type: 'SQS', Properties: { Queue: 'q' } } },
      /Events\.my-event has a name that is not alphanumeric/,
    ],
    ['Properties of the wrong type', { E: { Type: 'SQS', Properties: ['q'] } }, /Events\.E\.Properties must be a map, not a list/],
  ])('%s is refused naming the event property', (_what, events, reason) => {
    expect(() => expand({ F: samFunction({ Events: events }) })).toThrow(reason);
  });

  it('S3 and Cognito into a bucket or pool whose Properties are not maps: refused naming the resource and the property, never a trace', () => {
    const onUpload = samFunction({ Events: event('S3', { Bucket: { Ref: 'Bucket' }, Events: 's3:ObjectCreated:*' }) });
    expect(() => expand({ Bucket: { Type: 'AWS::S3::Bucket', Properties: 'not a map' }, OnUpload: onUpload })).toThrow(
      'resource Bucket: Properties must be a map, not a string',
    );
    expect(() =>
      expand({
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { NotificationConfiguration: { LambdaConfigurations: { Event: 'x' } } } },
        OnUpload: onUpload,
      }),
    ).toThrow('resource Bucket: Properties.NotificationConfiguration.LambdaConfigurations must be a list, not a map');
    expect(() =>
      expand({
        Pool: { Type: 'AWS::Cognito::UserPool', Properties: { LambdaConfig: ['x'] } },
        F: samFunction({ Events: event('Cognito', { UserPool: { Ref: 'Pool' }, Trigger: 'PreSignUp' }) }),
      }),
    ).toThrow('resource Pool: Properties.LambdaConfig must be a map, not a list');
  });

  it('SelfManagedKafka and DocumentDB: the inline policy SAM writes (their secrets, the cluster, network interfaces in the VPC)', () => {
    const secret = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:s';
    const { resources } = expand({
      Kafka: samFunction({
        Events: event('SelfManagedKafka', {
          Topics: ['t'],
          KafkaBootstrapServers: ['b:9092'],
          SourceAccessConfigurations: [
            { Type: 'SASL_SCRAM_512_AUTH', URI: secret },
            { Type: 'VPC_SUBNET', URI: 'subnet:subnet-1' },
          ],
        }),
      }),
      Docs: samFunction({
        Events: event('DocumentDB', {
          Cluster: 'arn:aws:rds:eu-west-1:111122223333:cluster:c',
          DatabaseName: 'd',
          SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: secret }],
        }),
      }),
    });
    const kafka = resources.KafkaRole.Properties.Policies.find((x: any) => x.PolicyName === 'SelfManagedKafkaExecutionRolePolicy')
      .PolicyDocument.Statement;
    expect(kafka.map((st: any) => st.Resource)).toEqual([secret, '*']);
    expect(kafka[1].Action).toContain('ec2:CreateNetworkInterface');
    const docs = resources.DocsRole.Properties.Policies.find((x: any) => x.PolicyName === 'SamAutoGeneratedDocumentDBPolicy').PolicyDocument
      .Statement;
    expect(docs.flatMap((st: any) => st.Action)).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'rds:DescribeDBClusters', 'ec2:CreateNetworkInterface']),
    );
  });
});
