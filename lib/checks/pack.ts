import { CfnResource, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { isIsoDate } from '../core/clock';
import { BulkheadToday } from '../core/today';
import { invalidProp } from '../core/errors';
import { BULKHEAD_VERSION } from '../version';
import { libraryAcknowledgements } from './cdk-owned/library-acknowledgements';
import { acknowledgementsOn } from '../core/acknowledgements';
import { AcknowledgedBy, RuleAcknowledgement } from '../core/rule-acknowledgement';
import { withEvaluationDate } from './evaluation-date';
import { AcknowledgedFinding, BulkheadChecksProps, BulkheadFinding, FailOn } from './levels';
import { policyReport } from './policy-report';
import { constructsUnder, resolved, validationRun } from '../cfn/resolve';
import { RuleWiring, BULKHEAD_RULES } from './wiring';

const PACK_NAME = 'Bulkhead';

/**
 * The Bulkhead rule pack: fails `cdk synth` on the insecure serverless patterns of THREATS.md (T1-T10).
 *
 * A cdk-nag v3 pack: register it with `Validations.of(app).addPlugins(new BulkheadChecks(app))`, acknowledge a
 * finding with `Validations.of(construct).acknowledge({ id: 'Bulkhead-<Rule>', reason })`. Unlike a plain NagPack,
 * only error-level findings fail the report unless `failOn: FailOn.WARNING`.
 */
export class BulkheadChecks extends NagPack {
  /** The plugin name. */
  public readonly name: string = PACK_NAME;
  /** The cdk-bulkhead version. */
  public readonly version?: string = BULKHEAD_VERSION;
  /** Every rule id of the pack, e.g. `Bulkhead-SharedRole`. */
  public readonly ruleIds?: string[] = BULKHEAD_RULES.map((w) => `${PACK_NAME}-${w.rule.ruleName}`);
  /** Which findings fail the report. */
  public readonly failOn: FailOn;

  private readonly explain: boolean;
  private readonly today?: string;
  private readonly byType = new Map<string, RuleWiring[]>();
  private collected: BulkheadFinding[] = [];
  private acknowledgedCollected: AcknowledgedFinding[] | undefined;

  constructor(scope?: IConstruct, props: BulkheadChecksProps = {}) {
    super(scope, { verbose: props.verbose });
    this.packName = PACK_NAME;
    this.failOn = props.failOn ?? FailOn.ERROR;
    this.explain = props.verbose ?? false;
    if (props.today !== undefined && !isIsoDate(props.today)) {
      throw invalidProp(
        PACK_NAME,
        'today',
        props.today,
        'a calendar date written YYYY-MM-DD',
        `pass e.g. today: '2026-11-30', or omit it to judge against the ${BulkheadToday.CONTEXT_KEY} context, else the current date`,
      );
    }
    this.today = props.today;
    for (const wiring of BULKHEAD_RULES) {
      for (const type of wiring.rule.resourceTypes) {
        const list = this.byType.get(type) ?? [];
        list.push(wiring);
        this.byType.set(type, list);
      }
    }
  }

  /**
   * The findings on every resource under `scope` (a stage, a stack or the App) that are not acknowledged,
   * in construct-tree order. They are judged together with every stack of the stage (or App) holding `scope`: a
   * role used by functions in two of its stacks is shared.
   */
  public findingsFor(scope: IConstruct): BulkheadFinding[] {
    return withEvaluationDate(this.today ?? BulkheadToday.of(scope), () =>
      validationRun(() => {
        this.collected = [];
        for (const node of constructsUnder(scope)) if (CfnResource.isCfnResource(node)) this.checkResource(node);
        const found = this.collected;
        this.collected = [];
        return found;
      }, scope),
    );
  }

  /**
   * The findings under `scope` that acknowledgements hide, each with the acknowledgement (id, construct path,
   * reason, who made it) that covers it: what an auditor needs next to `findingsFor`.
   */
  public acknowledgedFindingsFor(scope: IConstruct): AcknowledgedFinding[] {
    return this._audit(scope).acknowledged;
  }

  /**
   * Both lists in one pass over the rules (`bulkhead check` needs both for every template).
   * @internal
   */
  public _audit(scope: IConstruct): { open: BulkheadFinding[]; acknowledged: AcknowledgedFinding[] } {
    const acknowledged: AcknowledgedFinding[] = [];
    this.acknowledgedCollected = acknowledged;
    try {
      return { open: this.findingsFor(scope), acknowledged };
    } finally {
      this.acknowledgedCollected = undefined;
    }
  }

  /** Validates `scope` as the CDK plugin framework does (NagPack.validate passes the App here; tests call it directly). */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return policyReport(this.findingsFor(scope), this.failOn);
  }

  /** Applies every rule that judges this resource's type. */
  protected checkResource(node: CfnResource): void {
    const wirings = this.byType.get(node.cfnResourceType);
    if (!wirings) return;
    const acknowledged = acknowledgedIds(node);
    const auditing = this.acknowledgedCollected;
    for (const w of wirings) {
      const ruleId = `${PACK_NAME}-${w.rule.ruleName}`;
      if (acknowledged.has(ruleId) && auditing === undefined) continue;
      let result;
      try {
        result = w.rule(node);
      } catch (e) {
        result = [{ detail: `the rule could not read the resource (${String((e as Error).message ?? e).split('\n')[0]})` }];
      }
      if (!Array.isArray(result)) continue;
      for (const v of result) {
        const findingId = v.key !== undefined ? `${ruleId}[${v.key}]` : ruleId;
        const covered = acknowledged.has(findingId) || acknowledged.has(ruleId);
        if (covered && auditing === undefined) continue;
        const finding: BulkheadFinding = {
          ruleId,
          findingId,
          level: w.level,
          threat: w.threat,
          resourcePath: node.node.path,
          logicalId: resolved(node).logicalId,
          message: `${w.info}: ${v.detail}. Fix: ${w.fix}.${this.explain ? ` Why: ${w.explanation}` : ''}`,
        };
        if (!covered) this.collected.push(finding);
        else auditing?.push({ finding, acknowledgement: coveringAcknowledgement(node, findingId, ruleId)! });
      }
    }
  }
}

/**
 * Rule ids acknowledged on the resource or any construct above it (`Validations.of(c).acknowledge`), and those the
 * library accepts on aws-cdk-lib's own handlers, which no prop of theirs can fix.
 */
function acknowledgedIds(node: CfnResource): Set<string> {
  const ids = new Set<string>(libraryAcknowledgements(node).map((a) => a.id));
  for (let c: IConstruct | undefined = node; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const key of Object.keys(entry.data as object)) ids.add(key.replace(/^annotation::/i, ''));
    }
    if (c instanceof Stack && c.node.scope === undefined) break;
  }
  return ids;
}

/** The acknowledgement nearest the resource that names `findingId` or its rule, else the library's on aws-cdk-lib's handlers. */
function coveringAcknowledgement(node: CfnResource, findingId: string, ruleId: string): RuleAcknowledgement | undefined {
  for (let c: IConstruct | undefined = node; c; c = c.node.scope) {
    const found = acknowledgementsOn(c).find((a) => a.id === findingId || a.id === ruleId);
    if (found) return found;
    if (c instanceof Stack && c.node.scope === undefined) break;
  }
  const library = libraryAcknowledgements(node).find((a) => a.id === ruleId);
  return library && { id: library.id, constructPath: node.node.path, reason: library.reason, by: AcknowledgedBy.LIBRARY };
}
