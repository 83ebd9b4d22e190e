import { parseArgs, ParseArgsConfig } from 'util';

/** Where a CLI command writes; tests pass a recorder, the `bulkhead` binary passes the process streams. */
export interface CliIo {
  /** Writes to standard output (reports). */
  out(text: string): void;
  /** Writes to standard error (reasons for exit 2, progress). */
  err(text: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
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
