'use strict';
// Adversarial wildcard patterns (issue 13, "unbounded time"): IAM actions and resources built to make a backtracking
// matcher run for minutes (`*a*a*a...!`, `*?*?...`, thousands of `*`, and seeded random mixes). Times the matcher
// alone, the expansion of each pattern against every IAM action of AWS's data (22,000 names when the service part is
// a wildcard), and a whole `bulkhead check` of a template full of them, against fixed bounds:
// `node bench/workloads/patterns.js`.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { now, report } = require('../lib/report');
const project = require('../lib/project');

/** Per match, and for the whole check (startup and CfnInclude included); far above linear time, far below a hang. */
const BOUND_MATCH_MS = 50;
/** Per pattern expanded against the action data: one linear match per action name of the services it can name. */
const BOUND_EXPAND_MS = 500;
const BOUND_CHECK_MS = 30000;

project.setUp();
const { wildcardMatches } = project.requireLib('cfn/wildcard-match');
const { main } = project.requireLib('cli/main');
const { actionsGranted } = project.requireLib('checks/rules/iam/data/aws-actions');

/** mulberry32: a fixed seed gives the same patterns on every run. */
function random(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(13);
const PIECES = ['*', '?', 'a', 'n', ':', '*a', '*?', 'lambda:', 'Invoke', 's3:', '/'];
const patterns = [
  '*'.repeat(20000) + 'x',
  'lambda:' + '*'.repeat(20000) + 'Z',
  '*a'.repeat(10000) + '!',
  '*?'.repeat(10000) + '!',
  'lambda:' + '*n'.repeat(10000),
  'arn:aws:s3:::' + '*?'.repeat(10000),
  '?'.repeat(20000),
];
for (let i = 0; i < 200; i++) {
  let p = '';
  const length = 100 + Math.floor(next() * 5000);
  while (p.length < length) p += PIECES[Math.floor(next() * PIECES.length)];
  patterns.push(p);
}
const TEXTS = [
  'lambda:InvokeFunction',
  'lambda:InvokeFunctionUrl',
  'lambda:InvokeAsync',
  's3:GetObject',
  'iam:PassRole',
  'arn:aws:s3:::orders-uploads-111111111111/path/to/object.json',
  'arn:aws:lambda:eu-west-1:111111111111:function:orders-' + 'a'.repeat(40),
];

// One warm-up call, so the first timed match is not the JIT's.
wildcardMatches('*a', 'a');
let maxMatchMs = 0;
let matches = 0;
const matchStart = now();
for (const p of patterns) {
  for (const t of TEXTS) {
    const s = now();
    wildcardMatches(p, t);
    maxMatchMs = Math.max(maxMatchMs, now() - s);
    matches++;
  }
}
const matchTotalMs = now() - matchStart;

// The first call reads the data file; time it apart from the expansions.
const loadStart = now();
actionsGranted('s3:GetObject');
const dataLoadMs = now() - loadStart;
let maxExpandMs = 0;
let slowestExpand = '';
const expandStart = now();
for (const p of patterns) {
  const s = now();
  actionsGranted(p);
  const ms = now() - s;
  if (ms > maxExpandMs) [maxExpandMs, slowestExpand] = [ms, p.length > 40 ? `${p.slice(0, 40)}... (${p.length} characters)` : p];
}
const expandTotalMs = now() - expandStart;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-patterns-'));
const trust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const resources = {
  Fn: {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
      Code: { ZipFile: 'exports.handler = async () => 1;' },
    },
  },
};
// Under CloudFormation's 1 MB template limit (the CLI refuses larger ones).
const inTemplate = patterns.filter((p) => p.length <= 6000).slice(0, 120);
resources.Role = {
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust,
    Policies: [
      {
        PolicyName: 'p',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: inTemplate.slice(0, 60), Resource: inTemplate.slice(60) }] },
      },
    ],
  },
};
inTemplate.slice(0, 40).forEach((p, i) => {
  resources[`Perm${i}`] = {
    Type: 'AWS::Lambda::Permission',
    Properties: { Action: p, FunctionName: { Ref: 'Fn' }, Principal: '111111111111' },
  };
});
const file = path.join(dir, 'template.json');
fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
const out = path.join(dir, 'report.json');

(async () => {
  try {
    const s = now();
    let stderr = '';
    const code = await main(['check', file, '--format', 'json', '--output', out], {
      out: () => {},
      err: (t) => {
        stderr += t;
      },
    });
    const checkMs = now() - s;
    if (code === 2) throw new Error(`bulkhead check exited 2: ${stderr.trim()}`);
    report({
      patterns: patterns.length,
      matches,
      maxMatchMs,
      matchTotalMs,
      boundMatchMs: BOUND_MATCH_MS,
      dataLoadMs,
      maxExpandMs,
      slowestExpand,
      expandTotalMs,
      boundExpandMs: BOUND_EXPAND_MS,
      templateBytes: fs.statSync(file).size,
      checkMs,
      boundCheckMs: BOUND_CHECK_MS,
      withinBounds: maxMatchMs <= BOUND_MATCH_MS && maxExpandMs <= BOUND_EXPAND_MS && checkMs <= BOUND_CHECK_MS,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
