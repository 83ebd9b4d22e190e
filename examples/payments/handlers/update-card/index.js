'use strict';
/**
 * PUT /cards/{cardId}: replaces the card on file for a customer.
 *
 * The card number (PAN) never leaves this function: it is checked (Luhn), reduced to its last four digits and a keyed
 * fingerprint (HMAC-SHA256 with a key read from Secrets Manager by reference), and never logged or stored (T2, T6).
 * The write is conditional: only an existing card of this customer, at the version the caller read, is replaced.
 */
const crypto = require('crypto');
const { DynamoDBClient, UpdateItemCommand, ConditionalCheckFailedException } = require('@aws-sdk/client-dynamodb');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const dynamodb = new DynamoDBClient({});
const secrets = new SecretsManagerClient({});
const TABLE = process.env.CARDS_TABLE;
const FINGERPRINT_KEY_ARN = process.env.FINGERPRINT_KEY_SECRET_ARN;
const KEY_TTL_MS = 5 * 60 * 1000;
let cachedKey;

/** The fingerprint key, cached for five minutes so a rotation reaches warm environments quickly. */
async function fingerprintKey() {
  if (cachedKey && cachedKey.expires > Date.now()) return cachedKey.value;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: FINGERPRINT_KEY_ARN }));
  cachedKey = { value: Buffer.from(out.SecretString, 'utf8'), expires: Date.now() + KEY_TTL_MS };
  return cachedKey.value;
}

function luhnValid(pan) {
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = pan.charCodeAt(pan.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Returns the validated card, or a list of problems naming fields (never their values). */
function validate(body) {
  const problems = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { problems: ['body must be a JSON object'] };
  const allowed = new Set(['pan', 'expiryMonth', 'expiryYear', 'holderName', 'expectedVersion']);
  for (const k of Object.keys(body)) if (!allowed.has(k)) problems.push(`unknown field ${k}`);
  const { pan, expiryMonth, expiryYear, holderName, expectedVersion } = body;
  if (typeof pan !== 'string' || !/^\d{12,19}$/.test(pan) || !luhnValid(pan))
    problems.push('pan must be 12-19 digits with a valid check digit');
  if (!Number.isInteger(expiryMonth) || expiryMonth < 1 || expiryMonth > 12) problems.push('expiryMonth must be an integer 1-12');
  const year = new Date().getUTCFullYear();
  if (!Number.isInteger(expiryYear) || expiryYear < year || expiryYear > year + 20)
    problems.push(`expiryYear must be an integer ${year}-${year + 20}`);
  if (
    typeof holderName !== 'string' ||
    holderName.length < 1 ||
    holderName.length > 64 ||
    [...holderName].some((c) => c.charCodeAt(0) < 0x20)
  ) {
    problems.push('holderName must be 1-64 printable characters');
  }
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) problems.push('expectedVersion must be an integer >= 0');
  return { problems, card: { pan, expiryMonth, expiryYear, holderName, expectedVersion } };
}

function reply(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

exports.handler = async (event) => {
  const customerId = event.requestContext && event.requestContext.identity && event.requestContext.identity.userArn;
  const cardId = event.pathParameters && event.pathParameters.cardId;
  if (!customerId || typeof cardId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(cardId)) return reply(400, { error: 'invalid card id' });
  if (typeof event.body !== 'string' || event.body.length > 4096)
    return reply(400, { error: 'body must be a JSON object of at most 4 KB' });
  let body;
  try {
    body = JSON.parse(event.body); // data only: JSON.parse never runs code (T6)
  } catch {
    return reply(400, { error: 'body is not valid JSON' });
  }
  const { problems, card } = validate(body);
  if (problems.length > 0) return reply(400, { error: 'invalid card', problems });

  const fingerprint = crypto
    .createHmac('sha256', await fingerprintKey())
    .update(card.pan)
    .digest('hex');
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: `CARD#${cardId}` } },
        UpdateExpression:
          'SET last4 = :last4, fingerprint = :fp, expiryMonth = :m, expiryYear = :y, holderName = :name, #v = :next, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND ownerArn = :owner AND #v = :expected',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: {
          ':last4': { S: card.pan.slice(-4) },
          ':fp': { S: fingerprint },
          ':m': { N: String(card.expiryMonth) },
          ':y': { N: String(card.expiryYear) },
          ':name': { S: card.holderName },
          ':owner': { S: customerId },
          ':expected': { N: String(card.expectedVersion) },
          ':next': { N: String(card.expectedVersion + 1) },
          ':now': { S: new Date().toISOString() },
        },
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException)
      return reply(409, { error: 'card not found, not yours, or changed since you read it' });
    console.error(JSON.stringify({ msg: 'card update failed', cardId, error: e.name }));
    throw e;
  }
  console.log(JSON.stringify({ msg: 'card updated', cardId, last4: card.pan.slice(-4), version: card.expectedVersion + 1 }));
  return reply(200, { cardId, last4: card.pan.slice(-4), version: card.expectedVersion + 1 });
};

exports.validate = validate;
exports.luhnValid = luhnValid;
