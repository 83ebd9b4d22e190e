import * as path from 'path';
import { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { UsageError } from '../io';
import { assemblyAcknowledgements, cdkHandlerAcknowledgements } from './acknowledgements';
import { SourceLocation } from './findings';
import { loadTemplateFile, LoadedTemplate } from './template-loader';
import { displayPath } from '../../core/display';
import { AssemblyProblem, AssemblyUnreadable, openCloudAssembly } from '../../cfn/assembly';

/**
 * Every stack template of a synthesized cloud assembly, stages (nested assemblies) included at any depth:
 * findings in nested stages are the ones a top-level-only reader silently loses.
 */
export function readAssembly(dirArg: string): LoadedTemplate[] {
  const stacks = openAssembly(dirArg).stacksRecursively;
  if (stacks.length === 0) throw new UsageError(`--assembly ${displayPath(path.resolve(dirArg))}: the assembly has no stacks`);
  return stacks.map((stack) => {
    const loaded = loadTemplateFile(stack.templateFullPath, stack.hierarchicalId || stack.stackName, [
      ...assemblyAcknowledgements(stack),
      ...cdkHandlerAcknowledgements(stack),
    ]);
    const sources = recordedSources(stack);
    // The manifest maps every logical ID to its construct path, even when templates carry no aws:cdk:path.
    const paths = new Map(
      stack
        .findMetadataByType('aws:cdk:logicalId')
        .filter((m) => typeof m.data === 'string')
        .map((m) => [m.data as string, m.path.replace(/^\//, '')]),
    );
    const { account, region } = stack.environment;
    return {
      ...loaded,
      deployment: { account, region, stackName: stack.stackName, group: stack.assembly.directory },
      sourceOf: (logicalId: string) => sources.get(logicalId),
      constructPathOf: (logicalId: string) => paths.get(logicalId),
    };
  });
}

/**
 * The app source line that created each resource, from the creation stack CDK records next to its logical ID
 * (`aws:cdk:creationStack`, on unless the app sets `aws:cdk:disable-creation-stack-traces`): the first frame outside
 * node_modules, aws-cdk-lib and Node's own code.
 */
function recordedSources(stack: CloudFormationStackArtifact): Map<string, SourceLocation> {
  const logicalIds = new Map<string, string>();
  for (const m of stack.findMetadataByType('aws:cdk:logicalId')) if (typeof m.data === 'string') logicalIds.set(m.path, m.data);
  const sources = new Map<string, SourceLocation>();
  for (const entry of stack.findMetadataByType('aws:cdk:creationStack')) {
    const logicalId = logicalIds.get(entry.path);
    if (logicalId === undefined || !Array.isArray(entry.data)) continue;
    for (const frame of entry.data as unknown[]) {
      const m = typeof frame === 'string' ? /\(?((?:[A-Za-z]:)?[^():]+):(\d+):\d+\)?\s*$/.exec(frame) : null;
      if (!m || /node_modules|^node:|^internal\//.test(m[1]) || !path.isAbsolute(m[1])) continue;
      sources.set(logicalId, { file: displayPath(m[1]), line: Number(m[2]) });
      break;
    }
  }
  return sources;
}

const WHY: { [problem in AssemblyProblem]: string } = {
  [AssemblyProblem.NO_DIRECTORY]: 'no such directory; run `cdk synth` first or pass --assembly <dir>',
  [AssemblyProblem.NOT_A_DIRECTORY]: 'not a directory (expected a synthesized cdk.out)',
  [AssemblyProblem.NO_MANIFEST]: 'no manifest.json; run `cdk synth` first or point at its output directory',
  [AssemblyProblem.UNREADABLE]: 'not a readable cloud assembly: ',
};

/** The cloud assembly in `dirArg` (`--assembly`), or a one-line reason why it cannot be read. */
export function openAssembly(dirArg: string): CloudAssembly {
  const dir = path.resolve(dirArg);
  try {
    return openCloudAssembly(dir);
  } catch (e) {
    if (!(e instanceof AssemblyUnreadable)) throw e;
    throw new UsageError(`--assembly ${displayPath(dir)}: ${WHY[e.problem]}${e.detail}`);
  }
}
