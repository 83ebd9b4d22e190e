import { IConstruct } from 'constructs';
import { BulkheadFinding } from '../checks';

/** Stored on the stage itself, like FunctionProfiles, so several loaded copies of the library agree. */
const FINDINGS = Symbol.for('cdk-bulkhead.StageFindings');

/**
 * A stage's own validation runs the pack before the validation plugins of the same synth, over the same finished
 * tree; the stage plugin takes those findings once instead of running every rule again.
 */
export function rememberStageFindings(stage: IConstruct, findings: BulkheadFinding[]): void {
  (stage as any)[FINDINGS] = findings;
}

/** The findings the stage's validation left for this synth (then forgotten), or undefined when it has not run. */
export function takeStageFindings(stage: IConstruct): BulkheadFinding[] | undefined {
  const findings = (stage as any)[FINDINGS] as BulkheadFinding[] | undefined;
  delete (stage as any)[FINDINGS];
  return findings;
}
