import { props } from '../../../cfn/resolve';
import { defineRule, NOT_APPLICABLE, violations } from '../../rule';
import { codeAsset } from './code/asset-locator';
import { unlockedManifests } from './code/lockfile-check';

/**
 * Local code assets whose package manifest (package.json, Pipfile, pyproject.toml) declares dependencies without a
 * lockfile next to it, or whose requirements.txt does not pin every requirement to one version (pip has no
 * lockfile) (T10). Bundled assets (e.g. NodejsFunction output, no manifest) are compliant; inline, S3 and
 * image code is not applicable, as are .zip assets (not opened).
 */
export const AssetLockfile = defineRule('AssetLockfile', ['AWS::Lambda::Function'], (node) => {
  if (props(node).PackageType === 'Image') return NOT_APPLICABLE;
  const asset = codeAsset(node);
  if (!asset) return NOT_APPLICABLE;
  return violations(unlockedManifests(asset.path).map((problem) => ({ detail: `code asset ${asset.label}: ${problem}` })));
});
