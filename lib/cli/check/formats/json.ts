import { Finding, Summary, TemplateResult } from '../findings';

/**
 * `{ findings: [{ rule, id, level, resource, template, message }], summary: { templates, resources, errors, warnings } }`;
 * findings from a cloud assembly also carry `stack` and `constructPath`; findings on what a SAM resource generates
 * carry `part`, `generatedId` and `line`; `acknowledged` lists the findings an acknowledgement hides (Bulkhead pack),
 * each with `acknowledgement: { id, reason }`; they never count in `summary`.
 */
export function renderJson(results: TemplateResult[], summary: Summary): string {
  const shape = (f: Finding) => ({
    rule: f.rule,
    id: f.id,
    level: f.level,
    resource: f.resource,
    ...(f.part !== undefined ? { part: f.part } : {}),
    ...(f.generatedId !== undefined ? { generatedId: f.generatedId } : {}),
    template: f.template,
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
    message: f.message,
    ...(f.acknowledgement !== undefined ? { acknowledgement: f.acknowledgement } : {}),
  });
  const findings = results.flatMap((r) => r.findings).map(shape);
  const acknowledged = results.flatMap((r) => r.acknowledged).map(shape);
  return JSON.stringify({ findings, acknowledged, summary }, null, 2) + '\n';
}
