import { IConstruct } from 'constructs';
import { BulkheadBlueprint } from './bulkhead-blueprint';

/**
 * The org blueprint's section of the Bulkhead report (empty when no blueprint covers `scope`): the functions by
 * kind, every default a team overrode, and the acknowledgements, the team's one by one. The full lists are in
 * bulkhead-blueprint.json.
 */
export function blueprintReportSection(scope: IConstruct): string[] {
  const blueprint = BulkheadBlueprint.of(scope) ?? blueprintBelow(scope);
  if (blueprint === undefined) return [];
  const report = blueprint.report(scope);
  const kinds = new Map<string, number>();
  for (const f of report.functions) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const title = 'Org blueprint';
  const lines = [title, '-'.repeat(title.length)];
  lines.push(`  functions    ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none'}`);
  const overrides = report.functions.flatMap((f) =>
    f.overrides.map((o) => `    ${f.path}: ${o.prop} ${o.value} (blueprint: ${o.blueprint})`),
  );
  lines.push(overrides.length === 0 ? '  overrides    none' : `  overrides (${overrides.length}):`, ...overrides);
  const team = report.acknowledgements.filter((a) => a.by === 'team');
  lines.push(
    team.length === 0 ? '  team acks    none' : `  team acks (${team.length}):`,
    ...team.map((a) => `    ${a.id} at ${a.path}, expires ${a.expires}: ${a.reason}`),
  );
  const library = report.acknowledgements.length - team.length;
  lines.push(`  library acks ${library} (on aws-cdk-lib's own handlers and cdk-bulkhead's parts; each in bulkhead-blueprint.json)`, '');
  return lines;
}

/** A blueprint applied to a Stage below `scope` (the report renders the whole App). */
function blueprintBelow(scope: IConstruct): BulkheadBlueprint | undefined {
  for (const c of scope.node.findAll()) {
    const found = BulkheadBlueprint.of(c);
    if (found) return found;
  }
  return undefined;
}
