#!/usr/bin/env node
/**
 * `npm pack` / `npm publish` hook: a tarball must hold the compiled library, and a fresh clone has none (lib/*.js is
 * built by jsii, not committed). Builds when the jsii build is missing or older than a source file; skips the 40 s
 * build when it is current (the packaging tests pack right after `npm run build`).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** Why `root` needs a build, or undefined when its jsii build is current. */
function buildNeeded(root) {
  const missing = ['.jsii', 'lib/index.js', 'lib/index.d.ts'].filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length > 0) return `no jsii build (${missing.join(', ')} missing)`;
  const built = fs.statSync(path.join(root, 'lib/index.js')).mtimeMs;
  const newest = newestSource(path.join(root, 'lib'));
  return newest.mtimeMs > built ? `the jsii build is older than ${path.relative(root, newest.file)}` : undefined;
}

function newestSource(dir) {
  let best = { file: dir, mtimeMs: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestSource(full)
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
        ? { file: full, mtimeMs: fs.statSync(full).mtimeMs }
        : undefined;
    if (candidate && candidate.mtimeMs > best.mtimeMs) best = candidate;
  }
  return best;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const why = buildNeeded(root);
  if (why !== undefined) {
    process.stderr.write(`prepack: ${why}; running npm run build\n`);
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    process.exit(r.status === null ? 1 : r.status);
  }
}

module.exports = { buildNeeded };
