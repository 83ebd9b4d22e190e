import { cents, centsOf } from '../billing/cost-table';
import { BULKHEAD_VERSION } from '../version';
import { BulkheadFinding } from '../checks';
import { ReportGroup } from './report-model';

/** Version of the JSON report's shape: a reader checks it before trusting any field. */
export const REPORT_SCHEMA_VERSION = 1;

function finding(f: BulkheadFinding): { [key: string]: unknown } {
  return {
    ruleId: f.ruleId,
    findingId: f.findingId,
    level: f.level,
    threat: f.threat,
    constructPath: f.resourcePath,
    logicalId: f.logicalId,
    message: f.message,
  };
}

/** The report as JSON (docs/cli.md, "bulkhead-report.json"). */
export function renderReportJson(groups: ReportGroup[]): string {
  const total = groups.reduce((n, g) => n + g.totalUsd, 0);
  const report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: `cdk-bulkhead ${BULKHEAD_VERSION}`,
    worstCaseMonthlyUsd: cents(total),
    stages: groups.map((g) => ({
      stage: g.stagePath ?? null,
      title: g.title,
      account: g.account ?? null,
      region: g.region ?? null,
      monthlyBudgetUsd: g.budgetUsd ?? null,
      worstCaseMonthlyUsd: cents(g.totalUsd),
      fixedMonthlyUsd: cents(g.fixedUsd),
      // No budget means no verdict: null, never a reassuring false.
      overBudget: g.budgetUsd === undefined ? null : g.totalUsd > g.budgetUsd,
      functions: g.functions.map(({ facts, cost }) => ({
        constructPath: facts.path,
        name: facts.name,
        kind: facts.kind,
        settings: {
          role: facts.role,
          ceiling: facts.ceiling,
          async: facts.async,
          onFailure: facts.onFailure,
          key: facts.key,
          alarms: facts.alarms,
        },
        cost: cost === undefined ? null : centsOf(cost),
        // aws-cdk-lib's custom-resource handlers: no cost because they run only at deploy time, not for lack of a figure.
        deployTimeOnly: facts.deployTimeOnly,
      })),
      findings: g.findings.map(finding),
      acknowledgedFindings: g.acknowledgedFindings.map((a) => ({ ...finding(a.finding), acknowledgement: { ...a.acknowledgement } })),
      acknowledgements: g.acknowledgements.map((a) => ({ ...a })),
      warnings: g.warnings,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
