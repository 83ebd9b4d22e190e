import { createHash } from 'crypto';
import { Finding, resourceLabel, TemplateResult } from '../findings';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/cdk-bulkhead/cdk-bulkhead';
/** The fingerprint's name carries its version: change the inputs, change the name, so old alerts are not mismatched. */
const FINGERPRINT = 'bulkheadFinding/v1';

/** SARIF wants URIs: relative paths stay relative (code scanning resolves them against the checkout). */
function artifactUri(template: string): string {
  if (template.startsWith('/')) return `file://${encodeURI(template)}`;
  return encodeURI(template);
}

/**
 * What identifies a finding across runs: the acknowledgeable id (rule and key), the stack (or template) and the
 * resource; not the message or line, which move when unrelated code changes.
 */
function fingerprint(f: Finding): string {
  return createHash('sha256')
    .update([f.id, f.stack ?? f.template, f.constructPath ?? f.generatedId ?? f.resource].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** The code that made the resource when CDK recorded it, else the template line; both when both are known. */
function locations(f: Finding): { locations: object[]; relatedLocations?: object[] } {
  const template = {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(f.template) },
      ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
    },
  };
  const logicalLocations = [
    {
      name: f.resource,
      kind: 'resource',
      fullyQualifiedName:
        f.constructPath ??
        (f.stack ? `${f.stack}/${f.generatedId ?? f.resource}` : f.generatedId ? `${f.resource}/${f.generatedId}` : f.resource),
    },
  ];
  if (f.source === undefined) return { locations: [{ ...template, logicalLocations }] };
  const source = { physicalLocation: { artifactLocation: { uri: artifactUri(f.source.file) }, region: { startLine: f.source.line } } };
  return {
    locations: [{ ...source, logicalLocations }],
    relatedLocations: [{ id: 1, ...template, message: { text: 'the synthesized template' } }],
  };
}

function result(f: Finding, ruleIndex: number): object {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.level,
    message: { text: `${resourceLabel(f)}: ${f.message}` },
    ...locations(f),
    partialFingerprints: { [FINGERPRINT]: fingerprint(f) },
    ...(f.acknowledgement
      ? {
          suppressions: [{ kind: 'inSource', status: 'accepted', justification: `${f.acknowledgement.id}: ${f.acknowledgement.reason}` }],
        }
      : {}),
  };
}

/**
 * SARIF 2.1.0 log for code-scanning tools (GitHub code scanning, SonarQube, ...). Acknowledged findings are results
 * with an `inSource` suppression whose justification is the reason, so a reviewer sees what was accepted and why.
 */
export function renderSarif(results: TemplateResult[], version: string): string {
  const open: Finding[] = results.flatMap((r) => r.findings);
  const acknowledged: Finding[] = results.flatMap((r) => r.acknowledged);
  const all = [...open, ...acknowledged];
  const ruleIds = [...new Set(all.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => {
    const first = all.find((f) => f.rule === id)!;
    const level = all.some((f) => f.rule === id && f.level === 'error') ? 'error' : 'warning';
    return {
      id,
      shortDescription: { text: first.ruleDescription },
      helpUri: first.helpUri,
      defaultConfiguration: { level },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cdk-bulkhead', version, informationUri: INFORMATION_URI, rules } },
        results: all.map((f) => result(f, ruleIds.indexOf(f.rule))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
