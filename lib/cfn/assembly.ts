import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';

/** Why a directory is not a cloud assembly that can be read. */
export enum AssemblyProblem {
  NO_DIRECTORY = 'no-directory',
  NOT_A_DIRECTORY = 'not-a-directory',
  NO_MANIFEST = 'no-manifest',
  UNREADABLE = 'unreadable',
}

/** A directory that is not a readable cloud assembly; each caller words it for its own users. */
export class AssemblyUnreadable extends Error {
  constructor(
    public readonly problem: AssemblyProblem,
    public readonly detail: string = '',
  ) {
    super(`${problem}${detail ? `: ${detail}` : ''}`);
    this.name = 'AssemblyUnreadable';
    Object.setPrototypeOf(this, AssemblyUnreadable.prototype);
  }
}

/** The cloud assembly synthesized into `dir` (a cdk.out), read with aws-cdk-lib's own reader. */
export function openCloudAssembly(dir: string): cxapi.CloudAssembly {
  if (!fs.existsSync(dir)) throw new AssemblyUnreadable(AssemblyProblem.NO_DIRECTORY);
  if (!fs.statSync(dir).isDirectory()) throw new AssemblyUnreadable(AssemblyProblem.NOT_A_DIRECTORY);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new AssemblyUnreadable(AssemblyProblem.NO_MANIFEST);
  try {
    return new cxapi.CloudAssembly(dir);
  } catch (e) {
    throw new AssemblyUnreadable(AssemblyProblem.UNREADABLE, String((e as Error)?.message ?? e).split('\n')[0]);
  }
}
