import { ExpansionContext } from '../context';
import { FunctionTarget, SamError } from '../types';
import { JsonMap, optionalMap, required } from '../values';

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
const MAPPING_PROPERTIES = ['BatchSize', 'Enabled', 'FilterCriteria', 'MaximumBatchingWindowInSeconds', 'FunctionResponseTypes', 'ScalingConfig',
  'StartingPosition', 'StartingPositionTimestamp', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError',
  'ParallelizationFactor', 'TumblingWindowInSeconds', 'Topics', 'Queues', 'SourceAccessConfigurations', 'SelfManagedEventSource',
  'AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig', 'DocumentDBEventSourceConfig', 'KmsKeyArn',
  'MetricsConfig', 'ProvisionedPollerConfig'];

/** An SQS, Kinesis, DynamoDB, MSK, MQ, self-managed Kafka or DocumentDB event: an event source mapping `<Function><Event>`. */
export function expandPollingEvent(ctx: ExpansionContext, fn: FunctionTarget, name: string, type: string, p: JsonMap, at: readonly string[]): void {
  const spec = SOURCES[type];
  const where = `Events.${name}.Properties`;
  const mapping: JsonMap = { FunctionName: fn.invokeRef };
  if (spec.source) mapping.EventSourceArn = required(fn.id, `${where}.${spec.source}`, p[spec.source], `the ARN of the ${spec.source.toLowerCase()}`);
  if (spec.startingPosition) required(fn.id, `${where}.StartingPosition`, p.StartingPosition, 'StartingPosition (TRIM_HORIZON, LATEST or AT_TIMESTAMP)');
  for (const key of MAPPING_PROPERTIES) if (p[key] !== undefined) mapping[key] = p[key];
  if (type === 'MSK' && p.Stream === undefined) throw new SamError(fn.id, `${where}.Stream`, 'is missing; SAM requires the cluster ARN');
  const destinations = optionalMap(fn.id, `${where}.DestinationConfig`, p.DestinationConfig);
  if (destinations) {
    const onFailure = optionalMap(fn.id, `${where}.DestinationConfig.OnFailure`, destinations.OnFailure);
    // SAM's Type (SQS or SNS) only picks the policy it adds; CloudFormation's mapping has the Destination alone.
    if (onFailure) {
      mapping.DestinationConfig = { OnFailure: { Destination: onFailure.Destination } };
      const action = onFailure.Type === 'SNS' ? 'sns:publish' : onFailure.Type === 'SQS' ? 'sqs:SendMessage' : undefined;
      if (action && onFailure.Destination !== undefined) fn.policies?.addStatement(`${fn.id}${name}DestinationPolicy`, action, onFailure.Destination);
    }
  }
  if (spec.policy) fn.policies?.addManaged(spec.policy);
  if (type === 'MQ' && fn.policies) {
    const basicAuth = (Array.isArray(p.SourceAccessConfigurations) ? p.SourceAccessConfigurations : [])
      .find((c) => (c as JsonMap | null)?.Type === 'BASIC_AUTH') as JsonMap | undefined;
    fn.policies.addStatement(`${fn.id}${name}MQPolicy`, 'mq:DescribeBroker', p.Broker);
    if (basicAuth?.URI !== undefined) fn.policies.addStatement(`${fn.id}${name}SecretPolicy`, 'secretsmanager:GetSecretValue', basicAuth.URI);
  }
  ctx.add(`${fn.id}${name}`, { Type: 'AWS::Lambda::EventSourceMapping', Properties: mapping },
    { resource: fn.id, part: `event ${name}`, path: at }, fn.samResource);
}
