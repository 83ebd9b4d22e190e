import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The one end-to-end run through the real `bin/bulkhead.js` and process exit code. bin/bulkhead.js requires
 * lib/cli/main, which is .ts until the jsii build; ts-node's require hook (transpile only) resolves it either way,
 * so this runs before and after a build.
 */
it('bin/bulkhead.js check prints a report on stdout and exits 1 on error findings', () => {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      'bin/bulkhead.js',
      'check',
      'test/fixtures/templates/insecure-function.yaml',
      '--packs',
      'serverless',
      '--format',
      'json',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  const report = JSON.parse(result.stdout);
  expect(report.summary).toMatchObject({ templates: 1, resources: 4 });
  expect(
    report.findings.some((f: { rule: string; resource: string }) => f.rule === 'Serverless-LambdaDLQ' && f.resource === 'PayFunction'),
  ).toBe(true);
});
