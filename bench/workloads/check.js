'use strict';
// One `bulkhead check` measurement through the CLI entry (lib/cli/main.ts `main`):
// `node bench/workloads/check.js <packs> <template.json>...`. The first call pays for loading the check command,
// aws-cdk-lib and the packs; the second is the steady state of a long-running process.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { now, peakRssKb, report } = require('../lib/report');
const project = require('../lib/project');

const [packs, ...files] = process.argv.slice(2);
const start = now();
project.setUp();
const { main } = project.requireLib('cli/main');
const loadMs = now() - start;
const resources = files.reduce((sum, f) => sum + Object.keys(JSON.parse(fs.readFileSync(f, 'utf8')).Resources).length, 0);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-check-'));
const io = {
  out: () => {},
  err: (s) => {
    stderr += s;
  },
};
let stderr = '';

async function once(name) {
  const out = path.join(dir, `${name}.json`);
  const t = now();
  const code = await main(['check', ...files, '--packs', packs, '--format', 'json', '--output', out], io);
  const ms = now() - t;
  if (code === 2) throw new Error(`bulkhead check exited 2: ${stderr.trim()}`);
  return { ms, code, findings: countFindings(out) };
}

function countFindings(out) {
  const json = JSON.parse(fs.readFileSync(out, 'utf8'));
  const s = json.summary || {};
  return (s.errors || 0) + (s.warnings || 0);
}

(async () => {
  try {
    const cold = await once('cold');
    const warm = await once('warm');
    report({ templates: files.length, packs, resources, loadMs, cold, warm, peakRssKb: peakRssKb() });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
