import { JsonMap, sub } from './values';

/**
 * SAM policy templates, written from AWS's documentation ("AWS SAM policy template list"): name → parameters and
 * the statements, whose `${Param}` placeholders SAM fills with Fn::Sub variables. Only these are expanded; any other
 * template name is reported as not judged (never passed silently).
 */
interface PolicyTemplate {
  readonly parameters: string[];
  readonly statements: Array<{ Action: string[]; Resource: string[] }>;
}

const ARN = 'arn:${AWS::Partition}';
const REGIONAL = (service: string): string => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}`;

const table = (suffix = ''): string => `${REGIONAL('dynamodb')}:table/\${tableName}${suffix}`;
const bucket = (suffix = ''): string => `${ARN}:s3:::\${bucketName}${suffix}`;

const TEMPLATES: { [name: string]: PolicyTemplate } = {
  DynamoDBCrudPolicy: {
    parameters: ['TableName'],
    statements: [
      {
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
        Resource: [table(), table('/index/*')],
      },
    ],
  },
  DynamoDBReadPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        Action: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
        Resource: [table(), table('/index/*')],
      },
    ],
  },
  DynamoDBWritePolicy: {
    parameters: ['TableName'],
    statements: [
      { Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], Resource: [table(), table('/index/*')] },
    ],
  },
  DynamoDBStreamReadPolicy: {
    parameters: ['TableName', 'StreamName'],
    statements: [
      {
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        Resource: [table('/stream/${streamName}')],
      },
      { Action: ['dynamodb:ListStreams'], Resource: [table('/stream/*')] },
    ],
  },
  S3ReadPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'],
        Resource: [bucket(), bucket('/*')],
      },
    ],
  },
  S3WritePolicy: {
    parameters: ['BucketName'],
    statements: [{ Action: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], Resource: [bucket(), bucket('/*')] }],
  },
  S3CrudPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        Action: [
          's3:GetObject',
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:PutObjectAcl',
          's3:GetLifecycleConfiguration',
          's3:PutLifecycleConfiguration',
          's3:DeleteObject',
        ],
        Resource: [bucket(), bucket('/*')],
      },
    ],
  },
  S3FullAccessPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        Action: [
          's3:GetObject',
          's3:GetObjectAcl',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:PutObjectAcl',
          's3:DeleteObject',
          's3:DeleteObjectTagging',
          's3:DeleteObjectVersionTagging',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        Resource: [bucket('/*')],
      },
      {
        Action: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'],
        Resource: [bucket()],
      },
    ],
  },
  SQSPollerPolicy: {
    parameters: ['QueueName'],
    statements: [
      {
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:ChangeMessageVisibilityBatch',
          'sqs:DeleteMessage',
          'sqs:DeleteMessageBatch',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        Resource: [`${REGIONAL('sqs')}:\${queueName}`],
      },
    ],
  },
  SQSSendMessagePolicy: {
    parameters: ['QueueName'],
    statements: [{ Action: ['sqs:SendMessage*'], Resource: [`${REGIONAL('sqs')}:\${queueName}`] }],
  },
  SNSPublishMessagePolicy: {
    parameters: ['TopicName'],
    statements: [{ Action: ['sns:Publish'], Resource: [`${REGIONAL('sns')}:\${topicName}`] }],
  },
  SNSCrudPolicy: {
    parameters: ['TopicName'],
    statements: [
      {
        Action: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'],
        Resource: [`${REGIONAL('sns')}:\${topicName}*`],
      },
    ],
  },
  LambdaInvokePolicy: {
    parameters: ['FunctionName'],
    statements: [{ Action: ['lambda:InvokeFunction'], Resource: [`${REGIONAL('lambda')}:function:\${functionName}*`] }],
  },
  KinesisStreamReadPolicy: {
    parameters: ['StreamName'],
    statements: [
      { Action: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], Resource: [`${REGIONAL('kinesis')}:stream/*`] },
      {
        Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'],
        Resource: [`${REGIONAL('kinesis')}:stream/\${streamName}`],
      },
    ],
  },
  KinesisCrudPolicy: {
    parameters: ['StreamName'],
    statements: [
      {
        Action: [
          'kinesis:AddTagsToStream',
          'kinesis:CreateStream',
          'kinesis:DecreaseStreamRetentionPeriod',
          'kinesis:DeleteStream',
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetShardIterator',
          'kinesis:IncreaseStreamRetentionPeriod',
          'kinesis:ListTagsForStream',
          'kinesis:MergeShards',
          'kinesis:PutRecord',
          'kinesis:PutRecords',
          'kinesis:SplitShard',
          'kinesis:RemoveTagsFromStream',
        ],
        Resource: [`${REGIONAL('kinesis')}:stream/\${streamName}`],
      },
    ],
  },
  KMSDecryptPolicy: { parameters: ['KeyId'], statements: [{ Action: ['kms:Decrypt'], Resource: [`${REGIONAL('kms')}:key/\${keyId}`] }] },
  KMSEncryptPolicy: { parameters: ['KeyId'], statements: [{ Action: ['kms:Encrypt'], Resource: [`${REGIONAL('kms')}:key/\${keyId}`] }] },
  AWSSecretsManagerGetSecretValuePolicy: {
    parameters: ['SecretArn'],
    statements: [{ Action: ['secretsmanager:GetSecretValue'], Resource: ['${secretArn}'] }],
  },
  SSMParameterReadPolicy: {
    parameters: ['ParameterName'],
    statements: [
      { Action: ['ssm:DescribeParameters'], Resource: ['*'] },
      {
        Action: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
        Resource: [`${REGIONAL('ssm')}:parameter/\${parameterName}`],
      },
    ],
  },
  StepFunctionsExecutionPolicy: {
    parameters: ['StateMachineName'],
    statements: [{ Action: ['states:StartExecution'], Resource: [`${REGIONAL('states')}:stateMachine:\${stateMachineName}`] }],
  },
  EventBridgePutEventsPolicy: {
    parameters: ['EventBusName'],
    statements: [{ Action: ['events:PutEvents'], Resource: [`${REGIONAL('events')}:event-bus/\${eventBusName}`] }],
  },
  CloudWatchPutMetricPolicy: { parameters: [], statements: [{ Action: ['cloudwatch:PutMetricData'], Resource: ['*'] }] },
  VPCAccessPolicy: {
    parameters: [],
    statements: [
      {
        Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'],
        Resource: ['*'],
      },
    ],
  },
  SESCrudPolicy: {
    parameters: ['IdentityName'],
    statements: [
      {
        Action: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'],
        Resource: [`${REGIONAL('ses')}:identity/\${identityName}`],
      },
    ],
  },
  FilterLogEventsPolicy: {
    parameters: ['LogGroupName'],
    statements: [{ Action: ['logs:FilterLogEvents'], Resource: [`${REGIONAL('logs')}:log-group:\${logGroupName}:log-stream:*`] }],
  },
  EC2DescribePolicy: { parameters: [], statements: [{ Action: ['ec2:DescribeRegions', 'ec2:DescribeInstances'], Resource: ['*'] }] },
  AMIDescribePolicy: { parameters: [], statements: [{ Action: ['ec2:DescribeImages'], Resource: ['*'] }] },
  RekognitionDetectOnlyPolicy: {
    parameters: [],
    statements: [
      {
        Action: ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'],
        Resource: ['*'],
      },
    ],
  },
  ComprehendBasicAccessPolicy: {
    parameters: [],
    statements: [
      {
        Action: [
          'comprehend:BatchDetectKeyPhrases',
          'comprehend:DetectDominantLanguage',
          'comprehend:DetectEntities',
          'comprehend:BatchDetectEntities',
          'comprehend:DetectKeyPhrases',
          'comprehend:DetectSentiment',
          'comprehend:BatchDetectDominantLanguage',
          'comprehend:BatchDetectSentiment',
        ],
        Resource: ['*'],
      },
    ],
  },
};

/** Names of the templates this expansion knows (docs and tests list them). */
export const POLICY_TEMPLATE_NAMES = Object.keys(TEMPLATES);

/** The SAM parameter name → the variable its statements use (`TableName` → `tableName`), as SAM's own templates spell them. */
function variableOf(parameter: string): string {
  return parameter.charAt(0).toLowerCase() + parameter.slice(1);
}

export type PolicyTemplateResult =
  | { readonly kind: 'statements'; readonly document: JsonMap }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'missing'; readonly parameter: string; readonly expected: string[] };

/**
 * A statement's Resource with the template's parameters in. Literal parameters are written in, as Fn::Sub would at
 * deploy time, so the rules see them (`SecretArn: '*'` is a `Resource: *`); the others stay Fn::Sub variables.
 */
function resourceOf(text: string, variables: JsonMap): unknown {
  const remaining: JsonMap = {};
  const written = text.replace(/\$\{([a-zA-Z]+)\}/g, (m, name: string) => {
    const value = variables[name];
    if (typeof value === 'string' && !value.includes('${')) return value;
    if (value !== undefined) remaining[name] = value;
    return m;
  });
  if (!written.includes('${')) return written;
  return Object.keys(remaining).length > 0 ? sub(written, remaining) : sub(written);
}

/** One policy template (`{ DynamoDBCrudPolicy: { TableName: ... } }`) expanded to its policy document. */
export function expandPolicyTemplate(name: string, parameters: unknown): PolicyTemplateResult {
  const template = TEMPLATES[name];
  if (!template) return { kind: 'unknown' };
  const given = (typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters) ? parameters : {}) as JsonMap;
  const variables: JsonMap = {};
  for (const parameter of template.parameters) {
    const value = given[parameter];
    if (value === undefined || value === null || value === '') return { kind: 'missing', parameter, expected: template.parameters };
    variables[variableOf(parameter)] = value;
  }
  const statements = template.statements.map((s) => ({
    Effect: 'Allow',
    Action: s.Action,
    Resource: s.Resource.map((r) => resourceOf(r, variables)),
  }));
  return { kind: 'statements', document: { Version: '2012-10-17', Statement: statements } };
}
