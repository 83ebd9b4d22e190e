import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { AdversarialCase, CORPUS_DATE } from './corpus/case';

/**
 * Scores the adversarial corpus through the stable black-box interface: `bulkhead check <many files> --format json
 * --separately` in one process for the single-template cases, one process per case of several templates (judged
 * together, as one app). A batch that does not end with exit 0/1 and a JSON report is split until the cases at fault
 * are alone, so one crash names its case instead of hiding the rest.
 */

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/bulkhead.js');

/** One finding as the JSON report gives it. */
export interface ReportedFinding {
  readonly rule: string;
  readonly level: string;
  readonly resource: string;
  readonly message: string;
}

/** How one case went. */
export interface CaseOutcome {
  readonly case: AdversarialCase;
  readonly findings: ReportedFinding[];
  /** Why the run failed on this case (exit code, a trace, a rule that threw, a hang); undefined when it did not. */
  readonly failure?: string;
  /** Dirty cases: every expected rule reported. */
  readonly detected: boolean;
  /** Clean cases: the error findings raised anyway. */
  readonly falseErrors: ReportedFinding[];
  /** The case behaves as its label says (detected, clean, or the broken-output run ended properly). */
  readonly pass: boolean;
}

const fileOf = (dir: string, name: string, template: object | string): string =>
  path.join(dir, `${name}.${typeof template === 'string' ? 'yaml' : 'json'}`);

/** The files of a case written to `dir`: its template first, then its other templates. */
export function caseFiles(c: AdversarialCase, dir: string): string[] {
  return [
    fileOf(dir, c.id, c.template),
    ...Object.entries(c.otherTemplates ?? {}).map(([name, template]) => fileOf(dir, `${c.id}.${name}`, template)),
  ];
}

/**
 * Writes every case to `dir` (`<id>.json` or `<id>.yaml`, other templates `<id>.<name>.json|yaml`, assets in
 * `<id>.assets/`); returns the file of each case's template → case.
 */
export function writeCorpus(cases: readonly AdversarialCase[], dir: string): Map<string, AdversarialCase> {
  const files = new Map<string, AdversarialCase>();
  for (const c of cases) {
    const templates = [c.template, ...Object.values(c.otherTemplates ?? {})];
    caseFiles(c, dir).forEach((f, i) => {
      const template = templates[i];
      fs.writeFileSync(f, typeof template === 'string' ? template : JSON.stringify(template, null, 1));
    });
    const file = caseFiles(c, dir)[0];
    for (const [name, text] of Object.entries(c.assets ?? {})) {
      const target = path.join(dir, `${c.id}.assets`, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    files.set(file, c);
  }
  return files;
}

/** A written YAML copy of a case, for a reader who wants to run it by hand. */
export function caseAsYaml(c: AdversarialCase): string {
  return typeof c.template === 'string' ? c.template : stringify(c.template);
}

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const TRACE = /^\s+at .+:\d+:\d+\)?$/m;

function runCheck(files: string[], timeoutMs: number, separately = true): RunResult {
  const args = [BIN, 'check', ...files, '--format', 'json', '--today', CORPUS_DATE, ...(separately ? ['--separately'] : [])];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
  };
}

function batchFailure(r: RunResult): string | undefined {
  if (r.timedOut) return 'did not finish in time';
  if (TRACE.test(r.stderr)) return `printed a stack trace: ${r.stderr.split('\n')[0]}`;
  if (r.status !== 0 && r.status !== 1) return `exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`;
  try {
    JSON.parse(r.stdout);
  } catch {
    return 'the report is not JSON';
  }
  return undefined;
}

/**
 * Findings by template file; failures of single files by file. `together`: the files of one case, judged as one
 * app, never split (a failure is the failure of the first file, the case's template).
 */
function checkFiles(
  files: string[],
  perFileMs: number,
  failures: Map<string, string>,
  found: Map<string, ReportedFinding[]>,
  together = false,
): void {
  if (files.length === 0) return;
  const r = runCheck(files, 30000 + perFileMs * files.length, !together);
  const failure = batchFailure(r);
  if (failure === undefined) {
    const report = JSON.parse(r.stdout) as { findings: Array<ReportedFinding & { template: string }> };
    for (const f of report.findings) {
      const file = path.resolve(ROOT, f.template);
      found.set(file, [...(found.get(file) ?? []), f]);
    }
    return;
  }
  if (files.length === 1 || together) {
    failures.set(files[0], failure);
    return;
  }
  const half = Math.ceil(files.length / 2);
  checkFiles(files.slice(0, half), perFileMs, failures, found);
  checkFiles(files.slice(half), perFileMs, failures, found);
}

/** Runs one case with its output broken; undefined when the run ended as it must. */
async function brokenOutputFailure(file: string, io: 'closed-pipe' | 'full-disk'): Promise<string | undefined> {
  const stdout = io === 'full-disk' ? fs.openSync('/dev/full', 'w') : 'pipe';
  const child = spawn(process.execPath, [BIN, 'check', file, '--format', 'text', '--today', CORPUS_DATE], {
    cwd: ROOT,
    stdio: ['ignore', stdout, 'pipe'],
  });
  if (typeof stdout === 'number') fs.closeSync(stdout);
  if (io === 'closed-pipe') child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const status = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 60000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const lines = stderr.trim() === '' ? 0 : stderr.trim().split('\n').length;
  if (status === null) return 'did not finish in time';
  if (TRACE.test(stderr)) return `printed a stack trace (exit ${status})`;
  if (lines > 1) return `printed ${lines} lines on stderr`;
  if (io === 'full-disk' && status !== 2) return `exit ${status} with stdout on a full disk (wanted 2 and one line)`;
  if (io === 'full-disk' && lines !== 1) return 'exit 2 without a reason on stderr';
  return undefined;
}

/** JavaScript's own error texts: a refusal that says one of these leaks an internal failure instead of a reason. */
const INTERNAL_ERROR =
  /is not a function|is not iterable|Cannot read propert|Cannot convert|Maximum call stack|undefined is not|of undefined|of null/;

/** `bulkhead check <file> --format json` in a child process, without blocking (refusals run two at a time). */
function runCheckAsync(file: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'check', file, '--format', 'json', '--today', CORPUS_DATE], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}

/** Runs one template CloudFormation rejects; undefined when `bulkhead check` refused it properly. */
async function refusalFailure(file: string): Promise<string | undefined> {
  const r = await runCheckAsync(file, 60000);
  const lines = r.stderr.trim() === '' ? [] : r.stderr.trim().split('\n');
  if (r.timedOut) return 'did not finish in time';
  if (TRACE.test(r.stderr)) return `printed a stack trace: ${lines[0]}`;
  if (r.status !== 2) return `exit ${r.status} (wanted a refusal: exit 2 and one line)`;
  if (lines.length !== 1) return `printed ${lines.length} lines on stderr`;
  if (INTERNAL_ERROR.test(lines[0])) return `refused with an internal error instead of a reason: ${lines[0]}`;
  return undefined;
}

/** Every refusal case, two at a time (the machine's cores), into `failures`. */
async function checkRefusals(files: string[], failures: Map<string, string>): Promise<void> {
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const failure = await refusalFailure(file);
      if (failure !== undefined) failures.set(file, failure);
    }
  };
  await Promise.all([worker(), worker()]);
}

/** Scores every case: one `bulkhead check` for all the templates, broken-output cases alone. */
export async function scoreCorpus(cases: readonly AdversarialCase[], options: { perFileMs?: number } = {}): Promise<CaseOutcome[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-adversarial-'));
  try {
    const files = writeCorpus(cases, dir);
    const failures = new Map<string, string>();
    const found = new Map<string, ReportedFinding[]>();
    const perFileMs = options.perFileMs ?? 2000;
    const batch = [...files].filter(([, c]) => c.io === undefined && !c.refused && c.otherTemplates === undefined).map(([f]) => f);
    checkFiles(batch, perFileMs, failures, found);
    for (const c of cases) if (c.otherTemplates !== undefined) checkFiles(caseFiles(c, dir), perFileMs, failures, found, true);
    await checkRefusals(
      [...files].filter(([, c]) => c.refused).map(([f]) => f),
      failures,
    );
    for (const [file, c] of files) {
      if (c.io === undefined) continue;
      const failure = await brokenOutputFailure(file, c.io);
      if (failure !== undefined) failures.set(file, failure);
    }
    return [...files].map(([file, c]) => {
      const findings = caseFiles(c, dir).flatMap((f) => found.get(f) ?? []);
      const thrown = findings.find((f) => /could not read the resource/.test(f.message));
      const failure = failures.get(file) ?? (thrown ? `a rule threw: ${thrown.message.split('\n')[0]}` : undefined);
      const reported = new Set(findings.map((f) => f.rule));
      const detected = !c.clean && c.io === undefined && !c.refused && c.expect.every((rule) => reported.has(rule));
      const falseErrors = c.clean ? findings.filter((f) => f.level === 'error') : [];
      const pass = failure === undefined && (c.io !== undefined || c.refused === true || (c.clean ? falseErrors.length === 0 : detected));
      return { case: c, findings, failure, detected, falseErrors, pass };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
