import { BULKHEAD_VERSION } from '../version';
import { CliIo, EXIT_USAGE, processIo, UsageError } from './io';

/** A command module exports `run(args, io)` and resolves to the exit code. */
interface CommandModule {
  run(args: string[], io: CliIo): Promise<number>;
}

/** Commands are loaded lazily so `bulkhead check` never pays for loading the AWS SDK. */
const COMMANDS: Record<string, { summary: string; load: () => CommandModule }> = {
  check: { summary: 'check CloudFormation templates or a cloud assembly against the rule packs', load: () => require('./check-command') },
  'verify-account': {
    summary: 'refuse to deploy a stage with credentials from the wrong AWS account',
    load: () => require('./verify-account-command'),
  },
  breaker: {
    summary: 'restore a function a CostBreaker tripped, or show which protected functions are tripped',
    load: () => require('./breaker-command'),
  },
  cost: { summary: 'print the worst-case monthly Lambda cost of each stage in a cloud assembly', load: () => require('./cost-command') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return (
    `Usage: bulkhead <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n` +
    `Run 'bulkhead <command> --help' for a command's options, 'bulkhead --version' for the version.\n`
  );
}

/**
 * Runs the `bulkhead` CLI and resolves to its exit code: 0 no error findings, 1 error findings (or a refused
 * check), 2 unusable input or a fault, with a one-line reason on stderr.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`${BULKHEAD_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`bulkhead: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.load().run(args, io);
  } catch (e) {
    return usageFailure(name, e, io);
  }
}

/**
 * A UsageError (the user's input or options; commands turn every expected fault into one) is exit 2 with its
 * one-line reason. Anything else is a bug of ours: it is rethrown, so bin/bulkhead.js reports it as an internal error.
 */
export function usageFailure(command: string, e: unknown, io: CliIo): number {
  if (!(e instanceof UsageError)) throw e;
  io.err(`bulkhead ${command}: ${e.message}\n`);
  return EXIT_USAGE;
}
