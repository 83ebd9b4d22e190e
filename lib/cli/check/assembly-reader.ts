import * as path from 'path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { UsageError } from '../io';
import { assemblyAcknowledgements } from './acknowledgements';
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
  return stacks.map((stack) => loadTemplateFile(stack.templateFullPath, stack.hierarchicalId || stack.stackName, assemblyAcknowledgements(stack)));
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
