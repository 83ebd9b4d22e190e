import { UsageError } from '../../lib/cli/io';
import { usageFailure } from '../../lib/cli/main';
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
