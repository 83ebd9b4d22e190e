'use strict';
/**
 * Nightly: totals yesterday's settlements per currency and records the summary once (conditional write), so a
 * retried run never writes a second, different summary. Reads by key (Query on the day), never scans the table.
 */
const { DynamoDBClient, QueryCommand, PutItemCommand, ConditionalCheckFailedException } = require('@aws-sdk/client-dynamodb');

const dynamodb = new DynamoDBClient({});
const TABLE = process.env.CARDS_TABLE;
const INDEX = process.env.BY_DAY_INDEX;

exports.handler = async (event) => {
  const day =
    event && typeof event.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(event.day)
      ? event.day
      : new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  const totals = {};
  let count = 0;
  let ExclusiveStartKey;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: INDEX,
        KeyConditionExpression: '#day = :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': { S: day } },
        ProjectionExpression: 'amountMinor, currency',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items || []) {
      const currency = item.currency.S;
      totals[currency] = (totals[currency] || 0) + Number(item.amountMinor.N);
      count++;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);

  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: `SUMMARY#${day}` }, count: { N: String(count) }, totals: { S: JSON.stringify(totals) } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
  console.log(JSON.stringify({ msg: 'reconciled', day, count, totals }));
  return { day, count, totals };
};
