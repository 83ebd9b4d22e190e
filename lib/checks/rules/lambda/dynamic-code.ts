import { defineRule, NOT_APPLICABLE, RuleResult, Violation, violations } from '../../rule';
import { CodeAsset } from './code/asset-locator';
import { scanAssetDirectory, scanInlineCode } from './code/code-asset-scan';
import { CodeFinding, SourceDialect } from './code/dynamic-code-scanner';
import { CodeLanguage, functionCode } from './code/function-code';

/**
 * Function code that evaluates dynamic input (T6): in JavaScript `eval` (also through call/apply/Reflect.apply,
 * computed global names and `.constructor` chains), `new Function`, `vm` code runners, `Module` compiles, workers
 * with `eval: true`, `import()` of data URLs, `require()`/`import()` of a module named wholly at run time,
 * `child_process` shell commands (also a shell spawned with `-c`), string timers; in Python `eval`/`exec`/`compile`,
 * `__import__`/`importlib.import_module` of a run-time name, unpickling, unsafe `yaml.load`, `shell=True` and
 * `os.system` of a non-literal command, under whatever name the file's imports give them. Each occurrence is a
 * violation keyed `<file>:<line>` (`Code.ZipFile:<line>` inline).
 *
 * Read: inline `Code.ZipFile` (a literal, or built with Fn::Join/Fn::Sub, deploy-time parts stood in for) when the
 * runtime is Node.js, Python or unknown, and local code assets (a directory found through the construct tree or
 * `aws:asset:path` metadata; .zip files are reported by UnscannedCode, S3 code is not opened). A Node.js source that
 * does not parse is reported ("could not be parsed"): it cannot be shown safe, and would not load in Lambda either;
 * inline code of an unknown runtime that does not parse as JavaScript is taken to be another language. Files past
 * the scan bounds (code-asset-scan.ts SCAN_LIMITS: 2 MiB per file, 2,000 files, 24 MiB) are not read; UnscannedCode
 * reports them.
 */
export const DynamicCode = defineRule('DynamicCode', ['AWS::Lambda::Function'], (node) => {
  const code = functionCode(node);
  if (code === undefined) return NOT_APPLICABLE;
  const dialect = code.language === CodeLanguage.PYTHON ? SourceDialect.PYTHON : SourceDialect.JAVASCRIPT;
  if (code.inline !== undefined) return inlineViolations(code.inline, code.runtimeKnown, dialect);
  if (code.assetDirectory === undefined) return NOT_APPLICABLE;
  return assetViolations(code.assetDirectory, code.language === CodeLanguage.PYTHON);
});

function inlineViolations(text: string, nodeRuntime: boolean, dialect: SourceDialect): RuleResult {
  const found = scanInlineCode(text, dialect);
  if (!nodeRuntime && found.some((f) => f.unparsable)) return NOT_APPLICABLE;
  return violations(
    found.map((f): Violation => ({
      detail: describe(f, `Code.ZipFile:${f.line}`, ''),
      key: `Code.ZipFile:${f.line}`,
    })),
  );
}

function assetViolations(asset: CodeAsset, python: boolean): RuleResult {
  const scan = scanAssetDirectory(asset.path, python);
  return violations(
    scan.findings.map((f): Violation => ({
      detail: describe(f, `${f.file}:${f.line}`, ` (code asset ${asset.label})`),
      key: `${f.file}:${f.line}`,
    })),
  );
}

function describe(f: CodeFinding, where: string, suffix: string): string {
  return f.unparsable ? `${where} ${f.construct}, so it was not checked${suffix}` : `${f.construct} in ${where}${suffix}`;
}
