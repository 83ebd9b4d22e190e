'use strict';
// One synth measurement: `node bench/workloads/synth.js <case> <functionsPerStage> <functionsPerStack>`.
// Reports load, construct and synth times, peak RSS right after synth (and over the warmed-up baseline), the assembly's shape, and the time of each
// rule pack run alone over the finished app (to see the pack's own growth apart from CDK's).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { now, timed, peakRssKb, report } = require('../lib/report');
const project = require('../lib/project');

const [caseName, nArg, perStackArg] = process.argv.slice(2);
const n = Number(nArg);
const perStack = Number(perStackArg);

const start = now();
project.setUp();
// Every case loads the same modules, so load time is the same for all and kept out of the comparison.
require('aws-cdk-lib');
const nag = require('cdk-nag');
const { BulkheadChecks } = project.requireLib();
const { CASES, buildApp } = require('./cases');
const loadMs = now() - start;
const loadRssKb = peakRssKb();

// The first synth in a process loads most of aws-cdk-lib lazily and warms the JIT (about a second and 250 MB
// here, whatever the app). Every child warms up alike, with a one-function-per-stage app of every case, so every
// case starts from the same baseline (modules loaded, both kinds of pack run once) and "over baseline" compares
// like with like.
const warmupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-warmup-'));
const [, warmupMs] = timed(() => {
  for (const name of Object.keys(CASES)) buildApp(name, 1, perStack, path.join(warmupDir, name)).synth();
});
fs.rmSync(warmupDir, { recursive: true, force: true });
const baselineRssKb = peakRssKb();

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-synth-'));
try {
  const [app, constructMs] = timed(() => buildApp(caseName, n, perStack, outdir));
  const [assembly, synthMs] = timed(() => app.synth());
  const synthRssKb = peakRssKb();

  const stacks = assembly.stacksRecursively;
  const sizes = stacks.map((s) => Object.keys(s.template.Resources || {}).length);

  // The packs alone, after synth, each timed on its own run over the whole app.
  const packs = {};
  if (CASES[caseName].bulkhead) {
    const [found, ms] = timed(() => new BulkheadChecks().findingsFor(app));
    packs.bulkhead = { ms, findings: found.length, errors: found.filter((f) => f.level === 'error').length };
  }
  if (CASES[caseName].cdkNag) {
    const [found, ms] = timed(() =>
      [new nag.AwsSolutionsChecks(), new nag.ServerlessChecks()]
        .flatMap((p) => p.validateScope(app).violations)
        .reduce((sum, v) => sum + v.violatingResources.length, 0),
    );
    packs.cdkNag = { ms, findings: found };
  }

  report({
    case: caseName,
    n,
    perStack,
    loadMs,
    loadRssKb,
    warmupMs,
    baselineRssKb,
    constructMs,
    synthMs,
    totalMs: constructMs + synthMs,
    synthRssKb,
    stacks: stacks.length,
    resources: sizes.reduce((a, b) => a + b, 0),
    maxStackResources: Math.max(...sizes),
    packs,
  });
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
