import { ExpansionContext } from '../context';
import { FunctionTarget, SamError } from '../types';
import { isMap, JsonMap, optionalMap, required, sub } from '../values';

/** Event types Lambda polls (event source mappings); Lambda invokes synchronously for them. */
export const POLLING_EVENT_TYPES = ['SQS', 'Kinesis', 'DynamoDB', 'MSK', 'MQ', 'SelfManagedKafka', 'DocumentDB'];

/** Event type → the property naming its source, and the managed policy SAM attaches to the generated role. */
const SOURCES: { [type: string]: { source?: string; policy?: string; startingPosition?: boolean } } = {
  SQS: { source: 'Queue', policy: 'AWSLambdaSQSQueueExecutionRole' },
  Kinesis: { source: 'Stream', policy: 'AWSLambdaKinesisExecutionRole', startingPosition: true },
  DynamoDB: { source: 'Stream', policy: 'AWSLambdaDynamoDBExecutionRole', startingPosition: true },
  MSK: { source: 'Stream', policy: 'AWSLambdaMSKExecutionRole', startingPosition: true },
  MQ: { source: 'Broker' },
  SelfManagedKafka: {},
  DocumentDB: { source: 'Cluster' },
};

/** Event properties that are the mapping's own, copied as written. */
const MAPPING_PROPERTIES = [
  'BatchSize',
  'Enabled',
  'FilterCriteria',
  'MaximumBatchingWindowInSeconds',
  'FunctionResponseTypes',
  'ScalingConfig',
  'StartingPosition',
  'StartingPositionTimestamp',
  'MaximumRetryAttempts',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'ParallelizationFactor',
  'TumblingWindowInSeconds',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'SelfManagedEventSource',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
  'KmsKeyArn',
  'MetricsConfig',
  'ProvisionedPollerConfig',
];

/** An SQS, Kinesis, DynamoDB, MSK, MQ, self-managed Kafka or DocumentDB event: an event source mapping `<Function><Event>`. */
export function expandPollingEvent(
  ctx: ExpansionContext,
  fn: FunctionTarget,
  name: string,
  type: string,
  p: JsonMap,
  at: readonly string[],
): void {
  const spec = SOURCES[type];
  const where = `Events.${name}.Properties`;
  const mapping: JsonMap = { FunctionName: fn.invokeRef };
  if (spec.source)
    mapping.EventSourceArn = required(fn.id, `${where}.${spec.source}`, p[spec.source], `the ARN of the ${spec.source.toLowerCase()}`);
  if (spec.startingPosition)
    required(fn.id, `${where}.StartingPosition`, p.StartingPosition, 'StartingPosition (TRIM_HORIZON, LATEST or AT_TIMESTAMP)');
  for (const key of MAPPING_PROPERTIES) if (p[key] !== undefined) mapping[key] = p[key];
  if (type === 'MSK' && p.Stream === undefined) throw new SamError(fn.id, `${where}.Stream`, 'is missing; SAM requires the cluster ARN');
  const destinations = optionalMap(fn.id, `${where}.DestinationConfig`, p.DestinationConfig);
  if (destinations) {
    const onFailure = optionalMap(fn.id, `${where}.DestinationConfig.OnFailure`, destinations.OnFailure);
    // SAM's Type (SQS or SNS) only picks the policy it adds; CloudFormation's mapping has the Destination alone.
    if (onFailure) {
      mapping.DestinationConfig = { OnFailure: { Destination: onFailure.Destination } };
      const action = onFailure.Type === 'SNS' ? 'sns:publish' : onFailure.Type === 'SQS' ? 'sqs:SendMessage' : undefined;
      if (action && onFailure.Destination !== undefined)
        fn.policies?.addStatement(`${fn.id}${name}DestinationPolicy`, action, onFailure.Destination);
    }
  }
  if (spec.policy) fn.policies?.addManaged(spec.policy);
  if (type === 'MQ' && fn.policies) {
    const basicAuth = (Array.isArray(p.SourceAccessConfigurations) ? p.SourceAccessConfigurations : []).find(
      (c) => (c as JsonMap | null)?.Type === 'BASIC_AUTH',
    ) as JsonMap | undefined;
    fn.policies.addStatement(`${fn.id}${name}MQPolicy`, 'mq:DescribeBroker', p.Broker);
    if (basicAuth?.URI !== undefined)
      fn.policies.addStatement(`${fn.id}${name}SecretPolicy`, 'secretsmanager:GetSecretValue', basicAuth.URI);
  }
  if ((type === 'SelfManagedKafka' || type === 'DocumentDB') && fn.policies) fn.policies.addStatements(...accessPolicy(type, p));
  ctx.add(
    `${fn.id}${name}`,
    { Type: 'AWS::Lambda::EventSourceMapping', Properties: mapping },
    { resource: fn.id, part: `event ${name}`, path: at },
    fn.samResource,
  );
}

const SECRET_TYPES = new Set([
  'BASIC_AUTH',
  'SASL_SCRAM_256_AUTH',
  'SASL_SCRAM_512_AUTH',
  'CLIENT_CERTIFICATE_TLS_AUTH',
  'SERVER_ROOT_CA_CERTIFICATE',
]);
const VPC_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
];

/**
 * The inline policy SAM writes for a self-managed Kafka or DocumentDB source: the secrets of its access configurations,
 * the cluster (DocumentDB), and the network interfaces Lambda creates in the VPC (always for DocumentDB; for Kafka when
 * it is given subnets). Its name is SAM's.
 */
function accessPolicy(type: string, p: JsonMap): [string, JsonMap[]] {
  const configs = (Array.isArray(p.SourceAccessConfigurations) ? p.SourceAccessConfigurations : []).filter(isMap);
  const statements: JsonMap[] = [];
  for (const c of configs)
    if (typeof c.Type === 'string' && SECRET_TYPES.has(c.Type) && c.URI !== undefined)
      statements.push({ Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: c.URI });
  if (type === 'DocumentDB') {
    statements.push(
      {
        Action: ['rds:DescribeDBClusterParameters'],
        Effect: 'Allow',
        Resource: sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*'),
      },
      {
        Action: ['rds:DescribeDBSubnetGroups'],
        Effect: 'Allow',
        Resource: sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*'),
      },
      { Action: ['rds:DescribeDBClusters'], Effect: 'Allow', Resource: p.Cluster },
    );
  }
  if (type === 'DocumentDB' || configs.some((c) => c.Type === 'VPC_SUBNET'))
    statements.push({ Action: VPC_ACTIONS, Effect: 'Allow', Resource: '*' });
  return [type === 'DocumentDB' ? 'SamAutoGeneratedDocumentDBPolicy' : 'SelfManagedKafkaExecutionRolePolicy', statements];
}
