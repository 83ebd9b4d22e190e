import { defineRule, NOT_APPLICABLE, RuleResult, Violation, violations } from '../../rule';
import { CodeAsset } from './code/asset-locator';
import { scanAssetDirectory, scanInlineCode } from './code/code-asset-scan';
import { CodeFinding } from './code/dynamic-code-scanner';
import { javaScriptCode } from './code/javascript-code';

/**
 * Function code that evaluates dynamic input: `eval`, `new Function`, `vm` code runners, `child_process` shell
 * commands, string timers (T6). Each occurrence is a violation keyed `<file>:<line>` (`Code.ZipFile:<line>` inline).
 *
 * Read: inline `Code.ZipFile` when it is a literal string and the runtime is Node.js or unknown (Python and other
 * inline code is not read; a ZipFile built with intrinsics is not read), and local code assets (a directory found
 * through the construct tree or `aws:asset:path` metadata; .zip files and S3 code are not opened). A Node.js source
 * that does not parse is reported ("could not be parsed"): it cannot be shown safe, and would not load in Lambda
 * either; inline code of an unknown runtime that does not parse as JavaScript is taken to be another language.
 * Files past the scan bounds (code-asset-scan.ts SCAN_LIMITS: 2 MiB per file, 2,000 files, 24 MiB) are not read;
 * UnscannedCode reports them.
 */
export const DynamicCode = defineRule('DynamicCode', ['AWS::Lambda::Function'], (node) => {
  const code = javaScriptCode(node);
  if (code === undefined) return NOT_APPLICABLE;
  if (code.inline !== undefined) return inlineViolations(code.inline, code.runtimeKnown);
  return assetViolations(code.assetDirectory!);
});

function inlineViolations(text: string, nodeRuntime: boolean): RuleResult {
  const found = scanInlineCode(text);
  if (!nodeRuntime && found.some((f) => f.unparsable)) return NOT_APPLICABLE;
  return violations(found.map((f): Violation => ({
    detail: describe(f, `Code.ZipFile:${f.line}`, ''),
    key: `Code.ZipFile:${f.line}`,
  })));
}

function assetViolations(asset: CodeAsset): RuleResult {
  const scan = scanAssetDirectory(asset.path);
  return violations(scan.findings.map((f): Violation => ({
    detail: describe(f, `${f.file}:${f.line}`, ` (code asset ${asset.label})`),
    key: `${f.file}:${f.line}`,
  })));
}

function describe(f: CodeFinding, where: string, suffix: string): string {
  return f.unparsable ? `${where} ${f.construct}, so it was not checked${suffix}` : `${f.construct} in ${where}${suffix}`;
}
