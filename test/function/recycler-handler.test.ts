import * as path from 'path';
import { LambdaEndpoint } from '../support/lambda-endpoint';

const HANDLER = path.join(__dirname, '../../lib/function/runtime/recycler/index.js');

describe('recycler handler against a local Lambda endpoint (real @aws-sdk/client-lambda)', () => {
  const endpoint = new LambdaEndpoint();
  const saved = { ...process.env };
  let handler: (event: any) => Promise<any>;

  beforeAll(async () => {
    const url = await endpoint.start();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_LAMBDA: url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIA' + 'FAKEFAKEFAKEFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-' + 'secret',
      BULKHEAD_CONFLICT_DELAY_MS: '10',
      BULKHEAD_CONFLICT_ATTEMPTS: '3',
      BULKHEAD_REQUEST_TIMEOUT_MS: '300',
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
  beforeEach(() => {
    endpoint.calls.length = 0;
  });

  test('rewrites only BULKHEAD_RECYCLED_AT and keeps every other variable', async () => {
    endpoint.addFunction('card-a', { TABLE: 'cards', DB_PASSWORD_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:x' });
    const before = Date.now();
    const result = await handler({ functionNames: ['card-a'] });
    const vars = endpoint.variables('card-a');
    expect(vars.TABLE).toBe('cards');
    expect(vars.DB_PASSWORD_ARN).toBe('arn:aws:secretsmanager:eu-west-1:111111111111:secret:x');
    expect(Object.keys(vars).sort()).toEqual(['BULKHEAD_RECYCLED_AT', 'DB_PASSWORD_ARN', 'TABLE']);
    expect(Date.parse(vars.BULKHEAD_RECYCLED_AT)).toBeGreaterThanOrEqual(before - 1000);
    expect(endpoint.calls.map((c) => c.method)).toEqual(['GET', 'PUT']);
    expect(endpoint.calls[1].body.RevisionId).toBe('rev-1');
    expect(result.recycled[0].functionName).toBe('card-a');
  });

  test('a second run changes the value again and nothing else', async () => {
    endpoint.addFunction('card-b', { A: '1', BULKHEAD_RECYCLED_AT: '2000-01-01T00:00:00.000Z' });
    await handler({ functionNames: ['card-b'] });
    const vars = endpoint.variables('card-b');
    expect(vars.A).toBe('1');
    expect(vars.BULKHEAD_RECYCLED_AT).not.toBe('2000-01-01T00:00:00.000Z');
    expect(Object.keys(vars)).toHaveLength(2);
  });

  test('409 ResourceConflictException (update in progress): waits, re-reads and succeeds', async () => {
    endpoint.addFunction('card-c', { A: '1' });
    endpoint.inject({ method: 'PUT', status: 409, type: 'ResourceConflictException' });
    await handler({ functionNames: ['card-c'] });
    expect(endpoint.calls.map((c) => c.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
    expect(endpoint.variables('card-c').A).toBe('1');
    expect(endpoint.variables('card-c').BULKHEAD_RECYCLED_AT).toBeDefined();
  });

  test('persistent conflicts: gives up after the bounded attempts and fails the invocation', async () => {
    endpoint.addFunction('card-d', { A: '1' });
    for (let i = 0; i < 3; i++) endpoint.inject({ method: 'PUT', status: 409, type: 'ResourceConflictException' });
    await expect(handler({ functionNames: ['card-d'] })).rejects.toThrow(/card-d: ResourceConflictException/);
    expect(endpoint.calls.filter((c) => c.method === 'PUT')).toHaveLength(3);
    expect(endpoint.variables('card-d')).toEqual({ A: '1' });
  });

  test('429 throttling and 500 are retried by the SDK', async () => {
    endpoint.addFunction('card-e', { A: '1' });
    endpoint.inject(
      { method: 'GET', status: 429, type: 'TooManyRequestsException' },
      { method: 'PUT', status: 500, type: 'ServiceException' },
    );
    await handler({ functionNames: ['card-e'] });
    expect(endpoint.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'PUT', 'PUT']);
    expect(endpoint.variables('card-e').BULKHEAD_RECYCLED_AT).toBeDefined();
  });

  test('a slow reply times out and fails instead of hanging', async () => {
    endpoint.addFunction('card-f', { A: '1' });
    endpoint.inject({ method: 'GET', delayMs: 1500 }, { method: 'GET', delayMs: 1500 }, { method: 'GET', delayMs: 1500 });
    await expect(handler({ functionNames: ['card-f'] })).rejects.toThrow(/card-f/);
    expect(endpoint.variables('card-f')).toEqual({ A: '1' });
  });

  test('an undecryptable environment is never overwritten', async () => {
    endpoint.addFunction('card-g', { A: '1' }, 'KMSAccessDeniedException');
    await expect(handler({ functionNames: ['card-g'] })).rejects.toThrow(/KMSAccessDeniedException/);
    expect(endpoint.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  test('one failing function does not stop the others; the invocation still fails', async () => {
    endpoint.addFunction('card-h', { A: '1' });
    await expect(handler({ functionNames: ['missing-fn', 'card-h'] })).rejects.toThrow(
      /recycled 1 of 2.*missing-fn: ResourceNotFoundException/,
    );
    expect(endpoint.variables('card-h').BULKHEAD_RECYCLED_AT).toBeDefined();
  });

  test('an event without function names is rejected', async () => {
    await expect(handler({})).rejects.toThrow(/functionNames/);
  });
});
