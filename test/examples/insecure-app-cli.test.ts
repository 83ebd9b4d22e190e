import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PIN_TODAY_ARGS } from '../support/today';

/**
 * `npm run example:insecure` (cd examples/insecure && cdk synth), through the real `cdk` CLI: synth fails, naming
 * each classic mistake's rule and resource, with the fix in every message, each finding once. One CLI run.
 */
const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, 'examples/insecure');

/** Rule → resources (construct paths, without `/Resource`) it must name. */
const EXPECTED: { [rule: string]: string[] } = {
  'Bulkhead-SharedRole': ['payments-dev/Service/Pay', 'payments-dev/Service/Refund'],
  'Bulkhead-DynamicCode': ['payments-dev/Service/Pay'],
  'Bulkhead-EnvSecret': ['payments-dev/Service/Pay'],
  'Bulkhead-ReservedConcurrency': ['payments-dev/Service/Pay', 'payments-dev/Service/Refund'],
  'Bulkhead-FunctionUrlAuth': ['payments-dev/Service/Refund/FunctionUrl'],
};

let status: number | null;
let output: string;

beforeAll(() => {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['example:insecure'];
  expect(script).toBe('cd examples/insecure && cdk synth');
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-insecure-')), 'cdk.out');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk'), ['synth', ...PIN_TODAY_ARGS, '-o', outdir], {
    cwd: DIR,
    encoding: 'utf8',
    timeout: 110_000,
    env: { ...process.env, CI: 'true' },
  });
  status = r.status;
  output = `${r.stdout}\n${r.stderr}`;
});

test('cdk synth exits non-zero', () => {
  expect(status).not.toBeNull();
  expect(status).not.toBe(0);
});

test.each(Object.entries(EXPECTED))('%s names each resource at fault, with its fix, once', (rule, resources) => {
  const lines = output.split('\n').filter((l) => l.includes(`${rule} (T`) || l.includes(`${rule}[`));
  for (const resource of resources) {
    const at = lines.filter((l) => new RegExp(`${rule}(\\[[^\\]]*\\])? \\(T\\d[^)]*\\) at ${resource}/Resource: `).test(l));
    expect(at.length).toBeGreaterThan(0);
    for (const line of at) expect(line).toMatch(/\. Fix: .+\./);
    // Reported once per finding: not once by the stage and again by the CLI.
    expect(new Set(at).size).toBe(at.length);
  }
});

test('no secret value is echoed in the findings', () => {
  expect(output).not.toContain('AKIA' + 'FAKEFAKEFAKEFAKE');
  expect(output).not.toContain('wJalrXUtnFEMI');
});

test('it fails on the findings alone: no aws-cdk-lib warning (`cdk synth --strict` would say the same)', () => {
  expect(output).not.toMatch(/\[Warning at /);
});
