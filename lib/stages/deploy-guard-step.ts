import * as fs from 'fs';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { invalidProp } from '../core/errors';
import { BULKHEAD_VERSION } from '../version';
import { BulkheadStage } from './bulkhead-stage';

/** Props of `DeployGuardStep`. */
export interface DeployGuardStepProps {
  /** The stage the pipeline is about to deploy. */
  readonly stage: BulkheadStage;
  /** The cloud assembly the pipeline deploys, i.e. `pipeline.cloudAssemblyFileSet`. */
  readonly input: pipelines.IFileSetProducer;
  /**
   * Steps that must finish before the guard runs, e.g. prod's `ManualApprovalStep`: the guard then checks the
   * accounts immediately before the deploy actions, not in parallel with a review that may take days.
   * @default - none
   */
  readonly after?: pipelines.Step[];
  /**
   * Upper bound for each STS call, in milliseconds.
   * @default 10000
   */
  readonly timeoutMs?: number;
}

/** Where the pinned CLI is installed, relative to the step's working directory (the cloud assembly). */
const PREFIX = '.bulkhead-guard';

/** The exact version of an installed package, read from its package.json. */
function installedVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    throw invalidProp(
      'DeployGuardStep',
      'installed packages',
      `${name} (version unreadable)`,
      'a resolvable package.json for each package the guard needs',
      `install ${name} in the app that synthesizes the pipeline`,
    );
  }
}

/**
 * The deploy guard as a CDK Pipelines step (T9, T10): in the pipeline's account, it assumes the deploy role of each
 * of the stage's stacks, exactly the role the stage's CloudFormation actions will assume (read from the cloud
 * assembly, with the placeholders filled as CDK Pipelines fills them), and exits non-zero unless STS says those
 * credentials are the stage's account. Every failure to obtain the role's credentials fails the step; it never
 * falls back to the pipeline's own credentials (`--allow-account` is refused there).
 *
 * The CLI is installed with the exact versions that synthesized the assembly (cdk-bulkhead and its peers), scripts
 * off, into a directory of its own: never an unpinned global install in a step that may assume the prod deploy role.
 * Pass `after: [approval]` in prod so the guard runs after the manual approval, immediately before the deploy.
 */
export class DeployGuardStep extends pipelines.CodeBuildStep {
  /**
   * The install commands: `npm install` of the exact versions of cdk-bulkhead, aws-cdk-lib, constructs and cdk-nag
   * loaded by this synth, `--ignore-scripts`, into `.bulkhead-guard`.
   */
  public static pinnedInstallCommands(): string[] {
    const packages = [
      `cdk-bulkhead@${BULKHEAD_VERSION}`,
      ...['aws-cdk-lib', 'constructs', 'cdk-nag'].map((p) => `${p}@${installedVersion(p)}`),
    ];
    return [`npm install --prefix ${PREFIX} --no-save --no-audit --no-fund --ignore-scripts ${packages.join(' ')}`];
  }

  /** The guard's command for `stageId`, run from the cloud assembly's root with the CLI `pinnedInstallCommands` installed. */
  public static verifyCommand(stageId: string, timeoutMs: number): string {
    return `node ${PREFIX}/node_modules/cdk-bulkhead/bin/bulkhead.js verify-account --stage ${stageId} --assembly . --assume-deploy-role --timeout ${timeoutMs}`;
  }

  /** The stage this step guards. */
  public readonly stage: BulkheadStage;

  constructor(id: string, props: DeployGuardStepProps) {
    const timeoutMs = props.timeoutMs ?? 10_000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 120_000) {
      throw invalidProp(
        `DeployGuardStep ${id}`,
        'timeoutMs',
        timeoutMs,
        'an integer 1-120000 (milliseconds)',
        'set e.g. 10000, or leave it out',
      );
    }
    const account = props.stage.spec.account;
    super(id, {
      input: props.input,
      installCommands: DeployGuardStep.pinnedInstallCommands(),
      commands: [DeployGuardStep.verifyCommand(props.stage.node.path, timeoutMs)],
      rolePolicyStatements: [
        new iam.PolicyStatement({
          // The same grant CDK Pipelines gives its own steps: the stage account's CDK bootstrap deploy roles, by tag.
          actions: ['sts:AssumeRole'],
          resources: [`arn:${cdk.Aws.PARTITION}:iam::${account}:role/*`],
          conditions: { 'ForAnyValue:StringEquals': { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy'] } },
        }),
      ],
    });
    this.stage = props.stage;
    for (const before of props.after ?? []) this.addStepDependency(before);
  }
}
