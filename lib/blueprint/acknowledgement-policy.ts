import { isIsoDate } from '../core/clock';
import { isEmailAddress } from '../core/email-subscriptions';
import { invalidProp } from '../core/errors';
import { BulkheadToday } from '../core/today';
import { NO_EXPIRY } from './acknowledgements';
import { BlueprintAcknowledgementRecord } from './report-types';
import { baseRuleId, knownRuleIds } from './known-rule-ids';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `day` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The configured date, checked (undefined: BulkheadToday decides per scope). */
export function checkToday(today: string | undefined): string | undefined {
  if (today !== undefined && !isIsoDate(today)) {
    throw invalidProp(
      'BulkheadBlueprint',
      'today',
      today,
      'a calendar date written YYYY-MM-DD',
      `omit today for the ${BulkheadToday.CONTEXT_KEY} context or the current UTC date, or write it like 2027-03-01`,
    );
  }
  return today;
}

export function checkMaxDays(days: number | undefined): number {
  const value = days ?? 90;
  if (!Number.isInteger(value) || value < 1 || value > 3650) {
    throw invalidProp(
      'BulkheadBlueprint',
      'maxAcknowledgementDays',
      value,
      'a whole number of days 1-3650',
      'set maxAcknowledgementDays to how long a team may accept a finding before reviewing it again, e.g. 90',
    );
  }
  return value;
}

/** Rule ids known to the packs; the check names where the list came from so a typo is found quickly. */
export function checkRuleIds(where: string, prop: string, ids: readonly string[], indexed = true): void {
  const known = knownRuleIds();
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || !known.has(baseRuleId(id))) {
      throw invalidProp(
        where,
        indexed ? `${prop}[${i}]` : prop,
        id,
        'a rule id of the Bulkhead, AwsSolutions or Serverless pack (e.g. Bulkhead-EnvSecret, AwsSolutions-IAM4; RULES.md lists the Bulkhead ones)',
        'copy the id from a finding or from RULES.md; ids are case-sensitive',
      );
    }
  });
}

/** Checks an acknowledgement's reason and expiry at the call; returns whether it has already expired. */
export function checkDatedAcknowledgement(
  path: string,
  ack: { id: string; reason: string; expires: string },
  today: string,
  maxDays: number,
): boolean {
  const where = `BulkheadBlueprint.acknowledge(${path})`;
  checkRuleIds(where, 'id', [ack.id], false);
  if (typeof ack.reason !== 'string' || ack.reason.trim().length === 0) {
    throw invalidProp(
      where,
      'reason',
      ack.reason,
      'a non-empty reason',
      `say why ${ack.id} is accepted here, e.g. what limits the risk instead`,
    );
  }
  const limit = addDays(today, maxDays);
  if (!isIsoDate(ack.expires)) {
    throw invalidProp(
      where,
      'expires',
      ack.expires,
      'a calendar date written YYYY-MM-DD',
      `write the last day the acknowledgement holds, e.g. ${limit}`,
    );
  }
  if (ack.expires > limit) {
    throw invalidProp(
      where,
      'expires',
      ack.expires,
      `at most maxAcknowledgementDays (${maxDays}) ahead of ${today}, i.e. ${limit} or earlier`,
      `set expires to ${limit} or earlier, and review the finding again then`,
    );
  }
  return ack.expires < today;
}

/** One way an app breaks the org's policy; a synth error. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly path: string;
  readonly message: string;
}

/** Expired acknowledgements, and acknowledgements of mandatory rules made by a team (the library's are exempt). */
export function policyFindings(acks: BlueprintAcknowledgementRecord[], mandatory: ReadonlySet<string>, today: string): PolicyFinding[] {
  const found: PolicyFinding[] = [];
  for (const a of acks) {
    if (a.by !== 'team') continue;
    if (mandatory.has(baseRuleId(a.id))) {
      found.push({
        ruleId: 'Bulkhead-MandatoryRuleAcknowledged',
        path: a.path,
        message:
          `${a.id} is acknowledged at ${a.path} (expires: ${a.expires}), but the org blueprint makes ${baseRuleId(a.id)} mandatory (mandatoryRules). ` +
          'Fix: remove the acknowledgement and fix the finding; only the platform team can change mandatoryRules.',
      });
    }
    if (a.expires !== NO_EXPIRY && a.expires < today) {
      found.push({
        ruleId: 'Bulkhead-AcknowledgementExpired',
        path: a.path,
        message:
          `${a.id} acknowledged at ${a.path} expired on ${a.expires} (today is ${today}). ` +
          'Fix: fix the finding, or renew the acknowledgement with a later expires date after reviewing it.',
      });
    }
  }
  return found;
}

/** The blueprint's numbers and addresses, each named when wrong. */
export function checkBlueprintProps(props: {
  alarmEmails?: string[];
  reservedConcurrentExecutions?: number;
  cdkHandlerConcurrency?: number;
}): void {
  (props.alarmEmails ?? []).forEach((email, i) => {
    if (typeof email !== 'string' || !isEmailAddress(email)) {
      throw invalidProp('BulkheadBlueprint', `alarmEmails[${i}]`, email, 'an e-mail address', 'fix the address, e.g. oncall@example.com');
    }
  });
  for (const prop of ['reservedConcurrentExecutions', 'cdkHandlerConcurrency'] as const) {
    const value = props[prop];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw invalidProp(
        'BulkheadBlueprint',
        prop,
        value,
        'a whole number >= 1 (T4: a ceiling; 0 would throttle every invocation)',
        `set ${prop} to the most environments a function may run at once, or omit it`,
      );
    }
  }
}
