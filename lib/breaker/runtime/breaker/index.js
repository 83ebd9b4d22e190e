'use strict';
/**
 * cdk-bulkhead CostBreaker (threat T4, Denial of Wallet). Invoked by a CloudWatch alarm's Lambda action when a
 * protected function's estimated cost (or invocation rate) stayed above its threshold for the configured periods.
 * For a THROTTLE target it records the reserved concurrency (and any provisioned concurrency) as tags on the
 * function, removes the provisioned concurrency and sets the reserved concurrency to 0; for a NOTIFY target it
 * only reports. Either way it publishes what it did to the alarm topic and to EventBridge.
 * Uses the AWS SDK v3 shipped in the Node.js runtime; configuration comes from the environment (see below).
 */
const lambdaSdk = require('@aws-sdk/client-lambda');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

/** Tag keys of the record; `bulkhead breaker restore` reads the same keys (lib/breaker/record.ts). */
const TAG_RESERVED = 'bulkhead:breaker:reserved';
const TAG_PROVISIONED = 'bulkhead:breaker:provisioned';
const TAG_TRIPPED_AT = 'bulkhead:breaker:tripped-at';
/** The record's value for a function that had no reserved concurrency: restore deletes the setting again. */
const UNRESERVED = 'unreserved';

const CONFLICT_ATTEMPTS = Number(process.env.BULKHEAD_CONFLICT_ATTEMPTS || 4);
const CONFLICT_DELAY_MS = Number(process.env.BULKHEAD_CONFLICT_DELAY_MS || 2000);
const REQUEST_TIMEOUT_MS = Number(process.env.BULKHEAD_REQUEST_TIMEOUT_MS || 5000);

function names(variable) {
  return new Set(
    String(process.env[variable] || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

const clients = {};
function client(Kind) {
  if (!clients[Kind.name]) {
    clients[Kind.name] = new Kind({
      maxAttempts: 3, // throttling (429) and 5xx are retried by the SDK with backoff
      // a slow endpoint fails the call (and is retried) instead of hanging until the function times out
      requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
  }
  return clients[Kind.name];
}
const lambda = (command) => client(lambdaSdk.LambdaClient).send(command);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A conflict means an update or a deploy of the function is in flight: wait and try again, bounded. */
async function withConflictRetries(call) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (err && err.name === 'ResourceConflictException' && attempt < CONFLICT_ATTEMPTS) {
        await sleep(CONFLICT_DELAY_MS * attempt);
        continue;
      }
      throw err;
    }
  }
}

/** The one function the alarm watches, from the FunctionName dimension of its AWS/Lambda metrics. */
function watchedFunction(alarmData) {
  const metrics = (alarmData && alarmData.configuration && alarmData.configuration.metrics) || [];
  const found = new Set();
  for (const m of metrics) {
    const metric = m && m.metricStat && m.metricStat.metric;
    const dims = metric && metric.dimensions;
    if (metric && metric.namespace === 'AWS/Lambda' && dims && typeof dims.FunctionName === 'string') found.add(dims.FunctionName);
  }
  if (found.size !== 1) {
    throw new Error(`alarm ${alarmData && alarmData.alarmName} must watch exactly one function's AWS/Lambda metrics; found ${found.size}`);
  }
  return [...found][0];
}

/** What the alarm saw, in words: USD per hour for the cost expression, else the metric per period. */
function describeRate(alarmData) {
  const metrics = (alarmData.configuration && alarmData.configuration.metrics) || [];
  const period = metrics.map((m) => m && m.metricStat && m.metricStat.period).find((p) => typeof p === 'number') || 300;
  let last;
  try {
    const data = JSON.parse((alarmData.state && alarmData.state.reasonData) || '{}');
    if (Array.isArray(data.recentDatapoints) && data.recentDatapoints.length)
      last = Number(data.recentDatapoints[data.recentDatapoints.length - 1]);
  } catch (e) {
    last = undefined;
  }
  if (last === undefined || !Number.isFinite(last)) return 'unknown (no datapoint in the alarm state)';
  if (metrics.some((m) => m && typeof m.expression === 'string')) {
    return `${((last * 3600) / period).toFixed(4)} USD per hour (estimated; ${last} USD in the last ${period} s)`;
  }
  const metricName = (metrics[0] && metrics[0].metricStat && metrics[0].metricStat.metric.name) || 'metric';
  return `${last} ${metricName} in the last ${period} s`;
}

async function readTags(arn) {
  const reply = await lambda(new lambdaSdk.ListTagsCommand({ Resource: arn }));
  return reply.Tags || {};
}

async function provisionedConfigs(functionName) {
  const configs = [];
  let marker;
  do {
    const page = await lambda(new lambdaSdk.ListProvisionedConcurrencyConfigsCommand({ FunctionName: functionName, Marker: marker }));
    for (const c of page.ProvisionedConcurrencyConfigs || []) {
      const qualifier = String(c.FunctionArn || '')
        .split(':')
        .pop();
      if (qualifier && c.RequestedProvisionedConcurrentExecutions > 0)
        configs.push({ qualifier, count: c.RequestedProvisionedConcurrentExecutions });
    }
    marker = page.NextMarker;
  } while (marker);
  return configs;
}

/** Records the ceiling, drops provisioned concurrency and sets reserved concurrency to 0. A second trip is a no-op. */
async function trip(functionName, now) {
  const config = await lambda(new lambdaSdk.GetFunctionConfigurationCommand({ FunctionName: functionName }));
  const arn = String(config.FunctionArn).replace(/:\$LATEST$/, '');
  const current = (await lambda(new lambdaSdk.GetFunctionConcurrencyCommand({ FunctionName: functionName }))).ReservedConcurrentExecutions;
  if (current === 0) {
    const tags = await readTags(arn);
    return {
      action: tags[TAG_RESERVED] !== undefined ? 'already-tripped' : 'already-at-zero',
      recordedReservedConcurrency: tags[TAG_RESERVED],
      trippedAt: tags[TAG_TRIPPED_AT],
    };
  }
  const provisioned = await provisionedConfigs(functionName);
  const record = { [TAG_RESERVED]: current === undefined ? UNRESERVED : String(current), [TAG_TRIPPED_AT]: now };
  if (provisioned.length) record[TAG_PROVISIONED] = provisioned.map((p) => `${p.qualifier}=${p.count}`).join(' ');
  // The record first: if anything below fails, a retry or a person still knows the ceiling to put back.
  await withConflictRetries(() => lambda(new lambdaSdk.TagResourceCommand({ Resource: arn, Tags: record })));
  for (const p of provisioned) {
    await withConflictRetries(() =>
      lambda(new lambdaSdk.DeleteProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: p.qualifier })),
    );
  }
  await withConflictRetries(() =>
    lambda(new lambdaSdk.PutFunctionConcurrencyCommand({ FunctionName: functionName, ReservedConcurrentExecutions: 0 })),
  );
  return {
    action: 'tripped',
    recordedReservedConcurrency: record[TAG_RESERVED],
    provisioned: record[TAG_PROVISIONED] || '',
    trippedAt: now,
  };
}

function summary(outcome) {
  const { functionName, stage, action, region } = outcome;
  const where = stage ? ` (stage ${stage})` : '';
  const restore = `npx bulkhead breaker restore --function ${functionName} --region ${region}`;
  switch (action) {
    case 'tripped':
      return {
        subject: `Bulkhead breaker tripped: ${functionName}${where}`,
        lines: [
          `The cost breaker set the reserved concurrency of ${functionName}${where} to 0 at ${outcome.trippedAt}: new invocations are throttled.`,
          `Recorded ceiling: ${outcome.recordedReservedConcurrency}${outcome.provisioned ? `; provisioned concurrency removed: ${outcome.provisioned}` : ''}.`,
          `Restore, once the cause is fixed: ${restore}`,
        ],
      };
    case 'already-tripped':
      return {
        subject: `Bulkhead breaker already tripped: ${functionName}${where}`,
        lines: [
          `${functionName}${where} was already tripped at ${outcome.trippedAt} (recorded ceiling ${outcome.recordedReservedConcurrency}); nothing changed.`,
          `Restore: ${restore}`,
        ],
      };
    case 'already-at-zero':
      return {
        subject: `Bulkhead breaker: ${functionName} is already at 0${where}`,
        lines: [
          `${functionName}${where} already has a reserved concurrency of 0, set by someone else; the breaker changed nothing and recorded nothing.`,
        ],
      };
    default:
      return {
        subject: `Bulkhead breaker alarm (notify only): ${functionName}${where}`,
        lines: [`${functionName}${where} is marked critical (mode NOTIFY): the breaker did not throttle it. Look at it now.`],
      };
  }
}

async function publish(outcome) {
  const { subject, lines } = summary(outcome);
  const message = [...lines, `Alarm: ${outcome.alarmName}; rate: ${outcome.rate}; reason: ${outcome.reason}`].join('\n');
  const topicArn = process.env.BULKHEAD_BREAKER_TOPIC_ARN;
  if (topicArn) {
    await client(SNSClient).send(new PublishCommand({ TopicArn: topicArn, Subject: subject.slice(0, 99), Message: message }));
  }
  const bus = process.env.BULKHEAD_BREAKER_EVENT_BUS || 'default';
  const reply = await client(EventBridgeClient).send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: bus,
          Source: 'cdk-bulkhead.breaker',
          DetailType: `Bulkhead CostBreaker ${outcome.action}`,
          Detail: JSON.stringify({ ...outcome, message }),
        },
      ],
    }),
  );
  if (reply.FailedEntryCount) {
    const entry = (reply.Entries || []).find((e) => e.ErrorCode) || {};
    throw new Error(`EventBridge refused the event: ${entry.ErrorCode || 'error'}: ${entry.ErrorMessage || ''}`);
  }
}

exports.handler = async (event) => {
  const alarmData = event && event.alarmData;
  if (!alarmData || !alarmData.state || alarmData.state.value !== 'ALARM') {
    return { action: 'ignored', reason: 'not an alarm entering ALARM' };
  }
  const functionName = watchedFunction(alarmData);
  const throttle = names('BULKHEAD_BREAKER_THROTTLE');
  const notify = names('BULKHEAD_BREAKER_NOTIFY');
  // Never act on a function it was not given, whatever the alarm says (its IAM role could not anyway).
  if (!throttle.has(functionName) && !notify.has(functionName)) {
    throw new Error(`function ${functionName} (alarm ${alarmData.alarmName}) is not protected by this breaker; nothing was changed`);
  }
  const base = {
    functionName,
    stage: process.env.BULKHEAD_BREAKER_STAGE || '',
    region: process.env.AWS_REGION || event.region || '',
    alarmName: alarmData.alarmName,
    reason: (alarmData.state.reason || '').slice(0, 500),
    rate: describeRate(alarmData),
    mode: throttle.has(functionName) ? 'THROTTLE' : 'NOTIFY',
  };
  const outcome =
    base.mode === 'THROTTLE' ? { ...base, ...(await trip(functionName, new Date().toISOString())) } : { ...base, action: 'notified' };
  // Failing here fails the invocation: Lambda retries it (a second trip is a no-op) and then sends it to the DLQ.
  await publish(outcome);
  return outcome;
};
