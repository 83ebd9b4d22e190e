/**
 * The payments example's handlers, run in-process with the AWS SDK replaced by a recording client (the SDK is in
 * the Lambda runtime, not in this repository): input validation, conditional writes, and no card number in any
 * response or log line.
 */
const sent: Array<{ command: string; input: any }> = [];
let failNext: Error | undefined;

class ConditionalCheckFailedException extends Error {
  constructor() {
    super('The conditional request failed');
    this.name = 'ConditionalCheckFailedException';
  }
}
function command(name: string) {
  return class {
    constructor(public readonly input: any) {}
    static commandName = name;
  };
}
class FakeClient {
  async send(cmd: any) {
    sent.push({ command: cmd.constructor.commandName, input: cmd.input });
    if (failNext) {
      const e = failNext;
      failNext = undefined;
      throw e;
    }
    if (cmd.constructor.commandName === 'GetSecretValue') return { SecretString: 'fingerprint-key-for-tests' };
    if (cmd.constructor.commandName === 'Query') return { Items: [] };
    return {};
  }
}
jest.mock(
  '@aws-sdk/client-dynamodb',
  () => ({
    DynamoDBClient: FakeClient,
    UpdateItemCommand: command('UpdateItem'),
    PutItemCommand: command('PutItem'),
    QueryCommand: command('Query'),
    ConditionalCheckFailedException,
  }),
  { virtual: true },
);
jest.mock(
  '@aws-sdk/client-secrets-manager',
  () => ({ SecretsManagerClient: FakeClient, GetSecretValueCommand: command('GetSecretValue') }),
  { virtual: true },
);

process.env.CARDS_TABLE = 'cards';
process.env.FINGERPRINT_KEY_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:fp';
const updateCard = require('../../examples/payments/handlers/update-card/index.js');
const settlePayment = require('../../examples/payments/handlers/settle-payment/index.js');

const PAN = '4111' + '1111' + '1111' + '1111'; // the public Visa test number
const CALLER = 'arn:aws:iam::111111111111:role/checkout';

function request(body: unknown, cardId = 'card-1') {
  return {
    pathParameters: { cardId },
    requestContext: { identity: { userArn: CALLER } },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
const valid = { pan: PAN, expiryMonth: 12, expiryYear: new Date().getUTCFullYear() + 2, holderName: 'Ada Lovelace', expectedVersion: 3 };

let logged: string[];
beforeEach(() => {
  sent.length = 0;
  failNext = undefined;
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((...a) => {
    logged.push(a.join(' '));
  });
  jest.spyOn(console, 'error').mockImplementation((...a) => {
    logged.push(a.join(' '));
  });
});
afterEach(() => jest.restoreAllMocks());

describe('update-card', () => {
  test('writes last4 and a keyed fingerprint, conditional on owner and version; the card number is never stored, returned or logged', async () => {
    const res = await updateCard.handler(request(valid));
    expect(res.statusCode).toBe(200);
    const update = sent.find((s) => s.command === 'UpdateItem')!;
    expect(update.input.ConditionExpression).toBe('attribute_exists(pk) AND ownerArn = :owner AND #v = :expected');
    expect(update.input.ExpressionAttributeValues[':owner']).toEqual({ S: CALLER });
    expect(update.input.ExpressionAttributeValues[':expected']).toEqual({ N: '3' });
    expect(update.input.ExpressionAttributeValues[':last4']).toEqual({ S: '1111' });
    expect(update.input.ExpressionAttributeValues[':fp'].S).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(sent) + res.body + logged.join('\n');
    expect(everything).not.toContain(PAN);
  });

  test.each([
    ['not JSON', '{"pan": 4111', 'body is not valid JSON'],
    ['a wrong check digit', { ...valid, pan: PAN.slice(0, 15) + '2' }, 'pan must be 12-19 digits with a valid check digit'],
    ['an unknown field', { ...valid, isAdmin: true }, 'unknown field isAdmin'],
    ['an expired year', { ...valid, expiryYear: 2001 }, 'expiryYear must be an integer'],
  ])('refuses %s with 400, naming the field, not its value, and writes nothing', async (_name, body, problem) => {
    const res = await updateCard.handler(request(body));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(problem);
    expect(res.body).not.toContain(PAN.slice(0, 15));
    expect(sent.filter((s) => s.command === 'UpdateItem')).toEqual([]);
  });

  test("a failed condition (not the caller's card, or changed since read) is a 409", async () => {
    await updateCard.handler(request(valid)); // warms the fingerprint key cache
    failNext = new ConditionalCheckFailedException();
    const res = await updateCard.handler(request(valid));
    expect(res.statusCode).toBe(409);
  });

  test('a path parameter that is not a card id is a 400', async () => {
    expect((await updateCard.handler(request(valid, '../../etc'))).statusCode).toBe(400);
  });
});

describe('settle-payment', () => {
  const message = (id: string, body: unknown) => ({ messageId: id, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const good = { paymentId: 'p-1', cardId: 'card-1', amountMinor: 1250, currency: 'EUR', capturedAt: '2026-01-02T03:04:05Z' };

  test('records each payment once (attribute_not_exists), reports only malformed messages as failures', async () => {
    const out = await settlePayment.handler({
      Records: [message('m1', good), message('m2', 'not json'), message('m3', { ...good, amountMinor: -5 })],
    });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }]);
    const put = sent.filter((s) => s.command === 'PutItem');
    expect(put).toHaveLength(1);
    expect(put[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put[0].input.Item.pk).toEqual({ S: 'SETTLEMENT#2026-01-02#p-1' });
    expect(logged.join('\n')).not.toContain('not json');
  });

  test('a redelivered, already settled payment is not a failure', async () => {
    failNext = new ConditionalCheckFailedException();
    expect((await settlePayment.handler({ Records: [message('m1', good)] })).batchItemFailures).toEqual([]);
  });
});
