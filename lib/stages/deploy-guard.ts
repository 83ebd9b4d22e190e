import { DeployGuardFault, findStage } from './assembly-stages';
import { getCallerIdentity } from './sts-caller';
import { validateAccount } from './validation';

/** Props of `DeployGuard.verify`. */
export interface DeployGuardProps {
  /** The stage to deploy: its name (`prod`) or its id (`payments-prod`). */
  readonly stage: string;
  /**
   * The cloud assembly directory written by `cdk synth`.
   * @default 'cdk.out'
   */
  readonly assemblyDir?: string;
  /**
   * Accounts that may deploy the stage besides its own, e.g. a CDK Pipelines tooling account.
   * @default - only the stage's own account
   */
  readonly allowedDeployerAccounts?: string[];
  /**
   * Upper bound for the STS call (connection, request and overall), in milliseconds.
   * @default 5000 - long enough for STS from any region, short enough not to hang a CI job
   */
  readonly timeoutMs?: number;
}

/** The outcome of a completed check (faults reject instead). */
export interface DeployGuardResult {
  /** True only when the caller's account is the stage's account or an allowed deployer account. */
  readonly ok: boolean;
  /** The account the credentials in hand belong to (STS GetCallerIdentity). */
  readonly callerAccount: string;
  /** The caller's ARN, as STS reports it. */
  readonly callerArn: string;
  /** The account the stage deploys to (from the cloud assembly). */
  readonly expectedAccount: string;
  /** The stage id in the cloud assembly, e.g. `payments-prod`. */
  readonly stage: string;
  /** One line naming both accounts and the stage. */
  readonly message: string;
}

function describeCaller(account: string, arn: string, stagesByAccount: { [account: string]: string[] }): string {
  const stages = stagesByAccount[account];
  const owner = stages ? `stage ${stages.map((s) => `'${s}'`).join(', ')}` : 'no stage of this assembly';
  return arn ? `${owner}, ${arn}` : owner;
}

/** Longest timeout accepted: a guard that can hang for minutes is no guard in CI. */
const MAX_TIMEOUT_MS = 120_000;

/**
 * The deploy guard (T9): checks, with STS GetCallerIdentity and the standard credential chain, that the credentials
 * in hand belong to the account of the stage about to be deployed, before `cdk deploy` runs.
 */
export class DeployGuard {
  /**
   * Resolves `{ ok: true }` when the caller's account is the stage's (or an allowed deployer's) and `{ ok: false }`
   * naming both accounts otherwise. Rejects with a one-line error on every fault (missing assembly or stage, no or
   * expired credentials, access denied, throttling, slow or unreachable endpoint, malformed reply), within about
   * `timeoutMs` (two attempts at most).
   */
  public static async verify(props: DeployGuardProps): Promise<DeployGuardResult> {
    const timeoutMs = props.timeoutMs ?? 5000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new DeployGuardFault(`timeout ${timeoutMs} ms is not an integer between 1 and ${MAX_TIMEOUT_MS}`);
    }
    if (typeof props.stage !== 'string' || props.stage === '') {
      throw new DeployGuardFault('no stage given; name the stage to deploy, e.g. prod');
    }
    const allowed = (props.allowedDeployerAccounts ?? []).map((a, i) => {
      try {
        return validateAccount(`allowedDeployerAccounts[${i}]`, a);
      } catch (e) {
        throw new DeployGuardFault(String((e as Error).message));
      }
    });
    const dir = props.assemblyDir ?? 'cdk.out';
    const stage = findStage(dir, props.stage);
    const caller = await getCallerIdentity(stage.region, timeoutMs);
    const own = caller.account === stage.account;
    const deployer = !own && allowed.includes(caller.account);
    const ok = own || deployer;
    const message = ok
      ? `ok: credentials of account ${caller.account} ${own ? 'are stage' : 'are an allowed deployer for stage'} '${stage.id}' (account ${stage.account})`
      : `refused: credentials belong to account ${caller.account} (${describeCaller(caller.account, caller.arn, stage.stagesByAccount)}), but stage '${stage.id}' deploys to account ${stage.account}`
        + (allowed.length ? ` and the allowed deployer accounts are ${allowed.join(', ')}` : '')
        + '; switch to the stage\'s credentials (T9)';
    return { ok, callerAccount: caller.account, callerArn: caller.arn, expectedAccount: stage.account, stage: stage.id, message };
  }

  private constructor() {}
}
