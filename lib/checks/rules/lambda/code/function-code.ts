import * as fs from 'fs';
import { CfnResource } from 'aws-cdk-lib';
import { props } from '../../../../cfn/resolve';
import { textOf, UNKNOWN } from '../../../../cfn/values';
import { codeAsset, CodeAsset } from './asset-locator';

/** The language the T6 rules read a function's code as. */
export enum CodeLanguage {
  JAVASCRIPT = 'javascript',
  PYTHON = 'python',
}

/** The code of a function that the T6 rules read. */
export interface FunctionCode {
  readonly language: CodeLanguage;
  /** Inline code (`Code.ZipFile`); deploy-time parts of a Join/Sub are stood in for by `_`. */
  readonly inline?: string;
  /** True when the inline code is built with Fn::Join/Fn::Sub. */
  readonly inlineBuilt?: boolean;
  /** True when the runtime is stated; false when it is unknown (then JavaScript is tried). */
  readonly runtimeKnown: boolean;
  /** A local asset directory. */
  readonly assetDirectory?: CodeAsset;
  /** A local asset that is a file (a .zip or .jar): deployed as is, not read. */
  readonly assetFile?: CodeAsset;
}

/**
 * The code the T6 rules read: inline code (a literal, or built with Fn::Join/Fn::Sub) or a local asset of a function
 * whose runtime is Node.js, Python, a custom runtime (`provided*`, whose bootstrap may well start Node.js) or unknown.
 * Undefined for images, other runtimes, and S3 code that no asset describes.
 */
export function functionCode(node: CfnResource): FunctionCode | undefined {
  const p = props(node);
  if (p.PackageType === 'Image') return undefined;
  const runtime = typeof p.Runtime === 'string' ? p.Runtime : undefined;
  const language = runtime?.startsWith('python') ? CodeLanguage.PYTHON : CodeLanguage.JAVASCRIPT;
  if (runtime !== undefined && !runtime.startsWith('nodejs') && !runtime.startsWith('provided') && language !== CodeLanguage.PYTHON)
    return undefined;
  const runtimeKnown = runtime !== undefined;
  const zipFile = p.Code?.ZipFile;
  if (typeof zipFile === 'string') return { language, inline: zipFile, runtimeKnown };
  if (typeof zipFile === 'object' && zipFile !== null) {
    const text = textOf(zipFile);
    if (text !== UNKNOWN) return { language, inline: text.split(UNKNOWN).join('_'), inlineBuilt: true, runtimeKnown };
  }
  const asset = codeAsset(node);
  if (!asset) return undefined;
  const kind = entryKind(asset.path);
  if (kind === 'directory') return { language, assetDirectory: asset, runtimeKnown };
  return kind === 'file' ? { language, assetFile: asset, runtimeKnown } : undefined;
}

function entryKind(p: string): 'directory' | 'file' | undefined {
  try {
    const stat = fs.statSync(p);
    return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
