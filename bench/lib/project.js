'use strict';
// Where the code under test comes from: the built lib/ (default, what `npm run bench` measures after
// `npm run build`), or the TypeScript sources through ts-node (BENCH_SOURCE=ts or --ts), so the bench can run
// while lib/**/*.js is absent or stale. The choice travels to child processes in BENCH_SOURCE.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function source() {
  return process.env.BENCH_SOURCE === 'ts' ? 'ts' : 'js';
}

/** Registers ts-node in this process when measuring the sources; call before requiring the project. */
function setUp() {
  if (source() !== 'ts') {
    if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
      throw new Error('lib/index.js is missing: run `npm run build` first, or measure the sources with BENCH_SOURCE=ts (or --ts)');
    }
    return;
  }
  process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(ROOT, 'tsconfig.dev.json');
  require('ts-node/register/transpile-only');
}

/** A module of the project by its path under lib/, e.g. `requireLib('cli/main')`. */
function requireLib(rel) {
  return require(path.join(ROOT, 'lib', rel || 'index'));
}

module.exports = { ROOT, source, setUp, requireLib };
