import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './built';

const { buildNeeded } = require('../../tools/prepack.js');

/** A repository-shaped directory: sources, and optionally a build at a given age. */
function fakeRepo(built: 'none' | 'older' | 'newer'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-prepack-'));
  fs.mkdirSync(path.join(root, 'lib'));
  const source = path.join(root, 'lib/index.ts');
  fs.writeFileSync(source, 'export {};');
  if (built !== 'none') {
    for (const f of ['.jsii', 'lib/index.js', 'lib/index.d.ts']) fs.writeFileSync(path.join(root, f), '');
    const sourceTime = new Date('2026-01-02T00:00:00Z');
    const buildTime = new Date(built === 'older' ? '2026-01-01T00:00:00Z' : '2026-01-03T00:00:00Z');
    fs.utimesSync(source, sourceTime, sourceTime);
    fs.utimesSync(path.join(root, 'lib/index.js'), buildTime, buildTime);
  }
  return root;
}

describe('npm pack builds first when it must (a fresh clone has no lib/*.js)', () => {
  test('package.json runs the prepack hook', () => {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.prepack).toBe('node tools/prepack.js');
  });

  test('a fresh clone (no build) needs one', () => {
    expect(buildNeeded(fakeRepo('none'))).toMatch(/no jsii build \(.jsii, lib\/index.js, lib\/index.d.ts missing\)/);
  });

  test('a build older than a source needs a new one; a current build does not', () => {
    expect(buildNeeded(fakeRepo('older'))).toMatch(/older than lib\/index.ts/);
    expect(buildNeeded(fakeRepo('newer'))).toBeUndefined();
  });
});
