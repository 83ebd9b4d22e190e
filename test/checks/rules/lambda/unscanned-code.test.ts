import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadChecks, FailOn } from '../../../../lib/checks';
import { SCAN_LIMITS } from '../../../../lib/checks/rules/lambda/code/code-asset-scan';
import { SecureFunction } from '../../../../lib/function';
import { findingsOf, flagged, newStack } from '../../support';

const RULE = 'UnscannedCode';
const SAFE = 'exports.handler = async () => 1;\n';
const EVAL = 'exports.handler = async (event) => eval(event.body);\n';

function fromAsset(stack: Stack, id: string, dir: string, runtime = lambda.Runtime.NODEJS_22_X): lambda.Function {
  return new lambda.Function(stack, id, { runtime, handler: 'index.handler', code: lambda.Code.fromAsset(dir) });
}

describe('UnscannedCode', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-unscanned-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function asset(name: string, files: { [file: string]: string }): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    return dir;
  }

  it('warns, naming the asset and the count, when a file is past the size bound; DynamicCode still judges the rest', () => {
    const dir = asset('oversized', { 'index.js': EVAL, 'vendor.js': EVAL + '//'.padEnd(SCAN_LIMITS.maxFileBytes, 'x') });
    const stack = newStack();
    fromAsset(stack, 'Big', dir);
    const found = findingsOf(stack, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('warning');
    expect(found[0].threat).toBe('T6');
    expect(found[0].message).toMatch(
      /1 source file of code asset [^ ]*oversized was not read: past the scan bounds \(2 MiB per file, 2000 files/,
    );
    expect(findingsOf(stack, 'DynamicCode').map((f) => f.findingId)).toEqual(['Bulkhead-DynamicCode[index.js:1]']);
  });

  it('counts every file past the file-count bound', () => {
    const saved = SCAN_LIMITS.maxFiles;
    SCAN_LIMITS.maxFiles = 2;
    try {
      const dir = asset('many', { 'a.js': SAFE, 'b.js': SAFE, 'c.js': SAFE, 'd.js': SAFE });
      const stack = newStack();
      fromAsset(stack, 'Many', dir);
      expect(findingsOf(stack, RULE).map((f) => f.message)).toEqual([
        expect.stringMatching(/2 source files of code asset [^ ]*many were not read/),
      ]);
    } finally {
      SCAN_LIMITS.maxFiles = saved;
    }
  });

  it('is quiet on an asset read whole, on inline code, and on runtimes whose code is not read', () => {
    const small = asset('small', { 'index.js': SAFE });
    const big = asset('big-python', { 'index.js': '//'.padEnd(SCAN_LIMITS.maxFileBytes + 10, 'x') });
    const stack = newStack();
    fromAsset(stack, 'Small', small);
    new lambda.Function(stack, 'Inline', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(SAFE),
    });
    fromAsset(stack, 'Python', big, lambda.Runtime.PYTHON_3_13);
    expect(flagged(stack, RULE)).toEqual([]);
  });

  it('is a warning: it fails the pack only with failOn WARNING', () => {
    const dir = asset('oversized-secure', { 'index.js': SAFE, 'vendor.js': '//'.padEnd(SCAN_LIMITS.maxFileBytes + 10, 'x') });
    const stack = newStack();
    new SecureFunction(stack, 'Big', { code: lambda.Code.fromAsset(dir), handler: 'index.handler' }).grantInvoke(
      new iam.AccountRootPrincipal(),
    );
    expect(new BulkheadChecks().validateScope(stack).success).toBe(true);
    expect(new BulkheadChecks(undefined, { failOn: FailOn.WARNING }).validateScope(stack).success).toBe(false);
    expect(new BulkheadChecks().findingsFor(stack).map((f) => f.ruleId)).toEqual(['Bulkhead-UnscannedCode']);
  });
});
