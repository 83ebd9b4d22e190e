import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validationRun } from '../../../../../lib/cfn/resolve';
import { SCAN_LIMITS, scanAssetDirectory, scanInlineCode } from '../../../../../lib/checks/rules/lambda/code/code-asset-scan';
import { parseCount } from '../../../../../lib/checks/rules/lambda/code/dynamic-code-scanner';

const EVAL = 'exports.handler = async (event) => eval(event.body);\n';

describe('code asset scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not parse a file over the size bound, and counts it as skipped', () => {
    fs.writeFileSync(path.join(dir, 'huge.js'), EVAL + '//'.padEnd(SCAN_LIMITS.maxFileBytes, 'x'));
    fs.writeFileSync(path.join(dir, 'small.js'), EVAL);
    const before = parseCount();
    const scan = validationRun(() => scanAssetDirectory(dir));
    expect(parseCount() - before).toBe(1);
    expect(scan.findings.map((f) => f.file)).toEqual(['small.js']);
    expect(scan.skippedFiles).toBe(1);
  });

  it('stops parsing at the file-count bound', () => {
    const saved = SCAN_LIMITS.maxFiles;
    SCAN_LIMITS.maxFiles = 2;
    try {
      for (const name of ['a.js', 'b.js', 'c.js']) fs.writeFileSync(path.join(dir, name), EVAL);
      const scan = validationRun(() => scanAssetDirectory(dir));
      expect(scan.findings.map((f) => f.file)).toEqual(['a.js', 'b.js']);
      expect(scan.skippedFiles).toBe(1);
    } finally {
      SCAN_LIMITS.maxFiles = saved;
    }
  });

  it('reads every code extension, skips declaration files, other files, node_modules and symbolic links', () => {
    for (const name of ['a.js', 'b.cjs', 'c.mjs', 'd.ts', 'e.cts', 'f.mts']) fs.writeFileSync(path.join(dir, name), EVAL);
    fs.writeFileSync(path.join(dir, 'types.d.ts'), EVAL); // never a handler: not read
    fs.writeFileSync(path.join(dir, 'notes.txt'), EVAL);
    fs.mkdirSync(path.join(dir, 'sub', 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sub', 'node_modules', 'dep', 'index.js'), EVAL);
    fs.writeFileSync(path.join(dir, 'sub', 'deep.js'), EVAL);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.js'), EVAL);
      fs.symlinkSync(outside, path.join(dir, 'linked'));
      fs.symlinkSync(path.join(outside, 'x.js'), path.join(dir, 'linked.js'));
      const files = validationRun(() => scanAssetDirectory(dir)).findings.map((f) => f.file);
      expect(files).toEqual(['a.js', 'b.cjs', 'c.mjs', 'd.ts', 'e.cts', 'f.mts', 'sub/deep.js']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('parses one directory, and one inline text, once per validation run', () => {
    fs.writeFileSync(path.join(dir, 'index.js'), EVAL);
    const before = parseCount();
    validationRun(() => {
      for (let i = 0; i < 50; i++) {
        expect(scanAssetDirectory(dir).findings).toHaveLength(1);
        expect(scanInlineCode(EVAL)).toHaveLength(1);
      }
      expect(parseCount() - before).toBe(2);
      fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 1;\n');
      expect(scanAssetDirectory(dir).findings).toHaveLength(1); // same run: the cached result
    });
    // a new run reads the change
    expect(validationRun(() => scanAssetDirectory(dir)).findings).toHaveLength(0);
  });

  it('keeps nothing once a run has ended', () => {
    fs.writeFileSync(path.join(dir, 'index.js'), EVAL);
    expect(validationRun(() => scanAssetDirectory(dir)).findings).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 1;\n');
    const before = parseCount();
    expect(scanAssetDirectory(dir).findings).toHaveLength(0); // outside any run: nothing cached from the last one
    expect(parseCount() - before).toBe(1);
  });
});
