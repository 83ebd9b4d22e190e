import { IConstruct } from 'constructs';
import { UsageError } from '../io';
import { Level, PackFinding } from './findings';

/** A rule pack the CLI can run over a construct tree. */
export interface CheckPack {
  readonly name: string;
  findings(scope: IConstruct): PackFinding[];
}

const BULKHEAD_RULES_URI = 'https://github.com/cdk-bulkhead/cdk-bulkhead/blob/main/RULES.md';
const CDK_NAG_RULES_URI = 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md';

/** lib/checks' types only: the module itself is required when the pack runs. */
type ChecksModule = typeof import('../../checks');
type BulkheadFinding = import('../../checks').BulkheadFinding;
type RuleAcknowledgement = import('../../core/rule-acknowledgement').RuleAcknowledgement;

/** A Bulkhead finding as the CLI reports it (also read back from a failed synth's record). */
export function bulkheadFinding(
  f: { ruleId: string; findingId: string; threat: string; resourcePath: string; logicalId: string; message: string },
  level: Level,
): PackFinding {
  return {
    rule: f.ruleId,
    id: f.findingId,
    level,
    constructPath: f.resourcePath,
    logicalId: f.logicalId,
    message: f.message,
    ruleDescription: `${f.ruleId} (THREATS.md ${f.threat})`,
    helpUri: `${BULKHEAD_RULES_URI}#${f.ruleId.toLowerCase()}`,
  };
}

function bulkheadPack(today?: string): CheckPack {
  return {
    name: 'bulkhead',
    findings: (scope) => {
      const checks: ChecksModule = require('../../checks');
      const audit = new checks.BulkheadChecks(undefined, { today })._audit(scope);
      const asPackFinding = (f: BulkheadFinding, acknowledgement?: RuleAcknowledgement): PackFinding => ({
        ...bulkheadFinding(f, f.level === checks.FindingLevel.ERROR ? 'error' : 'warning'),
        ...(acknowledgement ? { acknowledgement: { id: acknowledgement.id, reason: acknowledgement.reason } } : {}),
      });
      return [...audit.open.map((f) => asPackFinding(f)), ...audit.acknowledged.map((a) => asPackFinding(a.finding, a.acknowledgement))];
    },
  };
}

interface ValidatingPack {
  validateScope(scope: IConstruct): {
    violations: Array<{
      ruleName: string;
      description: string;
      severity?: string;
      violatingResources: Array<{ constructPath?: string; resourceLogicalId: string }>;
    }>;
  };
}

function cdkNagPack(name: string, create: () => ValidatingPack): CheckPack {
  return {
    name,
    findings: (scope) =>
      create()
        .validateScope(scope)
        .violations.flatMap((v) =>
          v.violatingResources.map((r) => ({
            rule: v.ruleName.replace(/\[.*$/, ''),
            id: v.ruleName,
            level: v.severity === 'error' ? ('error' as Level) : ('warning' as Level),
            constructPath: r.constructPath ?? '',
            logicalId: r.resourceLogicalId || undefined,
            message: v.description,
            ruleDescription: v.description,
            helpUri: CDK_NAG_RULES_URI,
          })),
        ),
  };
}

/** Pack name → factory. Packs are required lazily: cdk-nag costs startup time a `bulkhead` run may not need. */
const PACKS: { [name: string]: (today?: string) => CheckPack } = {
  bulkhead: (today) => bulkheadPack(today),
  'aws-solutions': () => cdkNagPack('aws-solutions', () => new (require('cdk-nag').AwsSolutionsChecks)()),
  serverless: () => cdkNagPack('serverless', () => new (require('cdk-nag').ServerlessChecks)()),
};

export const PACK_NAMES = Object.keys(PACKS);

/** Parses `--packs a,b`, refusing unknown names with the list of known ones. */
export function resolvePacks(list: string, today?: string): CheckPack[] {
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new UsageError(`--packs needs at least one of: ${PACK_NAMES.join(', ')}`);
  const unknown = names.filter((n) => !Object.prototype.hasOwnProperty.call(PACKS, n));
  if (unknown.length > 0) throw new UsageError(`unknown pack '${unknown[0]}'; packs: ${PACK_NAMES.join(', ')}`);
  return [...new Set(names)].map((n) => PACKS[n](today));
}
