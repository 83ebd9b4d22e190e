export { FAILED_SYNTH_FINDINGS_FILE } from '../core/assembly-files';
/** Version of the file's shape; readers refuse other versions. */
export const FAILED_SYNTH_FINDINGS_SCHEMA = 1;

/** One finding as the findings file holds it. */
export interface RecordedFinding {
  readonly stage: string;
  readonly stack: string;
  readonly ruleId: string;
  readonly findingId: string;
  readonly level: string;
  readonly threat: string;
  readonly constructPath: string;
  readonly logicalId: string;
  readonly message: string;
  /** Whether this finding fails synth (its level, under the stage's `failOn`). */
  readonly failing: boolean;
}
