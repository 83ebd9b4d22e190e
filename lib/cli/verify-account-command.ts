import { DeployGuardFault } from '../stages/assembly-stages';
import { DeployGuard } from '../stages/deploy-guard';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCliArgs, UsageError } from './io';

const HELP = `Usage: bulkhead verify-account --stage <name> [--assembly cdk.out] [--profile <name>]
                               [--assume-deploy-role | --allow-account <id>...] [--timeout 5000]

Refuses to deploy a stage with credentials from the wrong AWS account (threat T9): reads the stage's account from
the cloud assembly, asks STS GetCallerIdentity whose credentials are in hand (in every region the stage deploys to),
and exits
  0  the caller's account is the stage's account (or an --allow-account, e.g. a pipeline tooling account)
  1  it is another account (both accounts and stages are named)
  2  a fault: unknown stage, ambiguous/missing/expired credentials, a deploy role that cannot be assumed, access
     denied, throttling, slow/unreachable STS, malformed reply

Options:
  --stage <name>          stage id (payments-prod), environment (prod: every stage of it) or stage name
  --assembly <dir>        cloud assembly directory (default cdk.out)
  --profile <name>        use this shared-config profile and no other credential source
  --assume-deploy-role    assume each stack's deploy role from the assembly (what CDK Pipelines' deploy action
                          assumes) and check that its credentials are the stage's account; for pipelines
  --allow-account <id>    another account allowed to deploy with the credentials in hand (repeatable)
  --timeout <ms>          bound for each STS call (default 5000)
`;

/** `bulkhead verify-account`: exit 0 only when the credentials belong to the stage's account (or an allowed one). */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: {
      stage: { type: 'string' },
      assembly: { type: 'string', default: 'cdk.out' },
      'allow-account': { type: 'string', multiple: true },
      profile: { type: 'string' },
      'assume-deploy-role': { type: 'boolean' },
      timeout: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  const stage = values.stage as string | undefined;
  if (!stage) throw new UsageError('--stage is required, e.g. --stage prod');
  const timeout = String(values.timeout);
  if (!/^\d+$/.test(timeout)) throw new UsageError(`--timeout must be a whole number of milliseconds, got '${timeout}'`);
  try {
    const result = await DeployGuard.verify({
      stage,
      assemblyDir: values.assembly as string,
      allowedDeployerAccounts: (values['allow-account'] as string[] | undefined) ?? [],
      timeoutMs: Number(timeout),
      profile: values.profile as string | undefined,
      assumeDeployRole: values['assume-deploy-role'] === true,
    });
    if (result.ok) {
      io.out(`bulkhead verify-account: ${result.message}\n`);
      return EXIT_OK;
    }
    io.err(`bulkhead verify-account: ${result.message}\n`);
    return EXIT_FINDINGS;
  } catch (e) {
    if (e instanceof DeployGuardFault || (e instanceof Error && e.name === 'DeployGuardFault')) {
      io.err(`bulkhead verify-account: ${e.message.split('\n')[0]}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
