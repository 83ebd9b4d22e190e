import { parseArgs, ParseArgsConfig } from 'util';

/** Where a CLI command writes; tests pass a recorder, the `bulkhead` binary passes the process streams. */
export interface CliIo {
  /** Writes to standard output (reports). */
  out(text: string): void;
  /** Writes to standard error (reasons for exit 2, progress). */
  err(text: string): void;
}

let outputClosed = false;
let outputFailure: string | undefined;
let guarded = false;

/**
 * Output errors end the run with one line, never a trace: a reader that went away (`| head`, EPIPE) ends it quietly
 * with the check's own exit code; any other failure to write the report (a full disk) is exit 2 with the reason.
 * The stream reports these asynchronously, so a late one still sets exit 2.
 */
function guardOutput(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      outputClosed = true;
      return;
    }
    if (outputFailure !== undefined) return;
    outputFailure = `cannot write the report to standard output (${e.code ?? e.message})`;
    process.stderr.write(`bulkhead: ${outputFailure}\n`);
    process.exitCode = EXIT_USAGE;
  });
  process.stderr.on('error', () => {
    /* nowhere left to say anything */
  });
}

/** True when writing to standard output failed (not a closed pipe): the run must end with exit 2. */
export function outputFailed(): boolean {
  return outputFailure !== undefined;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => {
    guardOutput();
    if (outputClosed || outputFailure !== undefined) return;
    process.stdout.write(text);
  },
  err: (text) => {
    guardOutput();
    process.stderr.write(text);
  },
};

/**
 * A mistake of the user's (unknown option, missing file, malformed template): exit 2 with a one-line reason,
 * never a stack trace.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * Node's parseArgs, strict, with a mistake as a UsageError: its messages are one line naming the option; node's hint
 * about '--' is dropped (no command takes positionals that look like options).
 */
export function parseCliArgs(config: ParseArgsConfig): { values: { [name: string]: unknown }; positionals: string[] } {
  try {
    return parseArgs({ strict: true, ...config }) as { values: { [name: string]: unknown }; positionals: string[] };
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, ''));
  }
}

/** `value` when it is one of `allowed`, else a usage error naming the option and the choices. */
export function oneOf(option: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`--${option} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value;
}
