import { UsageError } from '../../lib/cli/io';
import { main, usageFailure } from '../../lib/cli/main';
import { RecordingIo } from './check/recording-io';

describe('bulkhead <command>: what a failure becomes', () => {
  test("the user's mistake (UsageError) is exit 2 with its one-line reason", () => {
    const io = new RecordingIo();
    expect(usageFailure('check', new UsageError('t.yaml: no such file'), io)).toBe(2);
    expect(io.stderr).toBe('bulkhead check: t.yaml: no such file\n');
  });

  test('a bug of ours is not dressed up as a usage error: it propagates to bin/bulkhead.js, which reports an internal error', () => {
    const io = new RecordingIo();
    const bug = new TypeError("Cannot read properties of undefined (reading 'Properties')");
    expect(() => usageFailure('check', bug, io)).toThrow(bug);
    expect(io.stderr).toBe('');
  });
});

describe('bulkhead (no command)', () => {
  test.each(['--version', '-V', 'version'])('%s prints the package version and exits 0', async (flag) => {
    const io = new RecordingIo();
    expect(await main([flag], io)).toBe(0);
    expect(io.stdout).toBe(`${require('../../package.json').version}\n`);
    expect(io.stderr).toBe('');
  });

  test('--help names --version', async () => {
    const io = new RecordingIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toContain("'bulkhead --version'");
  });
});
