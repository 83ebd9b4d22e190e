import * as fs from 'fs';
import * as path from 'path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { UsageError } from '../io';
import { assemblyAcknowledgements } from './acknowledgements';
import { displayPath, loadTemplateFile, LoadedTemplate } from './template-loader';

/**
 * Every stack template of a synthesized cloud assembly, stages (nested assemblies) included at any depth:
 * findings in nested stages are the ones a top-level-only reader silently loses.
 */
export function readAssembly(dirArg: string): LoadedTemplate[] {
  const stacks = openAssembly(dirArg).stacksRecursively;
  if (stacks.length === 0) throw new UsageError(`--assembly ${displayPath(path.resolve(dirArg))}: the assembly has no stacks`);
  return stacks.map((stack) => loadTemplateFile(stack.templateFullPath, stack.hierarchicalId || stack.stackName, assemblyAcknowledgements(stack)));
}


/** The cloud assembly in `dirArg` (`--assembly`), or a one-line reason why it cannot be read. */
export function openAssembly(dirArg: string): CloudAssembly {
  const dir = path.resolve(dirArg);
  const shown = displayPath(dir);
  if (!fs.existsSync(dir)) throw new UsageError(`--assembly ${shown}: no such directory; run \`cdk synth\` first or pass --assembly <dir>`);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`--assembly ${shown}: not a directory (expected a synthesized cdk.out)`);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new UsageError(`--assembly ${shown}: no manifest.json; run \`cdk synth\` first or point at its output directory`);
  }
  try {
    return new CloudAssembly(dir);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(`--assembly ${shown}: not a readable cloud assembly: ${message.split('\n')[0]}`);
  }
}
