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

function notYetLookedUp(app: App): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')) as { missing?: Array<{ key?: string }> };
    return (manifest.missing ?? []).some((m) => typeof m.key === 'string' && app.node.tryGetContext(m.key) === undefined);
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
  // Context the app looked up and was not given (e.g. a Vpc's availability zones): the CLI looks it up and runs the
  // app again, so this run is provisional and its report would be printed twice. A lookup the CLI could not make
  // (no credentials) comes back as an error value: that run is the last one, and prints.
  if (notYetLookedUp(root)) return;
  const groups = reportGroups(root, {});
  const text = `${render(groups)}\n`;
  fs.writeFileSync(path.join(root.outdir, files.text), text);
  fs.writeFileSync(path.join(root.outdir, files.json), renderReportJson(groups));
  process.stderr.write(`\n${text}`);
}
