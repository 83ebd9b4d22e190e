import { checkCredentialSetup } from '../stages/credential-setup';
import { BreakerFault, LambdaCalls } from './lambda-calls';
import { MIN_UNRESERVED_CONCURRENCY, RECORD_TAGS, UNRESERVED } from './record';

/** Which function, where, and how long each call may take. */
export interface BreakerCallProps {
  /** The deployed function's name (or ARN). */
  readonly functionName: string;
  /**
   * The function's region.
   * @default - the standard chain's region (AWS_REGION, the profile's region)
   */
  readonly region?: string;
  /**
   * A shared-config profile to use, and no other credential source (as `bulkhead verify-account --profile`).
   * @default - AWS_PROFILE, else the standard credential chain
   */
  readonly profile?: string;
  /**
   * Upper bound for each Lambda call (connection, request and overall), in milliseconds.
   * @default 5000
   */
  readonly timeoutMs?: number;
}

/** What a restore did. */
export enum RestoreOutcome {
  /** The recorded ceiling (and provisioned concurrency) is back and the record removed. */
  RESTORED = 'RESTORED',
  /** The function was not tripped: nothing changed. */
  NOT_TRIPPED = 'NOT_TRIPPED',
  /** Refused: no record of the ceiling, or the account would keep fewer than 100 unreserved executions. */
  REFUSED = 'REFUSED',
}

/** The outcome of `BreakerControl.restore` (faults reject instead). */
export interface RestoreResult {
  /** What happened. */
  readonly outcome: RestoreOutcome;
  /** The function. */
  readonly functionName: string;
  /** One line saying what was done, or why not. */
  readonly message: string;
}

/** Where a function stands. */
export enum BreakerState {
  /** Reserved concurrency 0 set by the breaker, with the ceiling recorded: `restore` puts it back. */
  TRIPPED = 'TRIPPED',
  /** Running normally. */
  CLOSED = 'CLOSED',
  /** Reserved concurrency 0 set by someone else: the breaker has no record and restore refuses. */
  AT_ZERO_UNRECORDED = 'AT_ZERO_UNRECORDED',
  /** The ceiling is back but the record is still there (a restore stopped half-way): run restore again. */
  RESTORE_INCOMPLETE = 'RESTORE_INCOMPLETE',
}

/** A function's breaker state (faults reject instead). */
export interface BreakerStatus {
  /** The function. */
  readonly functionName: string;
  /** Tripped or not. */
  readonly state: BreakerState;
  /**
   * The reserved concurrency now.
   * @default - none reserved
   */
  readonly reservedConcurrency?: number;
  /**
   * The ceiling the breaker recorded (a number, or `unreserved`).
   * @default - no record
   */
  readonly recordedCeiling?: string;
  /**
   * When the breaker tripped (ISO 8601).
   * @default - not tripped
   */
  readonly trippedAt?: string;
  /** One line for people. */
  readonly message: string;
}

/** Longest per-call timeout accepted: a restore that can hang for minutes is no use in an incident. */
const MAX_TIMEOUT_MS = 120_000;

interface Snapshot {
  readonly arn: string;
  readonly reserved?: number;
  readonly tags: { [key: string]: string };
}

/**
 * Puts back what a CostBreaker tripped, and reports whether a function is tripped, with the standard credential chain
 * and bounded Lambda calls (the `bulkhead breaker` commands use it).
 */
export class BreakerControl {
  /**
   * Restores the recorded reserved concurrency (or none, if the function had none) and any provisioned concurrency
   * the breaker removed, then deletes the record. Refuses when there is no record, or when the account would be
   * left with fewer than 100 unreserved concurrent executions (AWS's minimum). Rejects with a one-line error on
   * every fault (credentials, access denied, throttling, a slow or unreachable endpoint, a missing function).
   */
  public static async restore(props: BreakerCallProps): Promise<RestoreResult> {
    const { name, calls } = open(props);
    try {
      const before = await snapshot(calls, name);
      const recorded = before.tags[RECORD_TAGS.reserved];
      const result = (outcome: RestoreOutcome, message: string): RestoreResult => ({ outcome, functionName: name, message });
      if (recorded === undefined) {
        if (before.reserved === 0) {
          return result(
            RestoreOutcome.REFUSED,
            `${name} has reserved concurrency 0 but no breaker record (${RECORD_TAGS.reserved} tag): someone else set it; ` +
              `put the ceiling back yourself: aws lambda put-function-concurrency --function-name ${name} --reserved-concurrent-executions <n>`,
          );
        }
        return result(
          RestoreOutcome.NOT_TRIPPED,
          `${name} is not tripped (reserved concurrency ${before.reserved ?? 'none'}); nothing to restore`,
        );
      }
      if (recorded !== UNRESERVED && !/^\d+$/.test(recorded)) {
        return result(
          RestoreOutcome.REFUSED,
          `${name}: the recorded ceiling ${JSON.stringify(recorded.slice(0, 40))} is not a number; set it yourself with aws lambda put-function-concurrency`,
        );
      }
      const done: string[] = [];
      if (before.reserved === 0) {
        if (recorded === UNRESERVED) {
          await calls.send(new calls.sdk.DeleteFunctionConcurrencyCommand({ FunctionName: name }), name);
          done.push('reserved concurrency 0 -> none (unreserved, as before the trip)');
        } else {
          const ceiling = Number(recorded);
          const account = await calls.send<any>(new calls.sdk.GetAccountSettingsCommand({}), name);
          const unreserved = account?.AccountLimit?.UnreservedConcurrentExecutions;
          if (typeof unreserved !== 'number')
            throw new BreakerFault('Lambda GetAccountSettings returned no UnreservedConcurrentExecutions');
          if (unreserved - ceiling < MIN_UNRESERVED_CONCURRENCY) {
            return result(
              RestoreOutcome.REFUSED,
              `restoring ${name} to ${ceiling} would leave ${unreserved - ceiling} unreserved concurrent executions in the account ` +
                `(now ${unreserved}), below AWS's minimum of ${MIN_UNRESERVED_CONCURRENCY}; lower other functions' reserved concurrency or ask AWS for a higher limit, then retry`,
            );
          }
          await calls.send(
            new calls.sdk.PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: ceiling }),
            name,
          );
          done.push(`reserved concurrency 0 -> ${ceiling}`);
        }
      }
      const provisioned = parseProvisioned(before.tags[RECORD_TAGS.provisioned]);
      if (provisioned.length > 0) {
        const existing = await provisionedQualifiers(calls, name);
        for (const p of provisioned.filter((q) => !existing.has(q.qualifier))) {
          await calls.send(
            new calls.sdk.PutProvisionedConcurrencyConfigCommand({
              FunctionName: name,
              Qualifier: p.qualifier,
              ProvisionedConcurrentExecutions: p.count,
            }),
            name,
          );
          done.push(`provisioned concurrency ${p.count} on ${p.qualifier}`);
        }
      }
      await calls.send(new calls.sdk.UntagResourceCommand({ Resource: before.arn, TagKeys: Object.values(RECORD_TAGS) }), name);
      const what = done.length > 0 ? done.join(', ') : 'the ceiling was already back';
      return result(
        RestoreOutcome.RESTORED,
        `restored ${name}: ${what}; breaker record removed (tripped at ${before.tags[RECORD_TAGS.trippedAt] ?? 'unknown time'})`,
      );
    } finally {
      calls.destroy();
    }
  }

  /** Whether `functionName` is tripped, with its reserved concurrency and the breaker's record. */
  public static async status(props: BreakerCallProps): Promise<BreakerStatus> {
    const { name, calls } = open(props);
    try {
      const s = await snapshot(calls, name);
      const recorded = s.tags[RECORD_TAGS.reserved];
      const trippedAt = s.tags[RECORD_TAGS.trippedAt];
      const base = { functionName: name, reservedConcurrency: s.reserved, recordedCeiling: recorded, trippedAt };
      if (s.reserved === 0 && recorded !== undefined) {
        return { ...base, state: BreakerState.TRIPPED, message: `tripped at ${trippedAt ?? 'unknown time'}; recorded ceiling ${recorded}` };
      }
      if (s.reserved === 0)
        return { ...base, state: BreakerState.AT_ZERO_UNRECORDED, message: 'reserved concurrency 0, not set by the breaker (no record)' };
      const reserved = s.reserved === undefined ? 'none reserved' : `reserved concurrency ${s.reserved}`;
      if (recorded !== undefined)
        return { ...base, state: BreakerState.RESTORE_INCOMPLETE, message: `${reserved}, but a breaker record remains: run restore again` };
      return { ...base, state: BreakerState.CLOSED, message: `closed (${reserved})` };
    } finally {
      calls.destroy();
    }
  }

  private constructor() {}
}

function open(props: BreakerCallProps): { name: string; calls: LambdaCalls } {
  const timeoutMs = props.timeoutMs ?? 5000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new BreakerFault(`timeout ${timeoutMs} ms is not an integer between 1 and ${MAX_TIMEOUT_MS}`);
  }
  if (typeof props.functionName !== 'string' || props.functionName.trim() === '') {
    throw new BreakerFault('no function given; name the deployed function, e.g. --function payments-update-card-prod');
  }
  let profile: string | undefined;
  try {
    profile = checkCredentialSetup(props.profile);
  } catch (e) {
    throw new BreakerFault((e as Error).message);
  }
  return { name: props.functionName.trim(), calls: new LambdaCalls(props.region, timeoutMs, profile) };
}

async function snapshot(calls: LambdaCalls, name: string): Promise<Snapshot> {
  const config = await calls.send<any>(new calls.sdk.GetFunctionConfigurationCommand({ FunctionName: name }), name);
  const arn = String(config?.FunctionArn ?? '').replace(/:\$LATEST$/, '');
  if (!arn.includes(':function:')) throw new BreakerFault(`Lambda GetFunctionConfiguration on ${name} returned no function ARN`);
  const concurrency = await calls.send<any>(new calls.sdk.GetFunctionConcurrencyCommand({ FunctionName: name }), name);
  const tags = await calls.send<any>(new calls.sdk.ListTagsCommand({ Resource: arn }), name);
  return { arn, reserved: concurrency?.ReservedConcurrentExecutions, tags: tags?.Tags ?? {} };
}

async function provisionedQualifiers(calls: LambdaCalls, name: string): Promise<Set<string>> {
  const found = new Set<string>();
  let marker: string | undefined;
  do {
    const page = await calls.send<any>(
      new calls.sdk.ListProvisionedConcurrencyConfigsCommand({ FunctionName: name, Marker: marker }),
      name,
    );
    for (const c of page?.ProvisionedConcurrencyConfigs ?? [])
      found.add(
        String(c.FunctionArn ?? '')
          .split(':')
          .pop()!,
      );
    marker = page?.NextMarker;
  } while (marker);
  return found;
}

/** `live=5 canary=2` as the handler writes it. */
function parseProvisioned(value: string | undefined): Array<{ qualifier: string; count: number }> {
  return (value ?? '')
    .split(' ')
    .filter(Boolean)
    .map((part) => {
      const [qualifier, count] = part.split('=');
      return { qualifier, count: Number(count) };
    })
    .filter((p) => p.qualifier && Number.isInteger(p.count) && p.count > 0);
}
