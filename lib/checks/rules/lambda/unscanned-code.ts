import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';
import { SCAN_LIMITS, scanAssetDirectory } from './code/code-asset-scan';
import { javaScriptCode } from './code/javascript-code';

/**
 * A code asset DynamicCode could not read whole: source files past the scan bounds (SCAN_LIMITS) were skipped, so
 * its verdict covers only part of the code (T6). One violation per function, naming the asset and the count.
 */
export const UnscannedCode = defineRule('UnscannedCode', ['AWS::Lambda::Function'], (node) => {
  const asset = javaScriptCode(node)?.assetDirectory;
  if (asset === undefined) return NOT_APPLICABLE;
  const skipped = scanAssetDirectory(asset.path).skippedFiles;
  const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;
  return violationIf(skipped === 0 ? undefined
    : `${skipped} source file${skipped === 1 ? '' : 's'} of code asset ${asset.label} ${skipped === 1 ? 'was' : 'were'} not read: `
      + `past the scan bounds (${mib(SCAN_LIMITS.maxFileBytes)} per file, ${SCAN_LIMITS.maxFiles} files, `
      + `${mib(SCAN_LIMITS.maxTotalBytes)} per asset, ${SCAN_LIMITS.maxEntries} directory entries)`);
});
