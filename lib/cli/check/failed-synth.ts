import * as fs from 'fs';
import * as path from 'path';
import { FAILED_SYNTH_FINDINGS_FILE, FAILED_SYNTH_FINDINGS_SCHEMA, RecordedFinding } from '../../stages/failed-synth-file';
import { UsageError } from '../io';
import { compareFindings, Finding, Level, TemplateResult } from './findings';
import { bulkheadFinding } from './packs';
import { displayPath } from '../../core/display';

/** What a failed synth recorded, as results per stack; undefined when the latest synth of the assembly did not fail. */
export function failedSynthResults(dirArg: string): { results: TemplateResult[]; file: string } | undefined {
  const file = path.join(path.resolve(dirArg), FAILED_SYNTH_FINDINGS_FILE);
  if (!fs.existsSync(file)) return undefined;
  const shown = displayPath(file);
  let recorded: { schemaVersion?: unknown; app?: unknown; findings?: unknown };
  try {
    recorded = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${shown}: cannot read the findings of the failed synth: ${String((e as Error).message ?? e).split('\n')[0]}`);
  }
  if (recorded?.schemaVersion !== FAILED_SYNTH_FINDINGS_SCHEMA || !Array.isArray(recorded.findings)) {
    throw new UsageError(
      `${shown}: schemaVersion ${String(recorded?.schemaVersion)} is not ${FAILED_SYNTH_FINDINGS_SCHEMA}; ` +
        'synthesize again with the cdk-bulkhead version of this CLI',
    );
  }
  // No template was written: the app's entry point is the one file a reviewer can open.
  const source = typeof recorded.app === 'string' ? recorded.app : 'cdk.json';
  const byStack = new Map<string, Finding[]>();
  for (const r of recorded.findings as RecordedFinding[]) {
    const f = bulkheadFinding({ ...r, resourcePath: r.constructPath }, r.level === 'error' ? 'error' : ('warning' as Level));
    const list = byStack.get(r.stack) ?? [];
    list.push({
      rule: f.rule,
      id: f.id,
      level: f.level,
      resource: r.logicalId,
      template: source,
      stack: r.stack,
      message: f.message,
      ruleDescription: f.ruleDescription,
      helpUri: f.helpUri,
      constructPath: r.constructPath,
    });
    byStack.set(r.stack, list);
  }
  const results = [...byStack.entries()].map(([stack, findings]) => ({
    template: source,
    stack,
    resources: new Set(findings.map((f) => f.resource)).size,
    findings: findings.sort(compareFindings),
    acknowledged: [],
  }));
  return { results, file: shown };
}
