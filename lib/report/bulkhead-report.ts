import * as fs from 'fs';
import * as path from 'path';
import { App, Errors, Stage } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { FunctionCost, WorstCaseCostOptions } from '../billing';
import { BulkheadFinding } from '../checks';
import { AcknowledgedBy } from '../core/rule-acknowledgement';
import { FunctionFacts } from './function-facts';
import { REPORT_JSON_FILE, REPORT_TEXT_FILE } from '../core/assembly-files';
import { drivenByReport } from './auto-report';
import { blueprintReportSection } from '../blueprint/report-section';
import { REPORT_PLUGIN_NAME } from '../stages/report-plugin';
import { formatPluginFindings, readPluginOutcomes } from './plugin-reports';
import { renderReportJson } from './report-json';
import { reportGroups, ReportGroup, ReportWarning } from './report-model';
import { validationPluginsOf } from '../core/cdk-private';
import { usd } from '../core/display';
import { HOURS_PER_MONTH } from '../core/pricing';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';

/** Options of `BulkheadReport.render`. */
export interface BulkheadReportOptions extends WorstCaseCostOptions {}

/** Options of `BulkheadReport.synth`. */
export interface BulkheadReportSynthOptions extends BulkheadReportOptions {
  /**
   * Write the report to the process's stderr (which `cdk synth` shows; its stdout may carry a template).
   * @default true
   */
  readonly printToStderr?: boolean;
}

const FIELD = 13;

/**
 * The Bulkhead report: per stage, each Lambda function with its role, concurrency ceiling, async retry bounds and
 * maximum event age, failure destination, key, alarms and worst-case monthly cost, then the stage's total against
 * its budget and the Bulkhead findings. It is the deployment's inventory (T8) and its Denial-of-Wallet bound (T4).
 */
export class BulkheadReport {
  /** The file `synth` writes the report to, in the cloud assembly directory. */
  public static readonly FILE_NAME = REPORT_TEXT_FILE;
  /** The file `synth` writes the report to as JSON, in the cloud assembly directory. */
  public static readonly JSON_FILE_NAME = REPORT_JSON_FILE;

  /**
   * The report of every stage under `scope` (or of `scope` itself when it is a stage); functions outside any stage
   * are reported under the App. Call it after the app is complete (e.g. after `app.synth()`).
   */
  public static render(scope: IConstruct, options: BulkheadReportOptions = {}): string {
    return renderWithSections(scope, reportGroups(scope, options));
  }

  /**
   * The report of `scope` as JSON (`schemaVersion` 1): per stage its account, region, budget and worst case, each
   * function's settings and cost, every finding, every acknowledged finding and every acknowledgement (id, construct
   * path, reason, and whether cdk-bulkhead or the team made it), and the warnings CDK recorded. Shape: docs/cli.md.
   */
  public static renderJson(scope: IConstruct, options: BulkheadReportOptions = {}): string {
    return renderReportJson(reportGroups(scope, options));
  }

  /**
   * Synthesizes `app`, fails if any validation plugin (e.g. cdk-nag) reported an error anywhere in it, then writes
   * the report to `bulkhead-report.txt` in the cloud assembly and, by default, to stderr. Use it instead of
   * `app.synth()` in the app's entry point.
   */
  public static synth(app: App, options: BulkheadReportSynthOptions = {}): cxapi.CloudAssembly {
    const assembly = drivenByReport(app, () => app.synth());
    const outcomes = readPluginOutcomes(assembly.directory);
    const failed = outcomes.filter((o) => !o.success);
    if (failed.length > 0) {
      // The plugin's own verdict, as CDK applies it to an in-memory app or a stack the CLI selected: a cdk-nag pack
      // fails on every finding that is not acknowledged, warnings included.
      const findings = failed.flatMap((o) => o.findings);
      throw new Error(
        [
          `Validation failed: ${failed.map((o) => `${o.plugin} (${o.findings.length} ${o.findings.length === 1 ? 'rule' : 'rules'})`).join(', ')}:`,
          ...formatPluginFindings(findings),
          'Fix each, or acknowledge it where the resource is defined: Validations.of(construct).acknowledge({ id, reason }), ' +
            "with id the rule exactly as printed above, brackets included (e.g. 'AwsSolutions-IAM5[Resource::*]').",
          `Full report: ${path.join(assembly.directory, VALIDATION_REPORT_FILE)}`,
        ].join('\n'),
      );
    }
    const registered = pluginNames(app);
    const plugins =
      registered.length === 0
        ? 'Validation plugins: none registered'
        : `Validation plugins (${registered.join(', ')}): no unacknowledged findings`;
    const groups = reportGroups(app, options);
    const text = `${renderText(groups)}\n${plugins}\n`;
    fs.writeFileSync(path.join(assembly.directory, BulkheadReport.FILE_NAME), text);
    fs.writeFileSync(path.join(assembly.directory, BulkheadReport.JSON_FILE_NAME), renderReportJson(groups));
    if (options.printToStderr ?? true) process.stderr.write(`\n${text}`);
    return assembly;
  }

  /**
   * The app's entry point: `synth`, and on failure one readable message on stderr (no stack trace) and exit code 1.
   * Returns whether synthesis succeeded.
   */
  public static run(app: App, options: BulkheadReportSynthOptions = {}): boolean {
    try {
      BulkheadReport.synth(app, options);
      return true;
    } catch (e) {
      // The cdk CLI prints CDK's own errors itself (it is told their code through CDK_ERROR_FILE): printing them
      // here too would show every finding twice.
      const cliPrintsIt = process.env[cxapi.ERRORFILE_ENV] !== undefined && Errors.isConstructError(e);
      if (!cliPrintsIt) process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
      return false;
    }
  }

  private constructor() {}
}

/**
 * Names of the validation plugins registered on the App and its stages (read through lib/core/cdk-private.ts: CDK
 * does not export them); an empty list only weakens the report's last line.
 */
function pluginNames(app: App): string[] {
  const names = new Set<string>();
  for (const node of app.node.findAll()) {
    if (!Stage.isStage(node)) continue;
    for (const p of validationPluginsOf(node) ?? []) if (p.name && p.name !== REPORT_PLUGIN_NAME) names.add(p.name);
  }
  return [...names];
}

/** The text report of `scope`'s groups with the sections other parts add (the org blueprint's), as printed under the cdk CLI. */
export function renderWithSections(scope: IConstruct, groups: ReportGroup[]): string {
  return [renderText(groups), ...blueprintReportSection(scope)].join('\n');
}

/** The text report of some groups. */
export function renderText(groups: ReportGroup[]): string {
  const functions = groups.reduce((n, g) => n + g.functions.length, 0);
  const total = groups.reduce((n, g) => n + g.totalUsd, 0);
  const head =
    `Bulkhead report: ${groups.length} ${groups.length === 1 ? 'stage' : 'stages'}, ${functions} ` +
    `${functions === 1 ? 'function' : 'functions'}, worst case ${usd(total)} USD/month`;
  return [head, '='.repeat(head.length), '', ...groups.map(renderGroup)].join('\n');
}

function renderGroup(group: ReportGroup): string {
  const lines = [group.title, '-'.repeat(group.title.length)];
  for (const f of group.functions) lines.push(...renderFunction(f.facts, f.cost), '');
  if (group.functions.length === 0) lines.push('  (no Lambda functions)', '');
  const budget = group.budgetUsd;
  const total = group.totalUsd;
  const verdict =
    budget === undefined
      ? 'no budget set (StageSpec.monthlyBudgetUsd)'
      : `budget ${usd(budget)} USD/month, ${total <= budget ? 'within' : 'OVER'} (${Math.round((100 * total) / budget)}% used)`;
  lines.push(`  ${'stage total'.padEnd(FIELD)}${usd(total)} USD/month worst case; ${verdict}`);
  if (group.fixedUsd > 0) {
    lines.push(`  ${'fixed'.padEnd(FIELD)}${usd(group.fixedUsd)} USD/month of it whatever the load (KMS keys, alarms)`);
  }
  lines.push(...renderFindings(group.findings), ...renderAcknowledged(group), ...renderWarnings(group.warnings), '');
  return lines.join('\n');
}

function renderFunction(f: FunctionFacts, cost: FunctionCost | undefined): string[] {
  const worst =
    cost === undefined
      ? f.deployTimeOnly
        ? 'not counted: runs only while CloudFormation deploys the stack (no traffic reaches it)'
        : 'unknown'
      : `${usd(cost.monthlyUsd)} USD/month (${cost.concurrencyUsed}${cost.reservedConcurrency === undefined ? ' (account limit)' : ''} x ` +
        `${cost.memoryMb} MB ${cost.architecture} x ${HOURS_PER_MONTH} h${cost.bounded ? '' : ', NOT bounded by the template'}: compute ${usd(cost.computeMonthlyUsd)}, ` +
        `requests ${usd(cost.requestsMonthlyUsd)} at one per ${cost.minimumDurationMs} ms` +
        `${cost.provisionedConcurrency ? `, provisioned ${cost.provisionedConcurrency} always on ${usd(cost.provisionedMonthlyUsd)}` : ''}` +
        `, fixed ${usd(cost.fixedMonthlyUsd)})`;
  const field = (label: string, value: string) => `    ${label.padEnd(FIELD)}${value}`;
  return [
    `  ${f.name}  [${f.kind}] ${f.path.replace(/\/Resource$/, '')}`,
    field('role', f.role),
    field('ceiling', f.ceiling),
    field('async', f.async),
    field('on failure', f.onFailure),
    field('key', f.key),
    field('alarms', f.alarms),
    ...(f.notSecret === undefined ? [] : [field('not secret', f.notSecret)]),
    field('worst case', worst),
  ];
}

function renderFindings(findings: BulkheadFinding[]): string[] {
  if (findings.length === 0) return [`  ${'findings'.padEnd(FIELD)}none`];
  return [
    `  findings (${findings.length}):`,
    ...findings.map((f) => `    ${f.level.toUpperCase()} ${f.findingId} (${f.threat}) at ${f.resourcePath}: ${f.message}`),
  ];
}

/** Acknowledged Bulkhead findings, each with its reason and who made it; the count of every acknowledgement. */
function renderAcknowledged(group: ReportGroup): string[] {
  const lines: string[] = [];
  if (group.acknowledgedFindings.length > 0) {
    lines.push(`  acknowledged (${group.acknowledgedFindings.length}):`);
    for (const { finding: f, acknowledgement: a } of group.acknowledgedFindings) {
      lines.push(
        `    ${f.level.toUpperCase()} ${f.findingId} (${f.threat}) at ${f.resourcePath}: acknowledged as ${a.id} at ${a.constructPath} ` +
          `by ${a.by === AcknowledgedBy.LIBRARY ? 'cdk-bulkhead' : 'the team'}: ${JSON.stringify(a.reason)}`,
      );
    }
  }
  const all = group.acknowledgements;
  if (all.length > 0) {
    const team = all.filter((a) => a.by === AcknowledgedBy.TEAM).length;
    lines.push(
      `  acknowledgements: ${all.length} (${team} by the team, ${all.length - team} by cdk-bulkhead), ` +
        `each with its construct path and reason in ${BulkheadReport.JSON_FILE_NAME}`,
    );
  }
  return lines;
}

/** Warnings CDK recorded in the group, which `cdk synth` prints only for the stacks it selected (none in a stage). */
function renderWarnings(warnings: ReportWarning[]): string[] {
  if (warnings.length === 0) return [];
  return [`  warnings (${warnings.length}):`, ...warnings.map((w) => `    ${w.constructPath}: ${w.message.replace(/\s*\n\s*/g, ' ')}`)];
}
