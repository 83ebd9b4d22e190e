import { AssemblyStage, DeployGuardFault, findStages } from './assembly-stages';
import { checkCredentialSetup } from './credential-setup';
import { assumeRole, CredentialSource, getCallerIdentity } from './sts-caller';
import { validateAccount } from './validation';

/** Props of `DeployGuard.verify`. */
export interface DeployGuardProps {
  /**
   * The stage to deploy: its id (`payments-prod`), its environment (`prod`: every stage declared with that
   * environment, e.g. prod in two regions), or its name.
   */
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
   * Assume, for each stack of the stage, the deploy role CDK Pipelines' deploy action (and `cdk deploy`) will assume
   * (read from the cloud assembly), and check that its credentials are the stage's account. Any failure to assume
   * it is a fault. Refused together with `allowedDeployerAccounts`: the assumed role's credentials must be the
   * stage's own.
   * @default false - check the credentials in hand
   */
  readonly assumeDeployRole?: boolean;
  /**
   * The shared-config profile whose credentials the guard uses, and no other source.
   * @default - `AWS_PROFILE`, else the standard credential chain
   */
  readonly profile?: string;
  /**
   * Upper bound for each STS call (connection, request and overall), in milliseconds.
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
  /** Every check made: one per stage and region, or one per deploy role. */
  readonly checks: DeployGuardCheck[];
}

/** One comparison of a caller with a stage's account. */
export interface DeployGuardCheck {
  /** The stage id. */
  readonly stage: string;
  /** The region the STS calls were made in. */
  readonly region: string;
  /** The stage's account. */
  readonly expectedAccount: string;
  /** Whose credentials these were. */
  readonly callerAccount: string;
  /** The caller's ARN. */
  readonly callerArn: string;
  /**
   * The deploy role assumed first.
   * @default - none: the credentials in hand
   */
  readonly deployRoleArn?: string;
  /** Whether the caller's account was accepted. */
  readonly ok: boolean;
}

function describeCaller(account: string, arn: string, stagesByAccount: { [account: string]: string[] }): string {
  const stages = stagesByAccount[account];
  const owner = stages ? `stage ${stages.map((s) => `'${s}'`).join(', ')}` : 'no stage of this assembly';
  return arn ? `${owner}, ${arn}` : owner;
}

/** What to check for one stage: each region's credentials in hand, or each distinct deploy role. */
function targets(stage: AssemblyStage, assumeDeployRole: boolean): Array<{ region: string; roleArn?: string }> {
  if (!assumeDeployRole) return stage.regions.map((region) => ({ region }));
  const roles = new Map<string, string>();
  for (const stack of stage.stacks) {
    if (!stack.deployRoleArn) {
      throw new DeployGuardFault(
        `stack ${stack.id} of stage '${stage.id}' names no deploy role in the cloud assembly (a synthesizer without one); ` +
          "use the DefaultStackSynthesizer, or run the guard without --assume-deploy-role with the stage's credentials",
      );
    }
    roles.set(stack.deployRoleArn, stack.region);
  }
  return [...roles].map(([roleArn, region]) => ({ region, roleArn }));
}

/** Longest timeout accepted: a guard that can hang for minutes is no guard in CI. */
const MAX_TIMEOUT_MS = 120_000;

/**
 * The deploy guard (T9): checks, with STS GetCallerIdentity, that the credentials in hand (or, with
 * `assumeDeployRole`, the credentials of each deploy role the deployment will assume) belong to the account of the
 * stage about to be deployed, in every region the stage deploys to, before `cdk deploy` or the pipeline's deploy
 * actions run. Ambiguous credential setups (an access key without its secret, a profile and static keys at once,
 * `--profile` and `AWS_PROFILE` disagreeing, `AWS_DEFAULT_PROFILE` alone ...) are refused, never guessed.
 */
export class DeployGuard {
  /**
   * Resolves `{ ok: true }` when the caller's account is the stage's (or an allowed deployer's) and `{ ok: false }`
   * naming both accounts otherwise. Rejects with a one-line error on every fault (missing assembly or stage,
   * ambiguous, missing or expired credentials, a deploy role that cannot be assumed, access denied, throttling, slow
   * or unreachable endpoint, malformed reply), each STS call within about `timeoutMs` (two attempts at most).
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
    const assumeDeployRole = props.assumeDeployRole ?? false;
    if (assumeDeployRole && allowed.length > 0) {
      throw new DeployGuardFault(
        "--allow-account cannot be combined with --assume-deploy-role: the deploy role's credentials must be the stage's own account; drop --allow-account",
      );
    }
    const profile = checkCredentialSetup(props.profile);
    const base: CredentialSource = profile !== undefined ? { profile } : undefined;
    const dir = props.assemblyDir ?? 'cdk.out';
    const selection = findStages(dir, props.stage);
    const checks: DeployGuardCheck[] = [];
    for (const stage of selection.stages) {
      for (const target of targets(stage, assumeDeployRole)) {
        const source = target.roleArn ? { session: await assumeRole(target.roleArn, target.region, timeoutMs, base) } : base;
        const caller = await getCallerIdentity(target.region, timeoutMs, source);
        const ok = caller.account === stage.account || (!target.roleArn && allowed.includes(caller.account));
        checks.push({
          stage: stage.id,
          region: target.region,
          expectedAccount: stage.account,
          callerAccount: caller.account,
          callerArn: caller.arn,
          ...(target.roleArn ? { deployRoleArn: target.roleArn } : {}),
          ok,
        });
      }
    }
    const failed = checks.find((c) => !c.ok);
    const shown = failed ?? checks[0];
    const stageIds = selection.stages.map((st) => `'${st.id}'`).join(', ');
    const where = [...new Set(checks.map((c) => c.region))].join(', ');
    let message: string;
    if (failed) {
      message =
        `refused: ${failed.deployRoleArn ? `deploy role ${failed.deployRoleArn} gives` : 'credentials belong to'} account ${failed.callerAccount} ` +
        `(${describeCaller(failed.callerAccount, failed.callerArn, selection.stagesByAccount)}), but stage '${failed.stage}' deploys to account ${failed.expectedAccount}` +
        (!failed.deployRoleArn && allowed.length ? ` and the allowed deployer accounts are ${allowed.join(', ')}` : '') +
        (failed.deployRoleArn
          ? "; fix the stacks' synthesizer (deployRoleArn/qualifier) so the deploy role is in the stage's account (T9)"
          : "; switch to the stage's credentials (T9)");
    } else {
      const own = checks.every((c) => c.callerAccount === c.expectedAccount);
      const roles = checks.filter((c) => c.deployRoleArn).length;
      message =
        `ok: ${roles ? `${roles} deploy role(s) of` : `credentials of account ${shown.callerAccount} ${own ? 'are' : 'are an allowed deployer for'}`} ` +
        `stage ${stageIds} (account ${[...new Set(checks.map((c) => c.expectedAccount))].join(', ')}) in ${where}`;
    }
    return {
      ok: !failed,
      callerAccount: shown.callerAccount,
      callerArn: shown.callerArn,
      expectedAccount: shown.expectedAccount,
      stage: shown.stage,
      message,
      checks,
    };
  }

  private constructor() {}
}
