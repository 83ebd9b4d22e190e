import { defineRule, NOT_APPLICABLE } from '../../rule';

/** Kinesis and DynamoDB stream mappings without bounded retries, bounded record age, bisect-on-error or an on-failure destination (T4, T5). */
export const StreamMapping = defineRule('StreamMapping', ['AWS::Lambda::EventSourceMapping'], () => NOT_APPLICABLE);
