import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';
import { SCAN_LIMITS, scanAssetDirectory } from './code/code-asset-scan';
import { CodeLanguage, functionCode } from './code/function-code';

/**
 * A code asset DynamicCode could not read whole (T6): a file asset (.zip) it does not open, or source files past the
 * scan bounds (SCAN_LIMITS), so its verdict covers only part of the code, or none. One violation per function,
 * naming the asset (and the count of skipped files).
 */
export const UnscannedCode = defineRule('UnscannedCode', ['AWS::Lambda::Function'], (node) => {
  const code = functionCode(node);
  if (code?.assetFile !== undefined) {
    return violationIf(
      `code asset ${code.assetFile.label} is a file (an archive), which DynamicCode does not open: its code was not checked`,
    );
  }
  const asset = code?.assetDirectory;
  if (asset === undefined) return NOT_APPLICABLE;
  const skipped = scanAssetDirectory(asset.path, code!.language === CodeLanguage.PYTHON).skippedFiles;
  const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;
  return violationIf(
    skipped === 0
      ? undefined
      : `${skipped} source file${skipped === 1 ? '' : 's'} of code asset ${asset.label} ${skipped === 1 ? 'was' : 'were'} not read: ` +
          `past the scan bounds (${mib(SCAN_LIMITS.maxFileBytes)} per file, ${SCAN_LIMITS.maxFiles} files, ` +
          `${mib(SCAN_LIMITS.maxTotalBytes)} per asset, ${SCAN_LIMITS.maxEntries} directory entries)`,
  );
});
