import { LIMITS } from '../../../core/lambda-limits';
import { props, StackIndex } from '../../../cfn/resolve';
import { isIntrinsic } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, Violation, violations } from '../../rule';
import { mappingSource } from '../../../cfn/mapping-source';
import { DecidedValue, decidedFrom, decidedValues } from '../../../cfn/possible-texts';
import { alternativesAt, asNumber, isTrue } from '../../../cfn/values';

const RETRIES = LIMITS.streamRetryAttempts;
const RECORD_AGE = LIMITS.streamMaxRecordAgeSeconds;

/** A whole number in [min, max]. */
function inRange(value: unknown, min: number, max: number): boolean {
  const n = asNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max;
}

/**
 * Kinesis and DynamoDB stream mappings without bounded retries, bounded record age, bisect-on-error or an
 * on-failure destination (T4, T5): one violation per missing bound, keyed by the property. The source is
 * recognised from a GetAtt/Ref of a Kinesis stream or consumer or a DynamoDB table in the stack, or from a
 * literal/Fn::Sub/Fn::Join ARN of those services; a source only known at deploy time counts as a stream when the
 * mapping sets StartingPosition (which only stream, Kafka and DocumentDB sources take, and those are recognised
 * by their own properties). SQS, MQ, Kafka and DocumentDB mappings are not applicable. Values only known at
 * deploy time are accepted: the bound is set, its size is the template author's. Every side of an Fn::If is
 * judged: AWS::NoValue or -1 on one side leaves that side unbounded. Disabled mappings
 * (Enabled: false) are judged too: enabling one is a one-property change.
 */
export const StreamMapping = defineRule('StreamMapping', ['AWS::Lambda::EventSourceMapping'], (node) => {
  const p = props(node);
  const source = mappingSource(p, StackIndex.of(node));
  if (source.kind !== 'stream' && !(source.kind === 'unknown' && p.StartingPosition !== undefined)) return NOT_APPLICABLE;
  const what = source.service ? `${source.service} stream mapping` : 'stream mapping';
  const found: Violation[] = [];

  // Every side of an Fn::If is judged: AWS::NoValue on one side is the AWS default there (-1, infinite). A value
  // a parameter's Default or a mapping decides is judged like a literal.
  const worst = (value: unknown, bad: (v: unknown) => boolean): DecidedValue => {
    const sides: DecidedValue[] = value === undefined ? [{ value: undefined }] : decidedValues(node, value);
    return sides.find((s) => bad(s.value)) ?? sides[0] ?? { value };
  };
  const retrySide = worst(p.MaximumRetryAttempts, (v) => v === undefined || (!isIntrinsic(v) && !inRange(v, RETRIES.min, RETRIES.max)));
  const retries = retrySide.value;
  const retryCount = asNumber(retries);
  if (retries === undefined) {
    found.push({
      key: 'MaximumRetryAttempts',
      detail: `MaximumRetryAttempts is unset${decidedFrom(retrySide)}: the ${what} retries a failing batch until its records expire (AWS default -1, infinite); the pack allows ${RETRIES.min}-${RETRIES.max}`,
    });
  } else if (
    !isIntrinsic(retries) &&
    (retryCount === undefined || !Number.isInteger(retryCount) || retryCount < RETRIES.min || retryCount > RETRIES.max)
  ) {
    const why = retryCount === -1 ? ' (infinite: a failing batch is retried until its records expire)' : '';
    found.push({
      key: 'MaximumRetryAttempts',
      detail: `MaximumRetryAttempts is ${JSON.stringify(retries)}${decidedFrom(retrySide)}${why}; the pack allows ${RETRIES.min}-${RETRIES.max}`,
    });
  }

  const ageSide = worst(
    p.MaximumRecordAgeInSeconds,
    (v) => v === undefined || (!isIntrinsic(v) && !inRange(v, RECORD_AGE.min, RECORD_AGE.max)),
  );
  const age = ageSide.value;
  const ageSeconds = asNumber(age);
  if (age === undefined) {
    found.push({
      key: 'MaximumRecordAgeInSeconds',
      detail: `MaximumRecordAgeInSeconds is unset${decidedFrom(ageSide)} (AWS default -1: records are sent until the stream expires them, 24 hours for DynamoDB, up to 365 days for Kinesis); set ${RECORD_AGE.min}-${RECORD_AGE.max}`,
    });
  } else if (
    !isIntrinsic(age) &&
    (ageSeconds === undefined || !Number.isInteger(ageSeconds) || ageSeconds < RECORD_AGE.min || ageSeconds > RECORD_AGE.max)
  ) {
    const why = ageSeconds === -1 ? ' (infinite)' : '';
    found.push({
      key: 'MaximumRecordAgeInSeconds',
      detail: `MaximumRecordAgeInSeconds is ${JSON.stringify(age)}${decidedFrom(ageSide)}${why}; set ${RECORD_AGE.min}-${RECORD_AGE.max}`,
    });
  }

  const bisectSide = worst(p.BisectBatchOnFunctionError, (v) => !isTrue(v) && !isIntrinsic(v));
  const bisect = bisectSide.value;
  if (!isTrue(bisect) && !isIntrinsic(bisect)) {
    found.push({
      key: 'BisectBatchOnFunctionError',
      detail: `BisectBatchOnFunctionError is ${bisect === undefined ? 'unset (AWS default false)' : JSON.stringify(bisect)}${decidedFrom(bisectSide)}: one poison record fails its whole batch on every retry`,
    });
  }

  const destinations = alternativesAt(p.DestinationConfig, ['OnFailure', 'Destination']);
  if (destinations.some((d) => d === undefined || d === null || d === '')) {
    const removed = destinations.length > 1 ? ' on one side of an Fn::If' : '';
    found.push({
      key: 'OnFailure',
      detail: `DestinationConfig.OnFailure.Destination is unset${removed}: records that exhaust their retries or age are dropped`,
    });
  }
  return violations(found);
});
