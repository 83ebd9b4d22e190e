import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { renderReportJson } from './report-json';
import { reportGroups } from './report-model';

/** Set on the App while `BulkheadReport.synth` drives its synthesis: it writes and prints the report itself. */
const DRIVEN = Symbol.for('cdk-bulkhead.ReportDrivenBySynth');

/** Runs `body` with the App marked as reported by `BulkheadReport.synth`. */
export function drivenByReport<T>(app: App, body: () => T): T {
  const holder = app as unknown as { [DRIVEN]?: boolean };
  holder[DRIVEN] = true;
  try {
    return body();
  } finally {
    delete holder[DRIVEN];
  }
}

function missingContext(outdir: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { missing?: unknown[] };
    return (manifest.missing ?? []).length > 0;
  } catch {
    return false;
  }
}

/**
 * The report of an App synthesized by the `cdk` CLI without `BulkheadReport.run`: the stages' validation plugin
 * calls this once the assembly is written, so `cdk synth` of any app with Bulkhead stages prints the report and
 * leaves `bulkhead-report.txt` and `bulkhead-report.json` in cdk.out. In-process synths (tests, `app.synth()`
 * in scripts) are left alone: nobody reads their stderr, and the report costs a second pass over the rules.
 */
export function writeReportUnderCli(
  root: IConstruct,
  render: (groups: ReturnType<typeof reportGroups>) => string,
  files: { readonly text: string; readonly json: string },
): void {
  if (!App.isApp(root) || (root as unknown as { [DRIVEN]?: boolean })[DRIVEN]) return;
  if (process.env[cxapi.OUTDIR_ENV] === undefined) return;
  // Context the app looked up is missing (e.g. a Vpc's availability zones): the CLI fills it in and runs the app
  // again, so this assembly is provisional and its report would be printed twice, the first time from dummy values.
  if (missingContext(root.outdir)) return;
  const groups = reportGroups(root, {});
  const text = `${render(groups)}\n`;
  fs.writeFileSync(path.join(root.outdir, files.text), text);
  fs.writeFileSync(path.join(root.outdir, files.json), renderReportJson(groups));
  process.stderr.write(`\n${text}`);
}
