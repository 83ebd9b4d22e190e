import * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const REGISTERED = Symbol.for('cdk-bulkhead.ReportPlugin');

/** The report plugin's name in the assembly's validation report. */
export const REPORT_PLUGIN_NAME = 'cdk-bulkhead-report';

/**
 * Prints the Bulkhead report under the `cdk` CLI and writes `bulkhead-report.txt`/`.json`: plugins run once the
 * whole assembly is written, the one moment the report can be made without the app calling BulkheadReport.run.
 * One per App, registered by every BulkheadStage and by a blueprint, so the report does not depend on which pack
 * plugin a stage ended up with (under a blueprint, the App's pack covers the stages and theirs is not added).
 */
export class ReportPlugin implements cdk.IPolicyValidationPlugin {
  /** Registers the App's one report plugin, once; nothing for a scope whose root is not an App. */
  public static registerOn(scope: IConstruct): void {
    const root = scope.node.root;
    if (!cdk.App.isApp(root)) return;
    const holder = root as unknown as { [REGISTERED]?: boolean };
    if (holder[REGISTERED]) return;
    holder[REGISTERED] = true;
    cdk.Validations.of(root).addPlugins(new ReportPlugin(root));
  }

  public readonly name = REPORT_PLUGIN_NAME;

  private constructor(private readonly root: cdk.App) {}

  public validate(_context: cdk.IPolicyValidationContext): cdk.PolicyValidationPluginReport {
    // Required lazily: lib/report imports lib/stages.
    const report: typeof import('../report/bulkhead-report') = require('../report/bulkhead-report');
    const auto: typeof import('../report/auto-report') = require('../report/auto-report');
    auto.writeReportUnderCli(this.root, (groups) => report.renderWithSections(this.root, groups), {
      text: report.BulkheadReport.FILE_NAME,
      json: report.BulkheadReport.JSON_FILE_NAME,
    });
    return { success: true, violations: [] };
  }
}
