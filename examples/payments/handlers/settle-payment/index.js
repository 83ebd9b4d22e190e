'use strict';
/**
 * Settles captured payments from the settlement queue. Each message is recorded once: the write is conditional on
 * the payment not having been settled before, so a redelivered message is a no-op. Failed messages are reported one by
 * one (ReportBatchItemFailures) and, after maxReceiveCount attempts, land in the queue's dead-letter queue (T5).
 */
const { DynamoDBClient, PutItemCommand, ConditionalCheckFailedException } = require('@aws-sdk/client-dynamodb');

const dynamodb = new DynamoDBClient({});
const TABLE = process.env.CARDS_TABLE;
const CURRENCIES = new Set(['EUR', 'GBP', 'USD']);

function parse(body) {
  let m;
  try {
    m = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (m === null || typeof m !== 'object') return undefined;
  if (typeof m.paymentId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(m.paymentId)) return undefined;
  if (typeof m.cardId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(m.cardId)) return undefined;
  if (!Number.isInteger(m.amountMinor) || m.amountMinor <= 0 || m.amountMinor > 100000000) return undefined;
  if (!CURRENCIES.has(m.currency)) return undefined;
  if (typeof m.capturedAt !== 'string' || Number.isNaN(Date.parse(m.capturedAt))) return undefined;
  return m;
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const m = parse(record.body);
    if (!m) {
      // A malformed message will never succeed: let it go to the DLQ after maxReceiveCount, without logging its body.
      console.error(JSON.stringify({ msg: 'malformed settlement message', messageId: record.messageId }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const day = new Date(m.capturedAt).toISOString().slice(0, 10);
    try {
      await dynamodb.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: {
            pk: { S: `SETTLEMENT#${day}#${m.paymentId}` },
            day: { S: day },
            cardId: { S: m.cardId },
            amountMinor: { N: String(m.amountMinor) },
            currency: { S: m.currency },
            settledAt: { S: new Date().toISOString() },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) continue; // already settled: idempotent
      console.error(JSON.stringify({ msg: 'settlement write failed', messageId: record.messageId, error: e.name }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

exports.parse = parse;
