import { StackIndex } from './resolve';
import { referencedId, referencedIds } from './references';
import { arnService, templateText, UNKNOWN } from './values';

/** What feeds an event source mapping, as far as the template tells. */
export interface MappingSource {
  /**
   * `stream` (Kinesis data stream or consumer, DynamoDB stream), `sqs`, `other` (Kafka, MQ, DocumentDB...) or
   * `unknown` (an ARN only known at deploy time, e.g. a parameter or an import).
   */
  readonly kind: 'stream' | 'sqs' | 'other' | 'unknown';
  /** Kinesis or DynamoDB, for messages. */
  readonly service?: string;
  /** For `sqs`: the logical ID of the queue when it is in the same stack. */
  readonly queueId?: string;
}

const QUEUE_TYPE = 'AWS::SQS::Queue';

/** Source types by the CloudFormation type of the resource an EventSourceArn references. */
const BY_TYPE: { [type: string]: { kind: MappingSource['kind']; service?: string } } = {
  'AWS::Kinesis::Stream': { kind: 'stream', service: 'Kinesis' },
  'AWS::Kinesis::StreamConsumer': { kind: 'stream', service: 'Kinesis' },
  'AWS::DynamoDB::Table': { kind: 'stream', service: 'DynamoDB' },
  'AWS::DynamoDB::GlobalTable': { kind: 'stream', service: 'DynamoDB' },
  [QUEUE_TYPE]: { kind: 'sqs' },
  'AWS::MSK::Cluster': { kind: 'other' },
  'AWS::MSK::ServerlessCluster': { kind: 'other' },
  'AWS::AmazonMQ::Broker': { kind: 'other' },
  'AWS::DocDB::DBCluster': { kind: 'other' },
};

const BY_SERVICE: { [service: string]: { kind: MappingSource['kind']; service?: string } } = {
  kinesis: { kind: 'stream', service: 'Kinesis' },
  dynamodb: { kind: 'stream', service: 'DynamoDB' },
  sqs: { kind: 'sqs' },
};

/** Literal QueueName → logical ID, built once per stack (a queue may be named by a literal ARN). */
function queuesByName(index: StackIndex): Map<string, string> {
  return index.memo('lambda:queues-by-name', () => {
    const map = new Map<string, string>();
    for (const q of index.ofType(QUEUE_TYPE)) {
      if (typeof q.properties.QueueName === 'string') map.set(q.properties.QueueName, q.logicalId);
    }
    return map;
  });
}

/** The queue of this stack an SQS ARN names: by reference (GetAtt, or inside Sub/Join), or by literal name. */
function queueIdOf(arn: unknown, index: StackIndex): string | undefined {
  const queues = [...referencedIds(arn)].filter((id) => index.byId.get(id)?.type === QUEUE_TYPE);
  if (queues.length === 1) return queues[0];
  const text = templateText(arn);
  const name = text === undefined ? undefined : text.split(':').pop();
  return name === undefined || name.includes(UNKNOWN) ? undefined : queuesByName(index).get(name);
}

/** Classifies the source of an AWS::Lambda::EventSourceMapping from its properties. */
export function mappingSource(p: { [key: string]: any }, index: StackIndex): MappingSource {
  // Kafka (MSK and self-managed), MQ and DocumentDB mappings carry these; none of them is a Kinesis/DynamoDB stream.
  if (
    p.Topics !== undefined ||
    p.SelfManagedEventSource !== undefined ||
    p.Queues !== undefined ||
    p.AmazonManagedKafkaEventSourceConfig !== undefined ||
    p.SelfManagedKafkaEventSourceConfig !== undefined ||
    p.DocumentDBEventSourceConfig !== undefined
  ) {
    return { kind: 'other' };
  }
  const arn = p.EventSourceArn;
  if (arn === undefined) return { kind: 'other' };
  const ref = referencedId(arn);
  const target = ref === undefined ? undefined : index.byId.get(ref);
  if (target !== undefined) {
    const known = BY_TYPE[target.type] ?? { kind: 'unknown' };
    return known.kind === 'sqs' ? { kind: 'sqs', queueId: target.logicalId } : known;
  }
  const service = arnService(arn);
  if (service !== undefined) {
    const known = BY_SERVICE[service] ?? { kind: 'other' };
    return known.kind === 'sqs' ? { kind: 'sqs', queueId: queueIdOf(arn, index) } : known;
  }
  return { kind: 'unknown' };
}
