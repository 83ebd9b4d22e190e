import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { BulkheadFinding, FindingLevel } from '../checks';
import { WRITTEN_PER_SYNTH } from '../core/assembly-files';
import { FAILED_SYNTH_FINDINGS_FILE, FAILED_SYNTH_FINDINGS_SCHEMA, RecordedFinding } from './failed-synth-file';

/** One stage's verdict: every finding (warnings included) and the ones that fail its synth. */
export interface StageVerdict {
  readonly findings: BulkheadFinding[];
  readonly failing: BulkheadFinding[];
}

/** A stage's check, registered on the App so the first failing stage can judge the others. */
interface Registered {
  readonly stage: Stage;
  readonly check: () => StageVerdict;
}

/** Kept on the root itself (like FunctionProfiles), so several loaded copies of the library share it. */
const REGISTRY = Symbol.for('cdk-bulkhead.AppStageChecks');

function registry(root: IConstruct): Registered[] {
  const holder = root as unknown as { [REGISTRY]?: Registered[] };
  return holder[REGISTRY] ?? (holder[REGISTRY] = []);
}

/** Where the App writes its cloud assembly (a root Stage in tests has its own). */
function rootOutdir(stage: Stage): string | undefined {
  const root = stage.node.root;
  if (App.isApp(root) || Stage.isStage(root)) return (root as Stage).outdir;
  return undefined;
}

/**
 * Registers `stage` and forgets the report and findings files a previous synth left: a findings file then always
 * means that the latest synth of this App failed, and a report always belongs to the latest synth.
 */
export function registerStageCheck(stage: Stage, check: () => StageVerdict): void {
  registry(stage.node.root).push({ stage, check });
  const outdir = rootOutdir(stage);
  if (outdir !== undefined) for (const file of WRITTEN_PER_SYNTH) fs.rmSync(path.join(outdir, file), { force: true });
}

/** The message a failing finding gives at synth; `other` names the stage when it is not the one CDK shows. */
export function findingMessage(f: BulkheadFinding, other?: Stage): string {
  return (
    `${other ? `(stage ${other.node.path}) ` : ''}${f.ruleId} (${f.threat}) at ${f.resourcePath}: ${f.message} ` +
    `[fix it, or acknowledge with Validations.of(construct).acknowledge({ id: '${f.findingId}', reason })]`
  );
}

/**
 * The validation messages of `stage`. CDK synthesizes stages one after another and stops at the first that fails,
 * so a team fixing dev would only then learn about prod: when this stage fails, every other Bulkhead stage of the
 * App is judged too and its failing findings are listed here, and all of them are written to
 * `bulkhead-findings.json` for `bulkhead check --assembly` (the failed synth writes no templates to read).
 */
export function validateStage(stage: Stage, own: StageVerdict): string[] {
  if (own.failing.length === 0) return [];
  const verdicts = [{ stage, verdict: own }];
  for (const other of registry(stage.node.root)) {
    if (other.stage !== stage) verdicts.push({ stage: other.stage, verdict: other.check() });
  }
  writeFindingsFile(stage, verdicts);
  return verdicts.flatMap(({ stage: s, verdict }) => verdict.failing.map((f) => findingMessage(f, s === stage ? undefined : s)));
}

function writeFindingsFile(stage: Stage, verdicts: Array<{ stage: Stage; verdict: StageVerdict }>): void {
  const outdir = rootOutdir(stage);
  if (outdir === undefined) return;
  const findings: RecordedFinding[] = verdicts.flatMap(({ stage: s, verdict }) =>
    verdict.findings.map((f) => ({
      stage: s.node.path,
      stack: stackOf(stage.node.root, f.resourcePath),
      ruleId: f.ruleId,
      findingId: f.findingId,
      level: f.level === FindingLevel.ERROR ? 'error' : 'warning',
      threat: f.threat,
      constructPath: f.resourcePath,
      logicalId: f.logicalId,
      message: f.message,
      failing: verdict.failing.includes(f),
    })),
  );
  const app = require.main?.filename;
  const content = {
    schemaVersion: FAILED_SYNTH_FINDINGS_SCHEMA,
    synth: 'failed',
    // The entry point: the one source file a reviewer can always open, when no template was written.
    ...(app !== undefined ? { app: path.relative(process.cwd(), app).split(path.sep).join('/') } : {}),
    findings,
  };
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, FAILED_SYNTH_FINDINGS_FILE), `${JSON.stringify(content, null, 2)}\n`);
}

/** The path of the top-level stack holding the construct at `constructPath`, as `bulkhead check` names stacks. */
function stackOf(root: IConstruct, constructPath: string): string {
  let node: IConstruct | undefined = root;
  for (const part of constructPath.split('/')) {
    node = node?.node.tryFindChild(part);
    if (node !== undefined && Stack.isStack(node)) return node.node.path;
  }
  return '';
}
