import * as fs from 'fs';
import * as path from 'path';
import { App, Errors, Stack, Stage } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { FunctionCost, WorstCaseCost, WorstCaseCostOptions } from '../billing';
import { BulkheadChecks, BulkheadFinding } from '../checks';
import { validationRun } from '../cfn/resolve';
import { BulkheadStage } from '../stages';
import { factsOf, FunctionFacts, functionsUnder } from './function-facts';
import { formatPluginFindings, readPluginOutcomes } from './plugin-reports';
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
  public static readonly FILE_NAME = 'bulkhead-report.txt';

  /**
   * The report of every stage under `scope` (or of `scope` itself when it is a stage); functions outside any stage
   * are reported under the App. Call it after the app is complete (e.g. after `app.synth()`).
   */
  public static render(scope: IConstruct, options: BulkheadReportOptions = {}): string {
    const groups = groupsOf(scope);
    const rendered = groups.map((g) => renderGroup(g, options));
    const functions = rendered.reduce((n, r) => n + r.functions, 0);
    const total = rendered.reduce((n, r) => n + r.totalUsd, 0);
    const head = `Bulkhead report: ${groups.length} ${groups.length === 1 ? 'stage' : 'stages'}, ${functions} `
      + `${functions === 1 ? 'function' : 'functions'}, worst case ${usd(total)} USD/month`;
    return [head, '='.repeat(head.length), '', ...rendered.map((r) => r.text)].join('\n');
  }

  /**
   * Synthesizes `app`, fails if any validation plugin (e.g. cdk-nag) reported an error anywhere in it, then writes
   * the report to `bulkhead-report.txt` in the cloud assembly and, by default, to stderr. Use it instead of
   * `app.synth()` in the app's entry point.
   */
  public static synth(app: App, options: BulkheadReportSynthOptions = {}): cxapi.CloudAssembly {
    const assembly = app.synth();
    const outcomes = readPluginOutcomes(assembly.directory);
    const failed = outcomes.filter((o) => !o.success);
    if (failed.length > 0) {
      // The plugin's own verdict, as CDK applies it to an in-memory app or a stack the CLI selected: a cdk-nag pack
      // fails on every finding that is not acknowledged, warnings included.
      const findings = failed.flatMap((o) => o.findings);
      throw new Error([
        `Validation failed: ${failed.map((o) => `${o.plugin} (${o.findings.length} ${o.findings.length === 1 ? 'rule' : 'rules'})`).join(', ')}:`,
        ...formatPluginFindings(findings),
        'Fix each, or acknowledge it where the resource is defined: Validations.of(construct).acknowledge({ id, reason }).',
        `Full report: ${path.join(assembly.directory, VALIDATION_REPORT_FILE)}`,
      ].join('\n'));
    }
    const registered = pluginNames(app);
    const plugins = registered.length === 0 ? 'Validation plugins: none registered'
      : `Validation plugins (${registered.join(', ')}): no unacknowledged findings`;
    const text = `${BulkheadReport.render(app, options)}\n${plugins}\n`;
    fs.writeFileSync(path.join(assembly.directory, BulkheadReport.FILE_NAME), text);
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

interface Group {
  readonly title: string;
  readonly scope: IConstruct;
  /** Stacks directly under the App, for the App's own group (stages are separate groups). */
  readonly stacks?: Stack[];
  readonly budgetUsd?: number;
}

/** The stages under `scope` (each its own group), plus the App's own stacks when it has functions outside stages. */
function groupsOf(scope: IConstruct): Group[] {
  const groups: Group[] = scope.node.findAll()
    .filter((node): node is Stage => node !== scope && Stage.isStage(node) && node !== scope.node.root)
    .map(stageGroup);
  if (Stage.isStage(scope) && scope !== scope.node.root) {
    groups.unshift(stageGroup(scope));
  } else {
    const outside = functionsUnder(scope).length > 0;
    if (outside || groups.length === 0) {
      groups.unshift({ title: scope.node.path === '' ? 'App (outside any stage)' : scope.node.path, scope });
    }
  }
  return groups;
}

function stageGroup(stage: Stage): Group {
  const env = [stage.account, stage.region].filter((v) => v !== undefined).join(', ');
  const bulkhead = stage instanceof BulkheadStage ? stage : undefined;
  return { title: `${stage.node.path}${env ? ` (${env})` : ''}`, scope: stage, budgetUsd: bulkhead?.spec.monthlyBudgetUsd };
}

/** One validation run per group: the cost, the facts and the findings share one resolution of its resources. */
function renderGroup(group: Group, options: BulkheadReportOptions): { text: string; functions: number; totalUsd: number } {
  return validationRun(() => renderGroupInRun(group, options));
}

function renderGroupInRun(group: Group, options: BulkheadReportOptions): { text: string; functions: number; totalUsd: number } {
  const fns = functionsUnder(group.scope);
  const costs = new Map<string, FunctionCost>();
  for (const c of WorstCaseCost.of(group.scope, options).functions) costs.set(c.path, c);
  const lines = [group.title, '-'.repeat(group.title.length)];
  let total = 0;
  for (const cfn of fns) {
    const facts = factsOf(cfn);
    const cost = costs.get(cfn.node.path);
    total += cost?.monthlyUsd ?? 0;
    lines.push(...renderFunction(facts, cost), '');
  }
  if (fns.length === 0) lines.push('  (no Lambda functions)', '');
  const budget = group.budgetUsd;
  const verdict = budget === undefined ? 'no budget set (StageSpec.monthlyBudgetUsd)'
    : `budget ${usd(budget)} USD/month, ${total <= budget ? 'within' : 'OVER'} (${Math.round((100 * total) / budget)}% used)`;
  lines.push(`  ${'stage total'.padEnd(FIELD)}${usd(total)} USD/month worst case; ${verdict}`);
  lines.push(...renderFindings(new BulkheadChecks().findingsFor(group.scope)), '');
  return { text: lines.join('\n'), functions: fns.length, totalUsd: total };
}

/**
 * Names of the validation plugins registered on the App and its stages (read through lib/core/cdk-private.ts: CDK
 * does not export them); an empty list only weakens the report's last line.
 */
function pluginNames(app: App): string[] {
  const names = new Set<string>();
  for (const node of app.node.findAll()) {
    if (!Stage.isStage(node)) continue;
    for (const p of validationPluginsOf(node) ?? []) if (p.name) names.add(p.name);
  }
  return [...names];
}

function renderFunction(f: FunctionFacts, cost: FunctionCost | undefined): string[] {
  const worst = cost === undefined ? 'unknown'
    : `${usd(cost.monthlyUsd)} USD/month (${cost.concurrencyUsed}${cost.reservedConcurrency === undefined ? ' (account limit)' : ''} x `
      + `${cost.memoryMb} MB ${cost.architecture} x ${HOURS_PER_MONTH} h${cost.bounded ? '' : ', NOT bounded by the template'})`;
  const field = (label: string, value: string) => `    ${label.padEnd(FIELD)}${value}`;
  return [
    `  ${f.name}  [${f.kind}] ${f.path.replace(/\/Resource$/, '')}`,
    field('role', f.role),
    field('ceiling', f.ceiling),
    field('async', f.async),
    field('on failure', f.onFailure),
    field('key', f.key),
    field('alarms', f.alarms),
    field('worst case', worst),
  ];
}

function renderFindings(findings: BulkheadFinding[]): string[] {
  if (findings.length === 0) return [`  ${'findings'.padEnd(FIELD)}none`];
  return [`  findings (${findings.length}):`, ...findings.map((f) => `    ${f.level.toUpperCase()} ${f.findingId} (${f.threat}) at ${f.resourcePath}: ${f.message}`)];
}
