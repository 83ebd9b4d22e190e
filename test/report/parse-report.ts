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
  /** The stage's fixed monthly costs line, when there is one. */
  readonly fixed?: string;
  readonly findings: string[];
  /** Acknowledged findings, each with its acknowledgement. */
  readonly acknowledged: string[];
}

export function parseReport(text: string): { head: string; stages: ReportStage[] } {
  const lines = text.split('\n');
  const head = lines.find((l) => l.startsWith('Bulkhead report:')) ?? '';
  const stages: ReportStage[] = [];
  let stage:
    { title: string; functions: ReportFunction[]; total: string; fixed?: string; findings: string[]; acknowledged: string[] } | undefined;
  let section: 'findings' | 'acknowledged' | 'other' = 'findings';
  let fn: ReportFunction | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^-+$/.test(lines[i + 1] ?? '') && line.length > 0 && !line.startsWith(' ')) {
      stage = { title: line, functions: [], total: '', findings: [], acknowledged: [] };
      section = 'findings';
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
    if (total) {
      stage.total = total[1];
      fn = undefined;
      continue;
    }
    const fixed = /^ {2}fixed +(.*)$/.exec(line);
    if (fixed) {
      stage.fixed = fixed[1];
      continue;
    }
    const none = /^ {2}findings +none$/.exec(line);
    if (none) {
      stage.findings = [];
      continue;
    }
    if (/^ {2}findings \(\d+\):$/.test(line)) {
      section = 'findings';
      continue;
    }
    if (/^ {2}acknowledged \(\d+\):$/.test(line)) {
      section = 'acknowledged';
      continue;
    }
    if (/^ {2}\S/.test(line)) {
      section = 'other';
      continue;
    }
    if (/^ {4}(ERROR|WARNING) /.test(line)) {
      if (section === 'findings') stage.findings.push(line.trim());
      if (section === 'acknowledged') stage.acknowledged.push(line.trim());
    }
  }
  return { head, stages };
}
