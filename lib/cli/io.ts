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
