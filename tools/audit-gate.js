#!/usr/bin/env node
// Supply-chain gate run by `npm test`: no high or critical advisory in what users install (runtime deps only).
// The registry's audit endpoint is not reachable from every machine (it answers 405 behind some mirrors);
// then the gate says so and passes, because an unanswered question is not a finding.
const { spawnSync } = require('child_process');

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 60000 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = undefined;
}
const counts = report && report.metadata && report.metadata.vulnerabilities;
if (!counts) {
  const why = (report && ((report.error && report.error.summary) || report.message)) || (r.error && r.error.message) || 'no audit report';
  console.log(`audit-gate: skipped, the registry's audit endpoint did not answer (${String(why).split('\n')[0]})`);
  process.exit(0);
}
const serious = (counts.high || 0) + (counts.critical || 0);
console.log(
  `audit-gate: runtime dependencies: ${counts.critical || 0} critical, ${counts.high || 0} high, ${counts.moderate || 0} moderate, ${counts.low || 0} low`,
);
if (serious > 0) {
  console.log('audit-gate: FAILED: run `npm audit --omit=dev` and update the affected dependency');
  process.exit(1);
}
