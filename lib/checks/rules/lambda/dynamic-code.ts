import * as fs from 'fs';
import { CfnResource } from 'aws-cdk-lib';
import { props } from '../../resolve';
import { defineRule, NOT_APPLICABLE, RuleResult, Violation, violations } from '../../rule';
import { codeAsset } from './code/asset-locator';
import { scanAssetDirectory, scanInlineCode } from './code/code-asset-scan';
import { CodeFinding } from './code/dynamic-code-scanner';

/**
 * Function code that evaluates dynamic input: `eval`, `new Function`, `vm` code runners, `child_process` shell
 * commands, string timers (T6). Each occurrence is a violation keyed `<file>:<line>` (`Code.ZipFile:<line>` inline).
 *
 * Read: inline `Code.ZipFile` when it is a literal string and the runtime is Node.js or unknown (Python and other
 * inline code is not read; a ZipFile built with intrinsics is not read), and local code assets (a directory found
 * through the construct tree or `aws:asset:path` metadata; .zip files and S3 code are not opened). A Node.js source
 * that does not parse is reported ("could not be parsed"): it cannot be shown safe, and would not load in Lambda
 * either; inline code of an unknown runtime that does not parse as JavaScript is taken to be another language.
 * Files past the scan bounds (code-asset-scan.ts SCAN_LIMITS: 2 MiB per file, 2,000 files, 24 MiB) are not read.
 */
export const DynamicCode = defineRule('DynamicCode', ['AWS::Lambda::Function'], (node) => {
  const p = props(node);
  if (p.PackageType === 'Image') return NOT_APPLICABLE;
  const runtime = typeof p.Runtime === 'string' ? p.Runtime : undefined;
  if (runtime !== undefined && !runsJavaScript(runtime)) return NOT_APPLICABLE;
  const zipFile = p.Code?.ZipFile;
  if (typeof zipFile === 'string') return inlineViolations(zipFile, runtime !== undefined);
  return assetViolations(node);
});

/** Node.js runtimes, and custom runtimes (`provided*`), whose bootstrap may well start Node.js. */
function runsJavaScript(runtime: string): boolean {
  return runtime.startsWith('nodejs') || runtime.startsWith('provided');
}

function inlineViolations(code: string, nodeRuntime: boolean): RuleResult {
  const found = scanInlineCode(code);
  if (!nodeRuntime && found.some((f) => f.unparsable)) return NOT_APPLICABLE;
  return violations(found.map((f): Violation => ({
    detail: describe(f, `Code.ZipFile:${f.line}`, ''),
    key: `Code.ZipFile:${f.line}`,
  })));
}

function assetViolations(node: CfnResource): RuleResult {
  const asset = codeAsset(node);
  if (!asset || !isDirectory(asset.path)) return NOT_APPLICABLE;
  const scan = scanAssetDirectory(asset.path);
  return violations(scan.findings.map((f): Violation => ({
    detail: describe(f, `${f.file}:${f.line}`, ` (code asset ${asset.label})`),
    key: `${f.file}:${f.line}`,
  })));
}

function describe(f: CodeFinding, where: string, suffix: string): string {
  return f.unparsable ? `${where} ${f.construct}, so it was not checked${suffix}` : `${f.construct} in ${where}${suffix}`;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
