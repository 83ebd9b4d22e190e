import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');

/** Packaging tests judge the jsii build: refuse to run on a stale or missing one rather than pass on nothing. */
export function assertBuilt(): void {
  const missing = ['.jsii', 'lib/index.js', 'lib/index.d.ts'].filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length > 0) throw new Error(`no jsii build (${missing.join(', ')} missing): run 'npm run build' first ('npm test' does)`);
  const built = fs.statSync(path.join(ROOT, 'lib/index.js')).mtimeMs;
  const newest = newestSource(path.join(ROOT, 'lib'));
  if (newest.mtimeMs > built + 1000)
    throw new Error(`the jsii build is older than ${path.relative(ROOT, newest.file)}: run 'npm run build' first`);
}

function newestSource(dir: string): { file: string; mtimeMs: number } {
  let best = { file: dir, mtimeMs: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = newestSource(full);
      if (sub.mtimeMs > best.mtimeMs) best = sub;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const m = fs.statSync(full).mtimeMs;
      if (m > best.mtimeMs) best = { file: full, mtimeMs: m };
    }
  }
  return best;
}
