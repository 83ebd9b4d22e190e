'use strict';
/**
 * cdk-bulkhead recycler (threat T6): for each function named in the event, rewrites BULKHEAD_RECYCLED_AT in its
 * environment, keeping every other variable, so Lambda retires warm environments and cold-starts new ones.
 * Event: { "functionNames": ["fn-a", "fn-b"] }. Uses the AWS SDK v3 shipped in the Node.js runtime.
 */
const { LambdaClient, GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } = require('@aws-sdk/client-lambda');

const VAR = 'BULKHEAD_RECYCLED_AT';
const CONFLICT_ATTEMPTS = Number(process.env.BULKHEAD_CONFLICT_ATTEMPTS || 5);
const CONFLICT_DELAY_MS = Number(process.env.BULKHEAD_CONFLICT_DELAY_MS || 2000);
const REQUEST_TIMEOUT_MS = Number(process.env.BULKHEAD_REQUEST_TIMEOUT_MS || 5000);

let client;
function lambdaClient() {
  if (!client) {
    client = new LambdaClient({
      maxAttempts: 3, // throttling (429) and 5xx are retried by the SDK with backoff
      // a slow endpoint fails the call (and is retried) instead of hanging until the function times out
      requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
  }
  return client;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Conflicts mean an update or a deploy is in flight: wait and re-read, never overwrite blindly. */
function isConflict(err) {
  return err && (err.name === 'ResourceConflictException' || err.name === 'PreconditionFailedException');
}

async function recycleOne(functionName, now) {
  for (let attempt = 1; ; attempt++) {
    try {
      const config = await lambdaClient().send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
      if (config.Environment && config.Environment.Error) {
        // Without the decrypted variables an update would erase them: refuse.
        throw new Error(`cannot read the environment of ${functionName}: ${config.Environment.Error.ErrorCode || 'error'}`);
      }
      const variables = Object.assign({}, (config.Environment && config.Environment.Variables) || {});
      variables[VAR] = now;
      await lambdaClient().send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: functionName,
          Environment: { Variables: variables },
          RevisionId: config.RevisionId, // fails instead of overwriting a concurrent change
        }),
      );
      return { functionName, recycledAt: now, attempts: attempt };
    } catch (err) {
      if (isConflict(err) && attempt < CONFLICT_ATTEMPTS) {
        await sleep(CONFLICT_DELAY_MS * attempt);
        continue;
      }
      throw err;
    }
  }
}

exports.handler = async (event) => {
  const names = event && Array.isArray(event.functionNames) ? event.functionNames : [];
  if (names.length === 0) throw new Error('event.functionNames must list at least one function');
  const now = new Date().toISOString();
  const results = [];
  const failures = [];
  for (const name of names) {
    try {
      results.push(await recycleOne(name, now));
    } catch (err) {
      failures.push(`${name}: ${err.name || 'Error'}: ${err.message}`);
    }
  }
  if (failures.length > 0) {
    // Failing the invocation lets EventBridge retry and, at the end, lands the event in the DLQ (alarmed).
    throw new Error(`recycled ${results.length} of ${names.length} functions; failed: ${failures.join('; ')}`);
  }
  return { recycled: results };
};
