import { Summary, TemplateResult } from '../findings';

/**
 * `{ findings: [{ rule, id, level, resource, template, message }], summary: { templates, resources, errors, warnings } }`;
 * findings from a cloud assembly also carry `stack`.
 */
export function renderJson(results: TemplateResult[], summary: Summary): string {
  const findings = results.flatMap((r) => r.findings).map((f) => ({
    rule: f.rule,
    id: f.id,
    level: f.level,
    resource: f.resource,
    template: f.template,
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    message: f.message,
  }));
  return JSON.stringify({ findings, summary }, null, 2) + '\n';
}
