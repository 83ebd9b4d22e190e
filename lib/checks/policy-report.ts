import { PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { BulkheadFinding, FailOn, FindingLevel } from './levels';

/**
 * Findings as a CDK policy-validation report: one violation per finding id and message, listing its resources;
 * the report fails on errors, and on warnings too with `FailOn.WARNING`.
 */
export function policyReport(findings: BulkheadFinding[], failOn: FailOn): PolicyValidationPluginReport {
  const violations: PolicyViolation[] = [];
  const byRule = new Map<string, PolicyViolation>();
  for (const f of findings) {
    const key = `${f.findingId}\u0000${f.message}`;
    let v = byRule.get(key);
    if (!v) {
      v = { ruleName: f.findingId, description: f.message, severity: f.level, violatingResources: [] };
      byRule.set(key, v);
      violations.push(v);
    }
    (v.violatingResources as unknown[]).push({
      constructPath: f.resourcePath,
      resourceLogicalId: f.logicalId,
      templatePath: '',
      locations: ['Properties'],
    });
  }
  const failing = findings.some((f) => f.level === FindingLevel.ERROR || failOn === FailOn.WARNING);
  return { success: !failing, violations };
}
