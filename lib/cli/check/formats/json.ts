import { Summary, TemplateResult } from '../findings';

/**
 * `{ findings: [{ rule, id, level, resource, template, message }], summary: { templates, resources, errors, warnings } }`;
 * findings from a cloud assembly also carry `stack`; findings on what a SAM resource generates carry `part`, `generatedId` and `line`.
 */
export function renderJson(results: TemplateResult[], summary: Summary): string {
  const findings = results.flatMap((r) => r.findings).map((f) => ({
    rule: f.rule,
    id: f.id,
    level: f.level,
    resource: f.resource,
    ...(f.part !== undefined ? { part: f.part } : {}),
    ...(f.generatedId !== undefined ? { generatedId: f.generatedId } : {}),
    template: f.template,
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    message: f.message,
  }));
  return JSON.stringify({ findings, summary }, null, 2) + '\n';
}
