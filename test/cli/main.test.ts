import { main } from '../../lib/cli/main';
import { RecordingIo } from './check/recording-io';

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
