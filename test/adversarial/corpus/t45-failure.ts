import { ACCOUNT, AdversarialCase, bad, clean, DLQ_ARN, fn, KEY_ARN, tpl } from './case';

/** T4, T5: async and stream failures that vanish or loop, hidden behind Fn::If, -1 and who invokes whom. */

const fnArn = { 'Fn::GetAtt': ['Fn', 'Arn'] };
const noDlq = (name = 'fn'): object => fn(name, { DeadLetterConfig: undefined });
const cond = { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '333333333333'] } } };
const ifProd = (whenProd: unknown, otherwise: unknown): object => ({ 'Fn::If': ['IsProd', whenProd, otherwise] });
const NO_VALUE = { Ref: 'AWS::NoValue' };
const invokeConfig = (props: object): object => ({
  Type: 'AWS::Lambda::EventInvokeConfig',
  Properties: { FunctionName: { Ref: 'Fn' }, Qualifier: '$LATEST', ...props },
});
const s3Permission = {
  Type: 'AWS::Lambda::Permission',
  Properties: {
    Action: 'lambda:InvokeFunction',
    FunctionName: { Ref: 'Fn' },
    Principal: 's3.amazonaws.com',
    SourceAccount: ACCOUNT,
    SourceArn: 'arn:aws:s3:::orders-uploads-111111111111',
  },
};
const rule = { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 'fn', Arn: fnArn }] } };
const stream = { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, StreamEncryption: { EncryptionType: 'KMS', KeyId: KEY_ARN } } };
const mapping = (props: object): object => ({
  Type: 'AWS::Lambda::EventSourceMapping',
  Properties: {
    FunctionName: { Ref: 'Fn' },
    EventSourceArn: { 'Fn::GetAtt': ['Stream', 'Arn'] },
    StartingPosition: 'LATEST',
    MaximumRetryAttempts: 3,
    MaximumRecordAgeInSeconds: 3600,
    BisectBatchOnFunctionError: true,
    DestinationConfig: { OnFailure: { Destination: DLQ_ARN } },
    ...props,
  },
});
const method = {
  Type: 'AWS::ApiGateway::Method',
  Properties: {
    RestApiId: { Ref: 'Api' },
    ResourceId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
    HttpMethod: 'POST',
    AuthorizationType: 'AWS_IAM',
    Integration: {
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
    },
  },
};
const api = { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'orders' } };

const ASYNC = ['AsyncFailureHandling'];
const STREAM = ['StreamMapping'];

export const T45_CASES: AdversarialCase[] = [
  bad('t4-async-s3-no-dlq', 'T5', 'async-destination', ASYNC, tpl({ Fn: noDlq(), Perm: s3Permission })),
  bad(
    't4-async-rule-no-dlq',
    'T5',
    'async-destination',
    ASYNC,
    tpl({
      Fn: noDlq(),
      Rule: rule,
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Fn' },
          Principal: 'events.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': ['Rule', 'Arn'] },
        },
      },
    }),
  ),
  bad(
    't4-dlq-if-novalue',
    'T5',
    'if-novalue',
    ASYNC,
    tpl({ Fn: fn('fn', { DeadLetterConfig: ifProd({ TargetArn: DLQ_ARN }, NO_VALUE) }), Perm: s3Permission }, cond),
  ),
  bad(
    't4-dlq-target-if-novalue',
    'T5',
    'if-novalue',
    ASYNC,
    tpl({ Fn: fn('fn', { DeadLetterConfig: { TargetArn: ifProd(DLQ_ARN, NO_VALUE) } }), Perm: s3Permission }, cond),
  ),
  bad(
    't4-eic-destination-if-novalue',
    'T5',
    'if-novalue',
    ASYNC,
    tpl(
      {
        Fn: noDlq(),
        Perm: s3Permission,
        Config: invokeConfig({ DestinationConfig: { OnFailure: { Destination: ifProd(DLQ_ARN, NO_VALUE) } } }),
      },
      cond,
    ),
  ),
  bad(
    't4-eic-onfailure-if-novalue',
    'T5',
    'if-novalue',
    ASYNC,
    tpl(
      {
        Fn: noDlq(),
        Perm: s3Permission,
        Config: invokeConfig({ DestinationConfig: ifProd({ OnFailure: { Destination: DLQ_ARN } }, NO_VALUE) }),
      },
      cond,
    ),
  ),
  bad(
    't4-eic-retries-if-high',
    'T4',
    'if-novalue',
    ASYNC,
    tpl({ Fn: fn('fn'), Perm: s3Permission, Config: invokeConfig({ MaximumRetryAttempts: ifProd(2, 5) }) }, cond),
  ),
  bad(
    't4-eic-retries-string',
    'T4',
    'async-bounds',
    ASYNC,
    tpl({ Fn: fn('fn'), Perm: s3Permission, Config: invokeConfig({ MaximumRetryAttempts: '3' }) }),
  ),
  bad(
    't4-eic-age-minus-one',
    'T4',
    'minus-one',
    ASYNC,
    tpl({ Fn: fn('fn'), Perm: s3Permission, Config: invokeConfig({ MaximumEventAgeInSeconds: -1 }) }),
  ),
  bad(
    't4-eic-sync-invokers',
    'T5',
    'eic-implies-async',
    ASYNC,
    tpl({ Fn: noDlq(), Api: api, Method: method, Config: invokeConfig({ MaximumRetryAttempts: 1 }) }),
  ),
  bad(
    't4-eic-no-invokers',
    'T5',
    'eic-implies-async',
    ASYNC,
    tpl({ Fn: noDlq(), Config: invokeConfig({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 }) }),
  ),
  bad(
    't4-eic-esm-invoker',
    'T5',
    'eic-implies-async',
    ASYNC,
    tpl({ Fn: noDlq(), Stream: stream, Mapping: mapping({}), Config: invokeConfig({ MaximumRetryAttempts: 1 }) }),
  ),
  bad(
    't4-stream-unbounded',
    'T4',
    'stream-bounds',
    STREAM,
    tpl({
      Fn: fn('fn'),
      Stream: stream,
      Mapping: mapping({
        MaximumRetryAttempts: undefined,
        MaximumRecordAgeInSeconds: undefined,
        BisectBatchOnFunctionError: undefined,
        DestinationConfig: undefined,
      }),
    }),
  ),
  bad(
    't4-stream-retries-minus-one',
    'T4',
    'minus-one',
    STREAM,
    tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({ MaximumRetryAttempts: -1 }) }),
  ),
  bad(
    't4-stream-age-minus-one-string',
    'T4',
    'minus-one',
    STREAM,
    tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({ MaximumRecordAgeInSeconds: '-1' }) }),
  ),
  bad(
    't4-stream-retries-if-novalue',
    'T4',
    'if-novalue',
    STREAM,
    tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({ MaximumRetryAttempts: ifProd(3, NO_VALUE) }) }, cond),
  ),
  bad(
    't4-stream-retries-if-minus-one',
    'T4',
    'if-novalue',
    STREAM,
    tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({ MaximumRetryAttempts: ifProd(3, -1) }) }, cond),
  ),
  bad(
    't4-stream-destination-if-novalue',
    'T5',
    'if-novalue',
    STREAM,
    tpl(
      { Fn: fn('fn'), Stream: stream, Mapping: mapping({ DestinationConfig: ifProd({ OnFailure: { Destination: DLQ_ARN } }, NO_VALUE) }) },
      cond,
    ),
  ),
  bad(
    't4-stream-bisect-if-false',
    'T4',
    'if-novalue',
    STREAM,
    tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({ BisectBatchOnFunctionError: ifProd(true, NO_VALUE) }) }, cond),
  ),
  bad(
    't4-stream-dynamodb-arn-literal',
    'T4',
    'stream-bounds',
    STREAM,
    tpl({
      Fn: fn('fn'),
      Mapping: mapping({
        EventSourceArn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders/stream/2024-01-01T00:00:00.000`,
        MaximumRecordAgeInSeconds: -1,
      }),
    }),
  ),
  bad(
    't5-sqs-no-redrive',
    'T5',
    'sqs-redrive',
    ['SqsSourceRedrive'],
    tpl({
      Fn: fn('fn'),
      Queue: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: KEY_ARN, VisibilityTimeout: 60 } },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
      },
    }),
  ),
  bad(
    't5-sqs-redrive-if-novalue',
    'T5',
    'if-novalue',
    ['SqsSourceRedrive'],
    tpl(
      {
        Fn: fn('fn'),
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            KmsMasterKeyId: KEY_ARN,
            VisibilityTimeout: 60,
            RedrivePolicy: ifProd({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 }, NO_VALUE),
          },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
        },
      },
      cond,
    ),
  ),

  // Synchronous invokers: Lambda's async retries and DLQs never apply, so no DLQ is needed.
  clean(
    't4-ok-authorizer',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      Api: api,
      Authorizer: {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          Name: 'auth',
          RestApiId: { Ref: 'Api' },
          Type: 'TOKEN',
          IdentitySource: 'method.request.header.Authorization',
          AuthorizerUri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
        },
      },
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Fn' },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/*' },
        },
      },
    }),
  ),
  clean(
    't4-ok-step-functions-task',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/machine`,
          DefinitionString: {
            'Fn::Sub':
              '{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"${Fn.Arn}","Payload.$":"$"},"End":true}}}',
          },
        },
      },
    }),
  ),
  clean(
    't4-ok-step-functions-direct-arn',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/machine`,
          Definition: { StartAt: 'Run', States: { Run: { Type: 'Task', Resource: fnArn, End: true } } },
        },
      },
    }),
  ),
  clean(
    't4-ok-cognito-trigger',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: { LambdaConfig: { PreSignUp: fnArn, PostConfirmation: fnArn } } },
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Fn' },
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': ['Pool', 'Arn'] },
        },
      },
    }),
  ),
  clean(
    't4-ok-alb-target',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Fn' },
          Principal: 'elasticloadbalancing.amazonaws.com',
          SourceAccount: ACCOUNT,
        },
      },
      Targets: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { TargetType: 'lambda', Targets: [{ Id: fnArn }] },
        DependsOn: 'Perm',
      },
    }),
  ),
  clean(
    't4-ok-api-proxy',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      Api: api,
      Method: method,
      Perm: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Fn' },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' },
        },
      },
    }),
  ),
  clean(
    't4-ok-appsync-resolver',
    'T5',
    'sync-invoker',
    tpl({
      Fn: noDlq(),
      GraphQl: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'orders', AuthenticationType: 'AWS_IAM' } },
      Source: {
        Type: 'AWS::AppSync::DataSource',
        Properties: {
          ApiId: { 'Fn::GetAtt': ['GraphQl', 'ApiId'] },
          Name: 'fn',
          Type: 'AWS_LAMBDA',
          LambdaConfig: { LambdaFunctionArn: fnArn },
          ServiceRoleArn: `arn:aws:iam::${ACCOUNT}:role/appsync`,
        },
      },
    }),
  ),
  clean(
    't4-ok-eic-with-destination',
    'T5',
    'lookalike-eic',
    tpl({
      Fn: noDlq(),
      Perm: s3Permission,
      Config: invokeConfig({ MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: DLQ_ARN } } }),
    }),
  ),
  clean(
    't4-ok-dlq-if-both',
    'T5',
    'lookalike-if',
    tpl(
      {
        Fn: fn('fn', { DeadLetterConfig: { TargetArn: ifProd(DLQ_ARN, `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dev-dlq`) } }),
        Perm: s3Permission,
      },
      cond,
    ),
  ),
  clean(
    't4-ok-stream-if-both',
    'T4',
    'lookalike-if',
    tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({ MaximumRetryAttempts: ifProd(5, 2) }) }, cond),
  ),
  clean('t4-ok-stream-bounded', 'T4', 'lookalike-stream', tpl({ Fn: fn('fn'), Stream: stream, Mapping: mapping({}) })),
  clean(
    't5-ok-sqs-redrive',
    'T5',
    'lookalike-sqs',
    tpl({
      Fn: fn('fn'),
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
];
