import { Finding, resourceLabel, TemplateResult } from '../findings';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/cdk-bulkhead/cdk-bulkhead';

/** SARIF wants URIs: relative paths stay relative (code scanning resolves them against the checkout). */
function artifactUri(template: string): string {
  if (template.startsWith('/')) return `file://${encodeURI(template)}`;
  return encodeURI(template);
}

/** SARIF 2.1.0 log for code-scanning tools (GitHub code scanning, SonarQube, ...). */
export function renderSarif(results: TemplateResult[], version: string): string {
  const findings: Finding[] = results.flatMap((r) => r.findings);
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => {
    const first = findings.find((f) => f.rule === id)!;
    const level = findings.some((f) => f.rule === id && f.level === 'error') ? 'error' : 'warning';
    return {
      id,
      shortDescription: { text: first.ruleDescription },
      helpUri: first.helpUri,
      defaultConfiguration: { level },
    };
  });
  const sarifResults = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: f.level,
    message: { text: `${resourceLabel(f)}: ${f.message}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: artifactUri(f.template) },
        ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
      },
      logicalLocations: [{ name: f.resource, kind: 'resource', ...(f.stack ? { fullyQualifiedName: `${f.stack}/${f.generatedId ?? f.resource}` } : f.generatedId ? { fullyQualifiedName: `${f.resource}/${f.generatedId}` } : {}) }],
    }],
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-bulkhead', version, informationUri: INFORMATION_URI, rules } },
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
