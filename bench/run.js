#!/usr/bin/env node
'use strict';
// `npm run bench`: synth cost of SecureFunction + the Bulkhead pack against plain and hand-hardened functions with
// cdk-nag, and `bulkhead check` throughput. Each measurement runs in its own node process (bench/workloads/*.js).
//
//   node bench/run.js [--ts] [--smoke]   (also times adversarial IAM wildcard patterns against fixed bounds)
//   --ts       measure the TypeScript sources through ts-node (same as BENCH_SOURCE=ts); default: the built lib/
//   --smoke    N=2 and a small template: checks that every workload runs, in well under a minute
//   BENCH_N=10,100            functions per stage (default 10,100,300)
//   BENCH_CHECK_TEMPLATES=1   copies of the largest deployable stack given to one `bulkhead check` (default 1,3)
//   BENCH_REPEAT=1            runs per synth measurement, the fastest kept (default 2)
//   BENCH_SAM=10,35,70        SAM functions per template checked with and without the transform (default 10,35,70:
//                             the largest expands to 425 resources, under CloudFormation's 500)
//   BENCH_SAM_EXPAND=700,2800 SAM functions per template expanded only (too large to deploy; shows the growth)
//   CDK_VALIDATION=false      passed on: turns off aws-cdk-lib's built-in template validation (on by default)
// Results: a table on stdout and .bench/results.json.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { runWorkload } = require('./lib/child');
const { machineFacts } = require('./lib/machine');
const { ratios, growth, targets } = require('./lib/analyse');
const { render } = require('./lib/print');
const project = require('./lib/project');
const CASE_TITLES = require('./workloads/case-titles');

const CFN_RESOURCE_LIMIT = 500;
const CDK_METADATA = 1;

function numbers(value, fallback) {
  const list = (value || fallback).split(',').map((s) => Number(s.trim()));
  if (list.some((x) => !Number.isInteger(x) || x < 1)) throw new Error(`expected positive integers, got '${value}'`);
  return list;
}

function progress(message) {
  process.stderr.write(`bench: ${message}\n`);
}

const failures = [];

/** A failed measurement is reported and the others still run: one broken case must not cost the whole run. */
function attempt(label, fn) {
  try {
    return fn();
  } catch (e) {
    progress(`FAILED ${label}: ${e.message}`);
    failures.push({ label, error: e.message });
    return undefined;
  }
}

function main() {
  const { values } = parseArgs({ options: { ts: { type: 'boolean' }, smoke: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(
      fs
        .readFileSync(__filename, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('//'))
        .map((l) => l.slice(3))
        .join('\n') + '\n',
    );
    return;
  }
  if (values.ts) process.env.BENCH_SOURCE = 'ts';
  project.setUp(); // fails fast, in this process, when lib/ is not built
  const started = Date.now();
  const ns = values.smoke ? [2] : numbers(process.env.BENCH_N, '10,100,300');
  const checkCopies = values.smoke ? [1] : numbers(process.env.BENCH_CHECK_TEMPLATES, '1,3');
  const repeat = values.smoke ? 1 : numbers(process.env.BENCH_REPEAT, '2')[0];
  const machine = machineFacts();
  const dir = path.join(project.ROOT, '.bench');
  fs.mkdirSync(dir, { recursive: true });

  progress('counting resources per function');
  const resources = runWorkload('resources');
  const functionsPerStack = Math.floor((CFN_RESOURCE_LIMIT - CDK_METADATA - resources.c.perStack) / resources.c.perFunction);

  // Rounds rather than back-to-back repeats, so a burst of load from other processes hits every case alike.
  const runs = new Map();
  for (let round = 1; round <= repeat; round++) {
    for (const n of ns) {
      // (e) compares the App-level pack with IsolatedStages' per-stage one; once, at the largest N, is enough.
      const cases = n === ns[ns.length - 1] ? ['a', 'b', 'b0', 'c', 'd', 'e'] : ['a', 'b', 'b0', 'c', 'd'];
      for (const c of cases) {
        const label = `synth case (${c}) N=${n}${repeat > 1 ? ` round ${round}/${repeat}` : ''}`;
        progress(label);
        const r = attempt(label, () => runWorkload('synth', [c, String(n), String(functionsPerStack)]));
        if (r) runs.set(`${c}@${n}`, [...(runs.get(`${c}@${n}`) || []), r]);
      }
    }
  }
  const synth = [...runs.values()].map((list) => ({
    ...list.reduce((x, y) => (y.totalMs < x.totalMs ? y : x)),
    runsMs: list.map((r) => r.totalMs),
  }));

  // `bulkhead check` refuses what CloudFormation would (over 500 resources or 1 MB), so the large input is the
  // largest deployable stack of SecureFunctions, and growth is measured by checking several copies in one run.
  const check = [];
  const functions = values.smoke ? 2 : functionsPerStack;
  const template = path.join(dir, `template-${functions}-functions.json`);
  progress(`writing a template of ${functions} SecureFunctions`);
  if (attempt('template', () => runWorkload('template', [String(functions), template]))) {
    for (const copies of checkCopies) {
      const files = [template];
      for (let i = 1; i < copies; i++) {
        files.push(path.join(dir, `template-${functions}-functions-copy${i}.json`));
        fs.copyFileSync(template, files[i]);
      }
      const packSets = copies === checkCopies[0] ? ['bulkhead', 'bulkhead,aws-solutions,serverless'] : ['bulkhead'];
      for (const packs of packSets) {
        const label = `bulkhead check --packs ${packs} on ${copies} template(s)`;
        progress(label);
        const r = attempt(label, () => runWorkload('check', [packs, ...files]));
        if (r) check.push(r);
      }
    }
  }
  const bulkheadChecks = check.filter((r) => r.packs === 'bulkhead');
  const checkGrowth =
    bulkheadChecks.length > 1
      ? {
          resources: bulkheadChecks[bulkheadChecks.length - 1].resources / bulkheadChecks[0].resources,
          time: bulkheadChecks[bulkheadChecks.length - 1].warm.ms / bulkheadChecks[0].warm.ms,
        }
      : undefined;

  // Hostile wildcard patterns must not cost unbounded time (issue 13); the workload checks its own bounds.
  progress('adversarial wildcard patterns');
  const patterns = attempt('adversarial wildcard patterns', () => runWorkload('patterns', [], 5 * 60 * 1000));
  if (patterns && !patterns.withinBounds) {
    failures.push({ label: 'adversarial wildcard patterns', error: `over the bounds: ${JSON.stringify(patterns)}` });
  }
  // SAM (issue 14): the expansion's own cost and growth, and `bulkhead check` on SAM next to the same template plain.
  const samChecked = values.smoke ? [2] : numbers(process.env.BENCH_SAM, '10,35,70');
  const samExpanded = values.smoke ? [20] : numbers(process.env.BENCH_SAM_EXPAND, '700,2800');
  progress(`SAM: check ${samChecked.join(', ')} functions, expand ${samExpanded.join(', ')}`);
  const sam = attempt('SAM', () => runWorkload('sam', [samChecked.join(','), samExpanded.join(',')]));

  const ratioRows = ratios(synth, ns);
  const results = {
    machine,
    source: project.source(),
    cdkBuiltinValidation: process.env.CDK_VALIDATION !== 'false',
    cases: CASE_TITLES,
    ns,
    repeat,
    resources,
    functionsPerStack,
    synth,
    ratios: ratioRows,
    growth: growth(synth, ns.includes(100) ? 100 : ns[ns.length - 2], ns[ns.length - 1]),
    targets: targets(ratioRows),
    check,
    checkGrowth,
    patterns,
    sam,
    failures,
    benchMs: Date.now() - started,
  };
  const file = path.join(dir, values.smoke ? 'results-smoke.json' : 'results.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(render(results));
  if (patterns) {
    process.stdout.write(
      `Adversarial wildcard patterns: ${patterns.patterns} patterns (up to 20,000 characters, seed 13), slowest match ` +
        `${patterns.maxMatchMs.toFixed(2)} ms (bound ${patterns.boundMatchMs}); slowest expansion against the IAM action data ` +
        `${patterns.maxExpandMs.toFixed(2)} ms (bound ${patterns.boundExpandMs}; data read once in ${patterns.dataLoadMs.toFixed(1)} ms); bulkhead check of a ${Math.round(patterns.templateBytes / 1024)} KB template ` +
        `of them ${Math.round(patterns.checkMs)} ms (bound ${patterns.boundCheckMs}): ${patterns.withinBounds ? 'within bounds' : 'OVER BOUNDS'}\n`,
    );
  }
  process.stdout.write(`Results written to ${path.relative(process.cwd(), file) || file}\n`);
  if (failures.length > 0) {
    process.stderr.write(`bench: ${failures.length} measurement(s) failed: ${failures.map((f) => f.label).join('; ')}\n`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 1;
}
