import * as fs from 'fs';
import * as path from 'path';
import { App, Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { BulkheadChecks } from '../checks';
import { FindingLevel, FailOn } from '../checks/levels';
import { utcToday } from '../core/clock';
import { invalidProp } from '../core/errors';
import { BulkheadToday } from '../core/today';
import { BulkheadStage } from '../stages/bulkhead-stage';
import { ReportPlugin } from '../stages/report-plugin';
import {
  checkBlueprintProps,
  checkDatedAcknowledgement,
  checkMaxDays,
  checkRuleIds,
  checkToday,
  policyFindings,
} from './acknowledgement-policy';
import { collectAcknowledgements, recordDated } from './acknowledgements';
import { applyCdkHandlerAcknowledgements } from './cdk-handlers';
import { BlueprintHardening } from './hardening';
import { buildReport, BLUEPRINT_REPORT_FILE } from './override-report';
import { BlueprintAcknowledgement, BulkheadBlueprintProps } from './props';
import { BlueprintAcknowledgementRecord, BlueprintReport } from './report-types';
import { coverStages, escapedStages, stagesUnder } from './stage-coverage';

/** Where a scope remembers the blueprint applied to it (Symbol.for: several loaded copies of the library agree). */
const APPLIED = Symbol.for('cdk-bulkhead.BlueprintApplied');

/**
 * An organisation's blueprint: one object a platform team configures and publishes, and every team applies to its
 * app in one line (`acme.applyTo(app)`). It hardens every Lambda function of the app (plain `lambda.Function` and
 * `NodejsFunction` included) the way SecureFunction is hardened, hardens aws-cdk-lib's own handlers where that is
 * safe, registers the Bulkhead, AwsSolutions and Serverless packs on the App and every Stage, holds acknowledgements
 * to the org's policy (mandatory rules, expiry dates), and writes an override report (`bulkhead-blueprint.json`).
 */
export class BulkheadBlueprint {
  /** The blueprint applied to `scope` or to a scope above it, if any. */
  public static of(scope: IConstruct): BulkheadBlueprint | undefined {
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      const found = (c as any)[APPLIED] as BulkheadBlueprint | undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The rules no team may acknowledge. */
  public readonly mandatoryRules: string[];
  /** The furthest ahead, in days, an acknowledgement may expire. */
  public readonly maxAcknowledgementDays: number;
  /**
   * The date acknowledgements are judged against (YYYY-MM-DD): the `today` prop, else BulkheadToday at the first
   * scope the blueprint was applied to (the `cdk-bulkhead:today` context, else the current UTC date).
   */
  public get today(): string {
    const first = this.applied[0];
    return this.props.today ?? (first ? BulkheadToday.of(first) : utcToday());
  }

  private readonly props: BulkheadBlueprintProps;
  private readonly failOn: FailOn;
  private readonly hardening: BlueprintHardening;
  private readonly applied: IConstruct[] = [];

  constructor(props: BulkheadBlueprintProps = {}) {
    this.props = props;
    checkBlueprintProps(props);
    this.mandatoryRules = [...(props.mandatoryRules ?? [])];
    checkRuleIds('BulkheadBlueprint', 'mandatoryRules', this.mandatoryRules);
    this.maxAcknowledgementDays = checkMaxDays(props.maxAcknowledgementDays);
    checkToday(props.today);
    this.failOn = props.failOn ?? FailOn.ERROR;
    this.hardening = new BlueprintHardening(props);
  }

  /**
   * Applies the blueprint to an App (or a Stage): hardens every function created in it from now on, registers the
   * packs on it and on every Stage below it (Stages made later included), and checks the org's policy at synth.
   * Call it right after `new App()`.
   */
  public applyTo(scope: IConstruct): void {
    if (!App.isApp(scope) && !Stage.isStage(scope)) {
      const shown = scope === undefined || scope === null ? scope : ((scope as IConstruct).node?.path ?? String(scope));
      throw invalidProp(
        'BulkheadBlueprint.applyTo',
        'scope',
        shown,
        'a cdk.App or a cdk.Stage',
        'call applyTo(app) right after const app = new App(), before any stack is created',
      );
    }
    const previous = (scope as any)[APPLIED] as BulkheadBlueprint | undefined;
    if (previous === this) return;
    if (previous !== undefined || BulkheadBlueprint.of(scope) !== undefined) {
      throw invalidProp(
        'BulkheadBlueprint.applyTo',
        'scope',
        scope.node.path || '(the App)',
        'a scope no blueprint covers yet',
        'apply one blueprint, once, to the App',
      );
    }
    (scope as any)[APPLIED] = this;
    this.applied.push(scope);
    this.hardening.install(scope);

    const packs = [
      new BulkheadChecks(scope, { failOn: this.failOn, today: this.props.today }),
      ...((this.props.cdkNagPacks ?? true) ? [new AwsSolutionsChecks(scope), new ServerlessChecks(scope)] : []),
    ];
    Validations.of(scope).addPlugins(...packs);
    ReportPlugin.registerOn(scope);
    scope.node.addValidation({ validate: () => this.validate(scope, packs) });
    const root = scope.node.root;
    if (root !== scope && App.isApp(root)) root.node.addValidation({ validate: () => this.escapes(root) });
  }

  /**
   * Acknowledges a finding on `construct` (and everything below it) under the org's policy: with a reason and an
   * expiry date at most `maxAcknowledgementDays` ahead. After that date, the acknowledgement is an error finding
   * that names the id, the construct's path and the date. Mandatory rules cannot be acknowledged.
   */
  public acknowledge(construct: IConstruct, acknowledgement: BlueprintAcknowledgement): void {
    const expired = checkDatedAcknowledgement(construct.node.path, acknowledgement, this.todayAt(construct), this.maxAcknowledgementDays);
    recordDated(construct, { ...acknowledgement, expired });
    // An expired acknowledgement no longer hides the finding: both the finding and the expiry are reported.
    if (!expired) {
      Validations.of(construct).acknowledge({
        id: acknowledgement.id,
        reason: `${acknowledgement.reason} (expires ${acknowledgement.expires})`,
      });
    }
  }

  /** The override report of `scope` (an App or Stage the blueprint was applied to), as written to bulkhead-blueprint.json. */
  public report(scope: IConstruct): BlueprintReport {
    return buildReport(scope, this.hardening, collectAcknowledgements(scope));
  }

  /** Runs at synth, after every nested Stage was built: checks all of it and writes the report. */
  private validate(scope: IConstruct, packs: Array<BulkheadChecks | AwsSolutionsChecks | ServerlessChecks>): string[] {
    applyCdkHandlerAcknowledgements(
      scope,
      packs.filter((p) => !(p instanceof BulkheadChecks)),
    );
    coverStages(scope, packs);
    const errors: string[] = [];
    if (App.isApp(scope)) errors.push(...this.escapes(scope));
    const acks = collectAcknowledgements(scope);
    for (const f of policyFindings(acks, new Set(this.mandatoryRules), this.todayAt(scope))) errors.push(`${f.ruleId}: ${f.message}`);
    errors.push(...this.findings(scope, packs));
    this.writeReport(scope, acks);
    return errors;
  }

  /**
   * Every finding of the packs, in every Stage too: a plugin's report alone does not fail `cdk synth` for stacks in
   * Stages (docs/stages.md), a validation does. BulkheadStages run the Bulkhead pack themselves.
   */
  private findings(scope: IConstruct, packs: Array<BulkheadChecks | AwsSolutionsChecks | ServerlessChecks>): string[] {
    const errors: string[] = [];
    for (const pack of packs) {
      if (pack instanceof BulkheadChecks) {
        for (const f of pack.findingsFor(scope)) {
          if (f.level !== FindingLevel.ERROR && this.failOn !== FailOn.WARNING) continue;
          if (isInSelfCheckedStage(scope, f.resourcePath)) continue;
          errors.push(`${f.findingId} (${f.threat}) at ${f.resourcePath}: ${f.message}`);
        }
      } else {
        const report = pack.validateScope(scope);
        for (const v of report.violations) {
          for (const r of v.violatingResources)
            errors.push(`${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}: ${v.description.split('\n')[0]}`);
        }
      }
    }
    return errors;
  }

  private todayAt(scope: IConstruct): string {
    return this.props.today ?? BulkheadToday.of(scope);
  }

  private escapes(app: App): string[] {
    return escapedStages(app, (s) => BulkheadBlueprint.of(s) !== undefined).map(
      (s) =>
        `Bulkhead-EscapedStage: Stage ${s.node.path} is outside every scope the org blueprint was applied to (${this.applied.map((a) => a.node.path || 'the App').join(', ')}), ` +
        'so nothing hardens or checks it. Fix: call applyTo(app) on the App instead of on single Stages.',
    );
  }

  private writeReport(scope: IConstruct, acks: BlueprintAcknowledgementRecord[]): void {
    const root = scope.node.root;
    if (!Stage.isStage(root)) return;
    fs.mkdirSync(root.outdir, { recursive: true });
    const report = buildReport(scope, this.hardening, acks);
    fs.writeFileSync(path.join(root.outdir, BLUEPRINT_REPORT_FILE), `${JSON.stringify(report, undefined, 2)}\n`);
  }
}

/** BulkheadStages validate themselves with the Bulkhead pack; reporting their findings again would double them. */
function isInSelfCheckedStage(scope: IConstruct, resourcePath: string): boolean {
  return stagesUnder(scope).some((s) => s instanceof BulkheadStage && resourcePath.startsWith(`${s.node.path}/`));
}
