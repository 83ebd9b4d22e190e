import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertBuilt, ROOT } from './built';

test('API.md is generated from the current code (run `npm run docgen` after changing the public API)', () => {
  assertBuilt();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-docgen-')), 'API.md');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/jsii-docgen'), ['-o', out], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  });
  if (r.status !== 0) throw new Error(`jsii-docgen failed:\n${r.stdout}\n${r.stderr}`);
  expect(fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
});
