'use strict';
// SAM expansion cost (issue 14): `node bench/workloads/sam.js <checked functions,...> <expanded-only functions,...>`.
// For each size, a SAM template of that many functions is written as YAML (Globals, AutoPublishAlias, an
// EventInvokeConfig, policy templates, an SQS or Api event each: what the AWS SAM examples look like). Measured:
// the expansion alone (parse + lib/sam's expandSam, fastest of 3), and for the sizes CloudFormation can deploy,
// `bulkhead check` on the SAM file next to `bulkhead check` on its expansion written as a plain JSON template,
// both warm (second call in this process), so the difference is what SAM costs on top of a plain template.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { now, peakRssKb, report } = require('../lib/report');
const project = require('../lib/project');

const [checkedArg, expandedArg] = process.argv.slice(2);
const list = (s) =>
  (s || '')
    .split(',')
    .filter((x) => x !== '')
    .map(Number);
project.setUp();
const { main } = project.requireLib('cli/main');
const { expandSam } = project.requireLib('sam');
const yaml = require('yaml');

/** A SAM app of `functions` functions, deterministic, half fed by SQS queues and half behind the implicit API. */
function samTemplate(functions) {
  const resources = {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Failures: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { Ref: 'Key' } } },
  };
  for (let i = 0; i < functions; i++) {
    const event =
      i % 2 === 0
        ? { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['Failures', 'Arn'] }, BatchSize: 10 } }
        : { Type: 'Api', Properties: { Path: `/items/${i}`, Method: 'get' } };
    resources[`Fn${i}`] = {
      Type: 'AWS::Serverless::Function',
      Properties: {
        InlineCode: `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ n: ${i} }) });`,
        Policies: [{ DynamoDBReadPolicy: { TableName: `table-${i}` } }, { SQSSendMessagePolicy: { QueueName: 'failures' } }],
        Events: { Trigger: event },
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Globals: {
      Function: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        MemorySize: 256,
        Timeout: 10,
        Tracing: 'Active',
        AutoPublishAlias: 'live',
        KmsKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] },
        ReservedConcurrentExecutions: 2,
        EventInvokeConfig: {
          MaximumRetryAttempts: 2,
          DestinationConfig: { OnFailure: { Type: 'SQS', Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } },
        },
      },
      Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } },
    },
    Resources: resources,
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-sam-'));
const io = {
  out: () => {},
  err: (s) => {
    stderr += s;
  },
};
let stderr = '';

async function checkWarm(file) {
  const out = path.join(dir, 'report.json');
  let ms;
  for (let call = 0; call < 2; call++) {
    const t = now();
    const code = await main(['check', file, '--format', 'json', '--output', out], io);
    ms = now() - t;
    if (code === 2) throw new Error(`bulkhead check exited 2 on ${path.basename(file)}: ${stderr.trim()}`);
  }
  return ms;
}

/** The expansion alone, on the parsed template (parsing YAML is the loader's cost for plain templates too). */
function expandOnly(text) {
  const parsed = yaml.parse(text);
  let best = Infinity;
  let out;
  for (let i = 0; i < 3; i++) {
    const input = JSON.parse(JSON.stringify(parsed));
    const t = now();
    out = expandSam(input, { baseDir: dir });
    best = Math.min(best, now() - t);
  }
  return { ms: best, generated: Object.keys(out.template.Resources).length, template: out.template };
}

(async () => {
  try {
    const rows = [];
    // Warm-up: load the CLI, aws-cdk-lib and the pack once, so the first size is not charged for it.
    const warmup = path.join(dir, 'warmup.yaml');
    fs.writeFileSync(warmup, yaml.stringify(samTemplate(2)));
    await checkWarm(warmup);
    for (const functions of [...list(checkedArg), ...list(expandedArg)]) {
      const text = yaml.stringify(samTemplate(functions));
      const file = path.join(dir, `sam-${functions}.yaml`);
      fs.writeFileSync(file, text);
      const expansion = expandOnly(text);
      const row = {
        functions,
        samResources: functions + 2,
        bytes: Buffer.byteLength(text),
        generatedResources: expansion.generated,
        expandMs: expansion.ms,
      };
      if (list(checkedArg).includes(functions)) {
        const plain = path.join(dir, `plain-${functions}.json`);
        fs.writeFileSync(plain, JSON.stringify(expansion.template));
        row.checkSamWarmMs = await checkWarm(file);
        row.checkPlainWarmMs = await checkWarm(plain);
      }
      rows.push(row);
    }
    report({ rows, peakRssKb: peakRssKb() });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
