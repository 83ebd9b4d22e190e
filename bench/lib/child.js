'use strict';
// Runs one measurement in a fresh `node` process, so its time and peak memory are the measurement's own.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT } = require('./project');

const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs bench/workloads/<workload>.js with `args` and resolves to what it reported, plus `wallMs` (the whole
 * process, node start-up included) and `osPeakRssKb` (GNU time's "Maximum resident set size" when /usr/bin/time
 * exists: the whole process, everything the workload did after its own snapshot included).
 */
function runWorkload(workload, args = [], timeoutMs = 15 * 60 * 1000) {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-')), 'result.json');
  const script = path.join(__dirname, '..', 'workloads', `${workload}.js`);
  const argv = GNU_TIME ? [GNU_TIME, '-v', process.execPath, script, ...args] : [process.execPath, script, ...args];
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: ROOT,
    env: { ...process.env, BENCH_RESULT: resultFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let result;
  try {
    result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    const own = `${r.stderr || ''}`.split(/^\s*Command (?:being timed|exited with)/m)[0];
    const tail = own
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-8)
      .join('\n');
    throw new Error(`workload ${workload} ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${tail}`);
  } finally {
    fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  }
  const m = GNU_TIME && /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || '');
  return { ...result, wallMs, osPeakRssKb: m ? Number(m[1]) : undefined };
}

module.exports = { runWorkload, GNU_TIME };
