import { Stage } from 'aws-cdk-lib';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { IConstruct } from 'constructs';
import { FunctionCost, WorstCaseCost, WorstCaseCostOptions } from '../billing';
import { AcknowledgedFinding, BulkheadChecks, BulkheadFinding } from '../checks';
import { validationRun } from '../cfn/resolve';
import { acknowledgementsOn } from '../core/acknowledgements';
import { RuleAcknowledgement } from '../core/rule-acknowledgement';
import { BulkheadStage } from '../stages';
import { factsOf, FunctionFacts, functionsUnder } from './function-facts';

/** One function of a report group: what the report says about it, and its worst-case figure. */
export interface ReportFunction {
  readonly facts: FunctionFacts;
  readonly cost?: FunctionCost;
}

/** A warning CDK recorded on a construct (`Annotations.of(c).addWarning`), which `cdk synth` prints only for the stacks it selected. */
export interface ReportWarning {
  readonly constructPath: string;
  readonly message: string;
}

/** One group of the report: a stage, or the App's own stacks. */
export interface ReportGroup {
  readonly title: string;
  readonly stagePath?: string;
  readonly account?: string;
  readonly region?: string;
  readonly budgetUsd?: number;
  readonly functions: ReportFunction[];
  readonly totalUsd: number;
  /** Keys and alarms: paid whatever the load (the functions' shares and the rest of the group's). */
  readonly fixedUsd: number;
  readonly findings: BulkheadFinding[];
  readonly acknowledgedFindings: AcknowledgedFinding[];
  readonly acknowledgements: RuleAcknowledgement[];
  readonly warnings: ReportWarning[];
}

interface GroupScope {
  readonly title: string;
  readonly scope: IConstruct;
  readonly stage?: Stage;
  readonly budgetUsd?: number;
}

/** The groups of the report of `scope`: each stage under it, plus the App's own functions when it has any. */
export function reportGroups(scope: IConstruct, options: WorstCaseCostOptions): ReportGroup[] {
  return groupScopes(scope).map((g) => validationRun(() => groupOf(g, options), g.scope));
}

function groupScopes(scope: IConstruct): GroupScope[] {
  const root = scope.node.root;
  const nested = scope.node
    .findAll()
    .filter((c): c is Stage => c !== scope && c !== root && Stage.isStage(c))
    .map(stageGroup);
  if (Stage.isStage(scope) && scope !== root) return [stageGroup(scope), ...nested];
  const outside = functionsUnder(scope).length > 0;
  return outside || nested.length === 0
    ? [{ title: scope.node.path === '' ? 'App (outside any stage)' : scope.node.path, scope }, ...nested]
    : nested;
}

function stageGroup(stage: Stage): GroupScope {
  const env = [stage.account, stage.region].filter((v) => v !== undefined).join(', ');
  const budgetUsd = stage instanceof BulkheadStage ? stage.spec.monthlyBudgetUsd : undefined;
  return { title: `${stage.node.path}${env ? ` (${env})` : ''}`, scope: stage, stage, budgetUsd };
}

/** One validation run per group: the cost, the facts and the findings share one resolution of its resources. */
function groupOf(group: GroupScope, options: WorstCaseCostOptions): ReportGroup {
  const costs = new Map<string, FunctionCost>();
  const report = WorstCaseCost.of(group.scope, options);
  for (const c of report.functions) costs.set(c.path, c);
  const functions = functionsUnder(group.scope).map((cfn) => ({ facts: factsOf(cfn), cost: costs.get(cfn.node.path) }));
  const pack = new BulkheadChecks();
  const stage = group.stage;
  return {
    title: group.title,
    ...(stage ? { stagePath: stage.node.path, account: literal(stage.account), region: literal(stage.region) } : {}),
    ...(group.budgetUsd !== undefined ? { budgetUsd: group.budgetUsd } : {}),
    functions,
    totalUsd: report.totalMonthlyUsd,
    fixedUsd: report.fixedMonthlyUsd,
    findings: pack.findingsFor(group.scope),
    acknowledgedFindings: pack.acknowledgedFindingsFor(group.scope),
    acknowledgements: walk(group.scope, acknowledgementsOn),
    warnings: walk(group.scope, warningsOn),
  };
}

function literal(value: string | undefined): string | undefined {
  return value === undefined || value.startsWith('${Token') ? undefined : value;
}

/** Collects `read(node)` over the group's own constructs (nested stages are groups of their own). */
function walk<T>(scope: IConstruct, read: (node: IConstruct) => T[]): T[] {
  const out: T[] = [];
  const visit = (node: IConstruct): void => {
    out.push(...read(node));
    for (const child of node.node.children) if (!Stage.isStage(child)) visit(child);
  };
  visit(scope);
  return out;
}

function warningsOn(node: IConstruct): ReportWarning[] {
  return node.node.metadata
    .filter((m) => m.type === cxschema.ArtifactMetadataEntryType.WARN)
    .map((m) => ({ constructPath: node.node.path, message: String(m.data) }));
}
