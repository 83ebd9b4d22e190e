/** Reads the Bulkhead report's text back into stages and function blocks, so tests assert values, not layout. */
export interface ReportFunction {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly fields: { [label: string]: string };
}

export interface ReportStage {
  readonly title: string;
  readonly functions: ReportFunction[];
  readonly total: string;
  readonly findings: string[];
}

export function parseReport(text: string): { head: string; stages: ReportStage[] } {
  const lines = text.split('\n');
  const head = lines.find((l) => l.startsWith('Bulkhead report:')) ?? '';
  const stages: ReportStage[] = [];
  let stage: { title: string; functions: ReportFunction[]; total: string; findings: string[] } | undefined;
  let fn: ReportFunction | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^-+$/.test(lines[i + 1] ?? '') && line.length > 0 && !line.startsWith(' ')) {
      stage = { title: line, functions: [], total: '', findings: [] };
      stages.push(stage);
      fn = undefined;
      continue;
    }
    if (!stage) continue;
    const fnHead = /^ {2}(\S+) {2}\[([^\]]+)\] (\S+)$/.exec(line);
    if (fnHead) {
      fn = { name: fnHead[1], kind: fnHead[2], path: fnHead[3], fields: {} };
      stage.functions.push(fn);
      continue;
    }
    const field = /^ {4}(\S(?:.*?\S)?) {2,}(.*)$/.exec(line);
    if (field && fn && !line.startsWith('    ERROR') && !line.startsWith('    WARNING')) {
      fn.fields[field[1].trim()] = field[2];
      continue;
    }
    const total = /^ {2}stage total +(.*)$/.exec(line);
    if (total) { stage.total = total[1]; fn = undefined; continue; }
    const none = /^ {2}findings +none$/.exec(line);
    if (none) { stage.findings = []; continue; }
    if (/^ {4}(ERROR|WARNING) /.test(line)) stage.findings.push(line.trim());
  }
  return { head, stages };
}
