import * as fs from 'fs';
import * as path from 'path';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { REPORT_PLUGIN_NAME } from '../stages/report-plugin';

/** One finding of a validation plugin, as the cloud assembly's validation report holds it. */
export interface PluginFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly description: string;
  readonly paths: string[];
}

/** One plugin's outcome. */
export interface PluginOutcome {
  readonly plugin: string;
  readonly success: boolean;
  readonly findings: PluginFinding[];
}

/**
 * The plugin reports of a synthesized assembly (`Validations.of(app).addPlugins(...)`, e.g. cdk-nag packs).
 *
 * Why read the file: the `cdk` CLI (2.1148.1) tells the app not to fail on plugin reports and then prints only the
 * findings of the stacks it selected; plain `cdk synth` selects no stack inside a Stage, so a cdk-nag error in a
 * stage was printed nowhere and the exit code was 0. The file is written in every mode, so it is the one place
 * every finding of every plugin can be read back.
 */
export function readPluginOutcomes(assemblyDir: string): PluginOutcome[] {
  const file = path.join(assemblyDir, VALIDATION_REPORT_FILE);
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { pluginReports?: any[] };
  // The report plugin only prints this report: it judges nothing, so it is not a plugin outcome of its own.
  return (report.pluginReports ?? [])
    .filter((r) => r.pluginName !== REPORT_PLUGIN_NAME)
    .map((r) => ({
      plugin: String(r.pluginName),
      success: r.conclusion !== 'failure',
      findings: (r.violations ?? []).map((v: any) => ({
        plugin: String(r.pluginName),
        rule: String(v.ruleName),
        severity: String(v.severity ?? 'error'),
        description: String(v.description ?? ''),
        paths: (v.violatingConstructs ?? []).map((c: any) => String(c.constructPath)),
      })),
    }));
}

/** `[Error at path] rule: description`, one line per construct, like the CLI prints for stacks it selected. */
export function formatPluginFindings(findings: PluginFinding[]): string[] {
  return findings.flatMap((f) => f.paths.map((p) => `[${capitalize(f.severity)} at ${p}] ${f.rule}: ${f.description}`));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
