/** Files cdk-bulkhead writes into the cloud assembly directory (cdk.out). */

/** The Bulkhead report, as text. */
export const REPORT_TEXT_FILE = 'bulkhead-report.txt';
/** The Bulkhead report, as JSON. */
export const REPORT_JSON_FILE = 'bulkhead-report.json';
/** The findings a failed synth recorded, for `bulkhead check --assembly`. */
export const FAILED_SYNTH_FINDINGS_FILE = 'bulkhead-findings.json';

/**
 * What a new synth of the App removes first: the `cdk` CLI does not empty cdk.out, so a report from an earlier
 * successful synth would otherwise sit next to a failed one and look current.
 */
export const WRITTEN_PER_SYNTH = [REPORT_TEXT_FILE, REPORT_JSON_FILE, FAILED_SYNTH_FINDINGS_FILE];
