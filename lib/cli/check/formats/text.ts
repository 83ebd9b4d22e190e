import { resourceLabel, Summary, TemplateResult } from '../findings';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Human-readable report: findings grouped per template, `LEVEL rule resource: message`, then a summary line. */
export function renderText(results: TemplateResult[], summary: Summary, packs: string[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const title = result.stack ? `${result.stack} (${result.template})` : result.template;
    const acknowledged = result.acknowledged.length > 0 ? `; ${result.acknowledged.length} acknowledged` : '';
    if (result.findings.length === 0) {
      lines.push(`${title}: no findings (${plural(result.resources, 'resource')}${acknowledged})`);
      continue;
    }
    lines.push(`${title}: ${plural(result.findings.length, 'finding')} (${plural(result.resources, 'resource')}${acknowledged})`);
    const ruleWidth = Math.max(...result.findings.map((f) => f.rule.length));
    for (const f of result.findings) {
      const where = f.line !== undefined ? `${resourceLabel(f)} (line ${f.line})` : resourceLabel(f);
      lines.push(`  ${f.level.toUpperCase().padEnd(7)} ${f.rule.padEnd(ruleWidth)} ${where}: ${f.message.replace(/\s*\n\s*/g, ' ')}`);
    }
  }
  lines.push('');
  lines.push(
    `${plural(summary.templates, 'template')}, ${plural(summary.resources, 'resource')} checked with ` +
      `${packs.join(', ')}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`,
  );
  return lines.join('\n') + '\n';
}
