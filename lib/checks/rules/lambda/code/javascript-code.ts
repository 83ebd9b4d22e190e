import * as fs from 'fs';
import { CfnResource } from 'aws-cdk-lib';
import { props } from '../../../../cfn/resolve';
import { codeAsset, CodeAsset } from './asset-locator';

/** The code of a function that may run JavaScript, as the T6 rules read it. */
export interface JavaScriptCode {
  /** Literal inline code (`Code.ZipFile`). */
  readonly inline?: string;
  /** True when the runtime is stated (a Node.js or custom runtime); false when it is unknown. */
  readonly runtimeKnown: boolean;
  /** A local asset directory. */
  readonly assetDirectory?: CodeAsset;
}

/**
 * The code the T6 rules read: inline code or a local asset directory of a function whose runtime is Node.js, a
 * custom runtime (`provided*`, whose bootstrap may well start Node.js) or unknown. Undefined for images, other
 * runtimes, .zip files and S3 code that no asset describes.
 */
export function javaScriptCode(node: CfnResource): JavaScriptCode | undefined {
  const p = props(node);
  if (p.PackageType === 'Image') return undefined;
  const runtime = typeof p.Runtime === 'string' ? p.Runtime : undefined;
  if (runtime !== undefined && !runtime.startsWith('nodejs') && !runtime.startsWith('provided')) return undefined;
  const zipFile = p.Code?.ZipFile;
  if (typeof zipFile === 'string') return { inline: zipFile, runtimeKnown: runtime !== undefined };
  const asset = codeAsset(node);
  if (!asset || !isDirectory(asset.path)) return undefined;
  return { assetDirectory: asset, runtimeKnown: runtime !== undefined };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
