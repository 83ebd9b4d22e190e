import { CliIo } from '../../../lib/cli/io';
import { main } from '../../../lib/cli/main';

/** Captures what a command writes, as the real binary would print it. */
export class RecordingIo implements CliIo {
  public stdout = '';
  public stderr = '';
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}

export interface CheckRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bulkhead check ...` through the real dispatcher, so UsageErrors become exit 2 exactly as for users. */
export async function bulkheadCheck(...args: string[]): Promise<CheckRun> {
  const io = new RecordingIo();
  const code = await main(['check', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

export const FIXTURES = `${__dirname}/../../fixtures/templates`;
