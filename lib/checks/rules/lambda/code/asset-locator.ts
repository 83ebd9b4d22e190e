import * as path from 'path';
import { AssetStaging, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { props, StackIndex } from '../../../../cfn/resolve';
import { isBundledAsset } from '../../../../core/cdk-private';
import { displayPath } from '../../../../core/display';

/**
 * Where a function's local code asset is on disk, for rules that read the code (T6, T10).
 *
 * CDK apps: `Code.fromAsset` adds an `s3_assets.Asset` whose `AssetStaging` child (public API) holds the staged
 * directory; the function's `Code.S3Key` is that asset's `s3ObjectKey`, which is how the two are matched, so an
 * L1 CfnFunction given an Asset's bucket and key is found too. Templates (`bulkhead check`): the `aws:asset:path`
 * resource metadata the CDK CLI writes, relative to the assembly directory holding the template (the CLI's template
 * loader makes it absolute, as the template is checked from a temporary copy); in an app, relative to the stage's
 * output directory.
 */

/** A located code asset. */
export interface CodeAsset {
  /** Absolute path of what is deployed: the staged (copied or bundled) directory, or a file (e.g. a .zip). */
  readonly path: string;
  /** How findings name it: the source directory relative to the working directory, or the metadata path. */
  readonly label: string;
}

/** The function's local code asset, or undefined (inline code, S3 code not from an asset, image, or unknown). */
export function codeAsset(node: CfnResource): CodeAsset | undefined {
  const code = props(node).Code;
  if (typeof code !== 'object' || code === null || code.S3Key === undefined) return undefined;
  const fromTree = assetsByObjectKey(node).get(JSON.stringify(code.S3Key));
  if (fromTree !== undefined) return fromTree ?? undefined;
  return fromMetadata(node);
}

/**
 * Staged assets of the stack by their resolved S3 object key, built once per stack and run. `null` marks an asset
 * whose bundling was skipped (`cdk synth` of another stack): its staged path is then the unbundled source, which is
 * not what would deploy, so it is not read.
 */
function assetsByObjectKey(node: IConstruct): Map<string, CodeAsset | null> {
  const index = StackIndex.of(node);
  return index.memo('bulkhead:code-assets', () => {
    const map = new Map<string, CodeAsset | null>();
    const stack = index.stack;
    for (const c of stack.node.findAll()) {
      if (!(c instanceof AssetStaging)) continue;
      const asset = c.node.scope as IConstruct & { s3ObjectKey?: unknown };
      if (typeof asset?.s3ObjectKey !== 'string' || Stack.of(asset) !== stack) continue;
      const key = JSON.stringify(stack.resolve(asset.s3ObjectKey));
      const skipped = isBundledAsset(asset) && !stack.bundlingRequired;
      map.set(key, skipped ? null : { path: c.absoluteStagedPath, label: displayPath(c.sourcePath) });
    }
    return map;
  });
}

function fromMetadata(node: CfnResource): CodeAsset | undefined {
  const metadata = node.cfnOptions.metadata ?? {};
  const assetPath = metadata['aws:asset:path'];
  const property = metadata['aws:asset:property'];
  if (typeof assetPath !== 'string' || assetPath === '' || (property !== undefined && property !== 'Code')) return undefined;
  const base = Stage.of(node)?.outdir;
  if (!path.isAbsolute(assetPath) && base === undefined) return undefined;
  const absolute = path.resolve(base ?? '', assetPath);
  return { path: absolute, label: path.isAbsolute(assetPath) ? displayPath(absolute) : assetPath.split(path.sep).join('/') };
}
