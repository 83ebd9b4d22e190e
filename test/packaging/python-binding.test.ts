import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { assertBuilt, ROOT } from './built';

/**
 * The Python binding jsii-pacmak generates from the assembly (`npm run package`, --code-only works offline; the wheel
 * itself needs PyPI, see README). Every generated module must compile, and the constructs must be in it.
 */
test('jsii-pacmak generates a Python package that compiles and exposes the public API', () => {
  assertBuilt();
  const out = path.join(ROOT, 'dist/python');
  fs.rmSync(out, { recursive: true, force: true });
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const init = path.join(out, 'src/cdk_bulkhead/__init__.py');
  expect(fs.existsSync(init)).toBe(true);
  const source = fs.readFileSync(init, 'utf8');
  for (const name of ['SecureFunction', 'BulkheadChecks', 'IsolatedStages', 'DeployGuard', 'WorstCaseCost']) {
    expect(source).toMatch(new RegExp(`^class ${name}\\b`, 'm'));
  }
  const files: string[] = [];
  const walk = (d: string) =>
    fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py')) files.push(p);
    });
  walk(out);
  expect(files.length).toBeGreaterThan(1);
  const compiled = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf8' });
  expect(compiled.stderr).toBe('');
  expect(compiled.status).toBe(0);
});
