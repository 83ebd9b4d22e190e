import * as fs from 'fs';
import * as path from 'path';
import { dialectOf, scanSource, SourceDialect } from '../../../../../lib/checks/rules/lambda/code/dynamic-code-scanner';

const PATTERNS = path.resolve(__dirname, '../../../../fixtures/code/patterns');

function scanFile(file: string) {
  const dialect = dialectOf(file);
  if (dialect === undefined) throw new Error(`not a source file: ${file}`);
  return scanSource(fs.readFileSync(file, 'utf8'), dialect);
}

/** The fixtures mark each line that must be flagged with an `// UNSAFE` comment. */
function markedLines(file: string): number[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => (line.includes('// UNSAFE') ? i + 1 : 0))
    .filter((n) => n > 0);
}

describe('dynamic code scanner', () => {
  const unsafe = fs.readdirSync(path.join(PATTERNS, 'unsafe')).sort();
  const safe = fs.readdirSync(path.join(PATTERNS, 'safe')).sort();

  it('has fixtures for every pattern, in JavaScript, ES modules and TypeScript', () => {
    expect(unsafe.length).toBeGreaterThanOrEqual(20);
    expect(unsafe.some((f) => f.endsWith('.mjs'))).toBe(true);
    expect(unsafe.some((f) => f.endsWith('.ts'))).toBe(true);
  });

  it.each(unsafe)('flags exactly the marked lines of unsafe/%s', (name) => {
    const file = path.join(PATTERNS, 'unsafe', name);
    const expected = markedLines(file);
    expect(expected.length).toBeGreaterThan(0);
    const found = scanFile(file);
    expect(found.filter((f) => f.unparsable)).toEqual([]);
    expect(found.map((f) => f.line)).toEqual(expected);
  });

  it.each(safe)('flags nothing in safe/%s', (name) => {
    expect(scanFile(path.join(PATTERNS, 'safe', name))).toEqual([]);
  });

  it('names the construct found', () => {
    const constructs = (name: string) => scanFile(path.join(PATTERNS, 'unsafe', name)).map((f) => f.construct);
    expect(constructs('eval-direct.js')).toEqual(['eval of a non-literal argument']);
    expect(constructs('eval-indirect.js')).toEqual(['eval of a non-literal argument']);
    expect(constructs('function-new.js')).toEqual(['new Function with a non-literal argument']);
    expect(constructs('function-call.js')).toEqual(['Function with a non-literal argument']);
    expect(constructs('vm-destructure.js')).toEqual([
      'vm.runInContext of a non-literal code argument',
      'new vm.Script of a non-literal code argument',
    ]);
    expect(constructs('vm-named-import.mjs')).toEqual([
      'vm.runInThisContext of a non-literal code argument',
      'vm.compileFunction of a non-literal code argument',
    ]);
    expect(constructs('exec-destructure-alias.js')).toEqual(['child_process.exec of a non-literal command']);
    expect(constructs('exec-promisified.js')).toEqual(['child_process.exec of a non-literal command']);
    expect(constructs('spawn-shell.js')).toEqual([
      'child_process.spawn with shell: true and a non-literal argument',
      'child_process.spawnSync with shell: true and a non-literal argument',
      'child_process.execFile with shell: true and a non-literal argument',
      'child_process.execFileSync with shell: true and a non-literal argument',
    ]);
    expect(constructs('timer-string.js')).toEqual([
      'setTimeout with a string built from non-literals (evaluated as code)',
      'setInterval with a string built from non-literals (evaluated as code)',
    ]);
    expect(constructs('vm-typescript.ts')).toEqual(['vm.runInNewContext of a non-literal code argument']);
  });

  it('reports a source that does not parse as one finding at the error, without echoing the source', () => {
    const found = scanSource('exports.handler = async () => {\n  return { secret: "hunter2" ;\n};\n', SourceDialect.JAVASCRIPT);
    expect(found).toHaveLength(1);
    expect(found[0].unparsable).toBe(true);
    expect(found[0].line).toBe(2);
    expect(found[0].construct).toMatch(/^could not be parsed \(.+\)$/);
    expect(found[0].construct).not.toContain('hunter2');
  });

  it('parses TypeScript only with the TypeScript dialect', () => {
    const ts = 'const f = (x: string): void => eval(x);';
    expect(scanSource(ts, SourceDialect.TYPESCRIPT).map((f) => f.construct)).toEqual(['eval of a non-literal argument']);
    expect(scanSource(ts, SourceDialect.JAVASCRIPT)[0].unparsable).toBe(true);
  });

  it('does not overflow the stack on deeply nested code', () => {
    const depth = 5000;
    const code = `eval(${'['.repeat(depth)}x${']'.repeat(depth)});`;
    const found = scanSource(code, SourceDialect.JAVASCRIPT);
    expect(found).toHaveLength(1); // either the eval, or the parser's own refusal: never a crash
  });

  it('maps file extensions to dialects and ignores other files', () => {
    expect(dialectOf('a/b.cjs')).toBe(SourceDialect.JAVASCRIPT);
    expect(dialectOf('b.mjs')).toBe(SourceDialect.JAVASCRIPT_MODULE);
    expect(dialectOf('b.cts')).toBe(SourceDialect.TYPESCRIPT);
    expect(dialectOf('b.mts')).toBe(SourceDialect.TYPESCRIPT_MODULE);
    expect(dialectOf('b.py')).toBe(SourceDialect.PYTHON);
    expect(dialectOf('b.json')).toBeUndefined();
    expect(dialectOf('b.tsx')).toBeUndefined();
  });
});
