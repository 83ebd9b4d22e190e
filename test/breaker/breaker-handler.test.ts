import * as path from 'path';
import { BreakerEndpoint } from '../support/breaker-endpoint';
import { alarmEvent } from './alarm-event';

const HANDLER = path.join(__dirname, '../../lib/breaker/runtime/breaker/index.js');
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:payments-alarms-dev';
const WRITES = [
  'TagResource',
  'UntagResource',
  'PutFunctionConcurrency',
  'DeleteFunctionConcurrency',
  'DeleteProvisionedConcurrencyConfig',
  'PutProvisionedConcurrencyConfig',
];

describe('breaker handler against a loopback Lambda, SNS and EventBridge (real SDK v3 clients)', () => {
  const endpoint = new BreakerEndpoint();
  const saved = { ...process.env };
  let handler: (event: any) => Promise<any>;
  const writes = () => endpoint.operations().filter((o) => WRITES.includes(o));

  beforeAll(async () => {
    const url = await endpoint.start();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_LAMBDA: url,
      AWS_ENDPOINT_URL_SNS: url,
      AWS_ENDPOINT_URL_EVENTBRIDGE: url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIA' + 'FAKEFAKEFAKEFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-' + 'secret',
      BULKHEAD_CONFLICT_DELAY_MS: '10',
      BULKHEAD_CONFLICT_ATTEMPTS: '3',
      BULKHEAD_REQUEST_TIMEOUT_MS: '300',
      BULKHEAD_BREAKER_THROTTLE: 'cards-dev,refunds-dev,plain-dev',
      BULKHEAD_BREAKER_NOTIFY: 'checkout-dev',
      BULKHEAD_BREAKER_STAGE: 'dev',
      BULKHEAD_BREAKER_TOPIC_ARN: TOPIC,
    });
    delete process.env.AWS_PROFILE;
    jest.isolateModules(() => {
      handler = require(HANDLER).handler;
    });
  });
  afterAll(async () => {
    await endpoint.stop();
    process.env = saved;
  });
  beforeEach(() => endpoint.reset());

  test('trip: records the ceiling as tags, sets reserved concurrency to 0 and reports it to SNS and EventBridge', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    const result = await handler(alarmEvent('cards-dev', { datapoint: 0.05 }));
    const fn = endpoint.fn('cards-dev');
    expect(fn.reserved).toBe(0);
    expect(fn.tags['bulkhead:breaker:reserved']).toBe('10');
    expect(Date.parse(fn.tags['bulkhead:breaker:tripped-at'])).not.toBeNaN();
    // The record is written before the ceiling is touched.
    expect(writes()).toEqual(['TagResource', 'PutFunctionConcurrency']);
    expect(result).toMatchObject({ action: 'tripped', functionName: 'cards-dev', stage: 'dev', recordedReservedConcurrency: '10' });
    expect(result.rate).toBe('0.6000 USD per hour (estimated; 0.05 USD in the last 300 s)');

    expect(endpoint.published).toHaveLength(1);
    const sns = endpoint.published[0];
    expect(sns.topicArn).toBe(TOPIC);
    expect(sns.subject).toBe('Bulkhead breaker tripped: cards-dev (stage dev)');
    expect(sns.message).toContain('Recorded ceiling: 10.');
    expect(sns.message).toContain('npx bulkhead breaker restore --function cards-dev --region eu-west-1');
    expect(sns.message).toContain('0.6000 USD per hour');

    expect(endpoint.events).toHaveLength(1);
    expect(endpoint.events[0]).toMatchObject({
      Source: 'cdk-bulkhead.breaker',
      DetailType: 'Bulkhead CostBreaker tripped',
      EventBusName: 'default',
    });
    expect(JSON.parse(endpoint.events[0].Detail)).toMatchObject({
      functionName: 'cards-dev',
      action: 'tripped',
      recordedReservedConcurrency: '10',
    });
  });

  test('provisioned concurrency on aliases is recorded and removed before the reserved concurrency goes to 0', async () => {
    endpoint.addFunction('cards-dev', { reserved: 20, provisioned: { live: 5, canary: 2 } });
    await handler(alarmEvent('cards-dev'));
    const fn = endpoint.fn('cards-dev');
    expect(fn.provisioned).toEqual({});
    expect(fn.reserved).toBe(0);
    expect(fn.tags['bulkhead:breaker:provisioned']).toBe('live=5 canary=2');
    expect(writes()).toEqual([
      'TagResource',
      'DeleteProvisionedConcurrencyConfig',
      'DeleteProvisionedConcurrencyConfig',
      'PutFunctionConcurrency',
    ]);
  });

  test('a function without reserved concurrency is recorded as unreserved', async () => {
    endpoint.addFunction('plain-dev');
    await handler(alarmEvent('plain-dev', { kind: 'rate', datapoint: 90000 }));
    expect(endpoint.fn('plain-dev').reserved).toBe(0);
    expect(endpoint.fn('plain-dev').tags['bulkhead:breaker:reserved']).toBe('unreserved');
    expect(endpoint.published[0].message).toContain('90000 Invocations in the last 300 s');
  });

  test('a critical function (mode NOTIFY) is never throttled, only reported', async () => {
    endpoint.addFunction('checkout-dev', { reserved: 50 });
    const result = await handler(alarmEvent('checkout-dev'));
    expect(result.action).toBe('notified');
    expect(endpoint.fn('checkout-dev')).toEqual({ reserved: 50, provisioned: {}, tags: {} });
    expect(endpoint.operations().filter((o) => !['Publish', 'PutEvents'].includes(o))).toEqual([]);
    expect(endpoint.published[0].subject).toBe('Bulkhead breaker alarm (notify only): checkout-dev (stage dev)');
  });

  test('a function it was not given is refused before any Lambda call, whatever the alarm says', async () => {
    endpoint.addFunction('other-team-fn', { reserved: 10 });
    await expect(handler(alarmEvent('other-team-fn'))).rejects.toThrow(
      'function other-team-fn (alarm payments-dev-Breaker-TripCost) is not protected by this breaker',
    );
    expect(endpoint.calls).toEqual([]);
    expect(endpoint.fn('other-team-fn').reserved).toBe(10);
  });

  test('an alarm over two functions is refused', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    await expect(handler(alarmEvent('cards-dev', { extraFunction: 'refunds-dev' }))).rejects.toThrow(/exactly one function.*found 2/);
    expect(endpoint.calls).toEqual([]);
  });

  test('tripping twice is a no-op: nothing is written, the first record is kept, and it says so', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    await handler(alarmEvent('cards-dev'));
    const record = { ...endpoint.fn('cards-dev').tags };
    endpoint.calls.length = 0;
    endpoint.published.length = 0;
    const second = await handler(alarmEvent('cards-dev'));
    expect(second.action).toBe('already-tripped');
    expect(writes()).toEqual([]);
    expect(endpoint.fn('cards-dev').tags).toEqual(record);
    expect(endpoint.published[0].subject).toBe('Bulkhead breaker already tripped: cards-dev (stage dev)');
  });

  test('a function someone else set to 0 is left alone and nothing is recorded', async () => {
    endpoint.addFunction('cards-dev', { reserved: 0 });
    const result = await handler(alarmEvent('cards-dev'));
    expect(result.action).toBe('already-at-zero');
    expect(writes()).toEqual([]);
    expect(endpoint.fn('cards-dev').tags).toEqual({});
  });

  test('409 ResourceConflictException (an update in progress): waits and retries the write', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    endpoint.inject({ operation: 'PutFunctionConcurrency', status: 409, type: 'ResourceConflictException' });
    await handler(alarmEvent('cards-dev'));
    expect(writes()).toEqual(['TagResource', 'PutFunctionConcurrency', 'PutFunctionConcurrency']);
    expect(endpoint.fn('cards-dev').reserved).toBe(0);
  });

  test('persistent conflicts: gives up after the bounded attempts and fails (to its DLQ), with the record kept for a person', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    for (let i = 0; i < 3; i++) endpoint.inject({ operation: 'PutFunctionConcurrency', status: 409, type: 'ResourceConflictException' });
    await expect(handler(alarmEvent('cards-dev'))).rejects.toThrow(/ResourceConflictException|injected fault/);
    expect(endpoint.operations().filter((o) => o === 'PutFunctionConcurrency')).toHaveLength(3);
    expect(endpoint.fn('cards-dev').reserved).toBe(10);
    expect(endpoint.fn('cards-dev').tags['bulkhead:breaker:reserved']).toBe('10');
    expect(endpoint.published).toEqual([]);
  });

  test('429 throttling and 500 are retried by the SDK, and the trip completes', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    endpoint.inject(
      { operation: 'GetFunctionConcurrency', status: 429, type: 'TooManyRequestsException' },
      { operation: 'PutFunctionConcurrency', status: 500, type: 'ServiceException' },
    );
    await handler(alarmEvent('cards-dev'));
    expect(endpoint.operations().filter((o) => o === 'GetFunctionConcurrency')).toHaveLength(2);
    expect(endpoint.operations().filter((o) => o === 'PutFunctionConcurrency')).toHaveLength(2);
    expect(endpoint.fn('cards-dev').reserved).toBe(0);
  });

  test('slow replies time out and fail the invocation after three attempts, without any write', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    for (let i = 0; i < 3; i++) endpoint.inject({ operation: 'GetFunctionConfiguration', delayMs: 1000 });
    await expect(handler(alarmEvent('cards-dev'))).rejects.toThrow(/timed? ?out|timeout/i);
    expect(endpoint.operations()).toEqual(['GetFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration']);
    expect(endpoint.fn('cards-dev').reserved).toBe(10);
  });

  test('a missing function fails the invocation with ResourceNotFoundException and writes nothing', async () => {
    await expect(handler(alarmEvent('refunds-dev'))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(writes()).toEqual([]);
    expect(endpoint.published).toEqual([]);
  });

  test('a failed report fails the invocation after the trip; the retry is a no-op trip that reports again', async () => {
    endpoint.addFunction('cards-dev', { reserved: 10 });
    for (let i = 0; i < 3; i++) endpoint.inject({ operation: 'Publish', status: 500, type: 'InternalError' });
    await expect(handler(alarmEvent('cards-dev'))).rejects.toThrow();
    expect(endpoint.fn('cards-dev').reserved).toBe(0);
    const retry = await handler(alarmEvent('cards-dev'));
    expect(retry.action).toBe('already-tripped');
    expect(endpoint.published).toHaveLength(1);
    expect(endpoint.fn('cards-dev').tags['bulkhead:breaker:reserved']).toBe('10');
  });

  test('an alarm returning to OK (or any other event) is ignored without a call', async () => {
    expect((await handler(alarmEvent('cards-dev', { state: 'OK' }))).action).toBe('ignored');
    expect((await handler({})).action).toBe('ignored');
    expect(endpoint.calls).toEqual([]);
  });
});
