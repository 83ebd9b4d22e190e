import { BreakerControl, BreakerState, RestoreOutcome } from '../breaker/breaker-control';
import { BreakerFault } from '../breaker/lambda-calls';
import { protectedFunctions } from './breaker/assembly-breakers';
import { openAssembly } from './check/assembly-reader';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCliArgs, UsageError } from './io';

const HELP = `Usage: bulkhead breaker restore --function <name> [--region <region>] [--profile <name>] [--timeout 5000]
       bulkhead breaker status (--assembly cdk.out [--stage <name>] | --function <name>...) [--region <region>] [--profile <name>] [--timeout 5000]

Puts back what a CostBreaker tripped (threat T4), and shows which protected functions are tripped. Credentials as
verify-account's: --profile (or AWS_PROFILE) alone, else the standard chain, and an ambiguous setup is refused; every
Lambda call is bounded by --timeout (two attempts at most).

restore   puts back the reserved concurrency the breaker recorded (and any provisioned concurrency it removed),
          then deletes the record; refuses when there is no record, or when the account would keep fewer than
          100 unreserved concurrent executions (AWS's minimum)
            0  restored, or not tripped (nothing to do)
            1  refused (the reason names the fix)
            2  a fault: ambiguous/missing/expired credentials, access denied, throttling, slow/unreachable endpoint, missing function
status    lists every function a CostBreaker protects in the cloud assembly (or the --function names) and whether
          each is tripped
            0  none tripped    1  at least one tripped (or at 0 without a record)    2  a fault, as above

Options:
  --function <name>   deployed function name (repeatable for status)
  --assembly <dir>    cloud assembly directory (status; default cdk.out when no --function is given)
  --stage <name>      only this stage of the assembly: its name (dev) or id (payments-dev)
  --profile <name>    use this shared-config profile and no other credential source
  --region <region>   region of --function (default: AWS_REGION or the profile's; status --assembly uses each stack's)
  --timeout <ms>      bound for each Lambda call (default 5000)
`;

/** `bulkhead breaker restore|status`. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(HELP);
    return sub === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (sub !== 'restore' && sub !== 'status') throw new UsageError(`unknown subcommand '${sub}'; use restore or status`);
  const { values } = parseCliArgs({
    args: rest,
    options: {
      function: { type: 'string', multiple: true },
      assembly: { type: 'string' },
      stage: { type: 'string' },
      region: { type: 'string' },
      profile: { type: 'string' },
      timeout: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  const timeout = String(values.timeout);
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 120_000) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to 120000, got '${timeout}'`);
  }
  const functions = (values.function as string[] | undefined) ?? [];
  const region = values.region as string | undefined;
  const profile = values.profile as string | undefined;
  try {
    return sub === 'restore'
      ? await restore(functions, { region, profile, timeoutMs: Number(timeout) }, io, values)
      : await status(functions, { region, profile, timeoutMs: Number(timeout) }, io, values);
  } catch (e) {
    if (e instanceof BreakerFault || (e instanceof Error && e.name === 'BreakerFault')) {
      io.err(`bulkhead breaker ${sub}: ${e.message.split('\n')[0]}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

interface CallOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly timeoutMs: number;
}

async function restore(functions: string[], call: CallOptions, io: CliIo, values: { [k: string]: unknown }): Promise<number> {
  if (values.assembly !== undefined || values.stage !== undefined)
    throw new UsageError('restore takes --function, not --assembly or --stage');
  if (functions.length !== 1) throw new UsageError('restore needs exactly one --function <name>, e.g. --function payments-update-card-dev');
  const result = await BreakerControl.restore({ ...call, functionName: functions[0] });
  if (result.outcome === RestoreOutcome.REFUSED) {
    io.err(`bulkhead breaker restore: refused: ${result.message}\n`);
    return EXIT_FINDINGS;
  }
  io.out(`bulkhead breaker restore: ${result.message}\n`);
  return EXIT_OK;
}

interface Row {
  readonly stage: string;
  readonly name?: string;
  readonly logicalId?: string;
  readonly mode: string;
  readonly region?: string;
}

async function status(functions: string[], call: CallOptions, io: CliIo, values: { [k: string]: unknown }): Promise<number> {
  if (functions.length > 0 && (values.assembly !== undefined || values.stage !== undefined)) {
    throw new UsageError('status takes either --function or --assembly (with --stage), not both');
  }
  let rows: Row[];
  if (functions.length > 0) {
    rows = functions.map((name) => ({ stage: '-', name, mode: '-', region: call.region }));
  } else {
    const dir = (values.assembly as string | undefined) ?? 'cdk.out';
    let found = protectedFunctions(openAssembly(dir));
    const stage = values.stage as string | undefined;
    if (stage !== undefined) {
      const stages = [...new Set(found.map((f) => f.stage))];
      const exact = found.filter((f) => f.stage === stage);
      found = exact.length > 0 ? exact : found.filter((f) => f.stage.endsWith(`-${stage}`));
      if (found.length === 0)
        throw new UsageError(
          `--stage ${stage}: no protected function in that stage; stages with a breaker: ${stages.join(', ') || '(none)'}`,
        );
    }
    if (found.length === 0) throw new UsageError(`--assembly ${dir}: no function is protected by a CostBreaker`);
    rows = found.map((f) => ({
      stage: f.stage,
      name: f.functionName,
      logicalId: f.logicalId,
      mode: f.mode,
      region: call.region ?? f.region,
    }));
  }
  const lines: string[] = [];
  let tripped = 0;
  for (const row of rows) {
    const prefix = `${row.stage}  ${row.name ?? `${row.logicalId} (name generated at deploy)`}  ${row.mode}`;
    if (row.name === undefined) {
      lines.push(`${prefix}  unknown: give the function a functionName, or run status --function <deployed name>`);
      continue;
    }
    const s = await BreakerControl.status({ ...call, functionName: row.name, region: row.region });
    if (s.state === BreakerState.TRIPPED || s.state === BreakerState.AT_ZERO_UNRECORDED) tripped++;
    lines.push(`${prefix}  ${s.state}  ${s.message}`);
  }
  io.out(`${lines.join('\n')}\n${tripped} of ${rows.length} protected function${rows.length === 1 ? '' : 's'} tripped or at 0\n`);
  return tripped > 0 ? EXIT_FINDINGS : EXIT_OK;
}
