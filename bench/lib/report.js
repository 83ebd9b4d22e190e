'use strict';
// The child side of lib/child.js: timing helpers and the one JSON result a workload writes.
const fs = require('fs');

function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` and returns [its result, milliseconds]. */
function timed(fn) {
  const start = now();
  const value = fn();
  return [value, now() - start];
}

/** Peak resident set size of this process so far, in kB. */
function peakRssKb() {
  return process.resourceUsage().maxRSS;
}

function report(result) {
  if (!process.env.BENCH_RESULT) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  fs.writeFileSync(process.env.BENCH_RESULT, JSON.stringify(result));
}

module.exports = { now, timed, peakRssKb, report };
