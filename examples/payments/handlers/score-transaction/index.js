'use strict';
/**
 * Scores card transactions from the transactions stream and flags a card whose transaction exceeds the review limit.
 * Records that are not valid transactions are counted and skipped (a poison record must not block the shard); a
 * failed write throws, so the mapping retries a bounded number of times, bisecting the batch, and then sends the
 * batch's description to the function's DLQ (T4, T5).
 */
const { DynamoDBClient, UpdateItemCommand, ConditionalCheckFailedException } = require('@aws-sdk/client-dynamodb');

const dynamodb = new DynamoDBClient({});
const TABLE = process.env.CARDS_TABLE;
const REVIEW_LIMIT_MINOR = Number.parseInt(process.env.REVIEW_LIMIT_MINOR || '500000', 10);

function decode(record) {
  let t;
  try {
    t = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (t === null || typeof t !== 'object') return undefined;
  if (typeof t.cardId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(t.cardId)) return undefined;
  if (!Number.isInteger(t.amountMinor) || t.amountMinor <= 0) return undefined;
  return t;
}

exports.handler = async (event) => {
  let skipped = 0;
  let flagged = 0;
  for (const record of event.Records) {
    const t = decode(record);
    if (!t) {
      skipped++;
      continue;
    }
    if (t.amountMinor < REVIEW_LIMIT_MINOR) continue;
    try {
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: { S: `CARD#${t.cardId}` } },
          UpdateExpression: 'SET reviewRequired = :yes, reviewReason = :reason',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':yes': { BOOL: true }, ':reason': { S: 'amount over review limit' } },
        }),
      );
      flagged++;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        skipped++;
        continue;
      } // unknown card
      throw e;
    }
  }
  console.log(JSON.stringify({ msg: 'scored', records: event.Records.length, flagged, skipped }));
};

exports.decode = decode;
