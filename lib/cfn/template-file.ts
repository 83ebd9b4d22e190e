import * as fs from 'fs';
import * as path from 'path';
import { isMap as isYamlMap, isScalar, LineCounter, parseDocument, Document } from 'yaml';
import { displayPath } from '../core/display';
import { TemplateFileError } from './template-error';
import { Template } from './template-shape';
import { cloudFormationTags } from './yaml-intrinsics';

/** CloudFormation's limit for a template uploaded through S3; nothing larger can be deployed, so nothing larger is read. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

function readText(file: string, absolutePath: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolutePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TemplateFileError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(e)})`);
  }
  if (stat.isDirectory()) {
    throw new TemplateFileError(`${file} is a directory; pass template files, or --assembly ${file} for a synthesized cdk.out`);
  }
  if (!stat.isFile()) throw new TemplateFileError(`${file}: not a regular file`);
  if (stat.size > MAX_TEMPLATE_BYTES) {
    throw new TemplateFileError(
      `${file} is ${(stat.size / 1048576).toFixed(1)} MB; CloudFormation accepts templates up to 1 MB, so it cannot be deployed: split the stack`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolutePath);
  } catch (e) {
    throw new TemplateFileError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (bytes.includes(0)) throw new TemplateFileError(`${file}: binary data, not a JSON or YAML template`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new TemplateFileError(`${file}: not UTF-8 text, not a JSON or YAML template`);
  }
}

/** Line-start offsets, built once per file so locating thousands of findings stays linear. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * JSON has no positions after JSON.parse: index every `"<key>":` after the Resources key once (first occurrence
 * wins, which is the logical ID for templates whose resources precede their property names, i.e. all of them).
 */
export function jsonLineFinder(text: string): (logicalId: string) => number | undefined {
  let index: Map<string, number> | undefined;
  return (logicalId) => {
    if (!index) {
      index = new Map();
      const lineOf = lineLocator(text);
      const keys = /"([A-Za-z0-9]+)"\s*:/g;
      keys.lastIndex = Math.max(0, text.search(/"Resources"\s*:/));
      for (let m = keys.exec(text); m; m = keys.exec(text)) {
        if (!index.has(m[1])) index.set(m[1], lineOf(m.index));
      }
    }
    return index.get(logicalId);
  };
}

/**
 * The line of a key path in JSON text (`['Resources', 'F', 'Properties', 'Events', 'E']`): each key is looked for
 * as `"key":` after the previous one, which finds it inside its parent for templates whose keys are unique among
 * siblings, as JSON keys are. List indexes are skipped (the line of the list's key is close enough). Undefined when
 * a key is not found.
 */
export function jsonPathLineFinder(text: string): (path: readonly string[]) => number | undefined {
  let lineOf: ((offset: number) => number) | undefined;
  return (keys) => {
    let offset = 0;
    let found = -1;
    for (const key of keys) {
      if (/^\d+$/.test(key)) continue;
      const re = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
      re.lastIndex = offset;
      const m = re.exec(text);
      if (!m) return undefined;
      found = m.index;
      offset = m.index + m[0].length;
    }
    if (found < 0) return undefined;
    lineOf ??= lineLocator(text);
    return lineOf(found);
  };
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8 quotes the template around some errors: keep the reason, never echo template text (it may hold secrets).
    const message = (e as Error).message.replace(/, (\.\.\.)?"[\s\S]*is not valid JSON$/, '');
    const position = /position (\d+)/.exec(message);
    const where = position ? ` (line ${lineLocator(text)(Number(position[1]))})` : '';
    throw new TemplateFileError(`${file}: invalid JSON: ${message.split('\n')[0]}${where}`);
  }
}

/** A template file's document, as parsed (before any SAM expansion or shape check), with ways back to its lines. */
export interface ParsedTemplate {
  readonly value: unknown;
  /** 1-based line of a resource's logical ID in the source file, when it can be found. */
  lineOf(logicalId: string): number | undefined;
  /** 1-based line of the key at a path of the source file, when it can be found. */
  lineAt?(path: readonly string[]): number | undefined;
}

/** What a YAML parser's exception means: a stack overflow on deep nesting is said as such, the rest as invalid YAML. */
function yamlFailure(file: string, e: unknown): TemplateFileError {
  if (e instanceof RangeError) return new TemplateFileError(`${file}: values nested too deeply to check`);
  return new TemplateFileError(`${file}: invalid YAML: ${String((e as Error).message ?? e).split('\n')[0]}`);
}

function parseYaml(file: string, text: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // uniqueKeys: CloudFormation rejects duplicate keys; maxAliasCount bounds "billion laughs" expansion.
    doc = parseDocument(text, { customTags: cloudFormationTags(), lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw yamlFailure(file, e);
  }
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    // The yaml package records a stack overflow on deep nesting as a parse error: say what it means.
    if (/Maximum call stack/.test(problem.message)) throw new TemplateFileError(`${file}: values nested too deeply to check`);
    const line = ` (line ${lineCounter.linePos(problem.pos[0]).line})`;
    throw new TemplateFileError(`${file}: invalid YAML: ${problem.message.split('\n')[0]}${line}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw yamlFailure(file, e);
  }
  const lineOf = (logicalId: string): number | undefined => {
    const resources = doc.get('Resources', true);
    if (!isYamlMap(resources)) return undefined;
    const pair = resources.items.find((p) => isScalar(p.key) && p.key.value === logicalId);
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const lineAt = (keys: readonly string[]): number | undefined => {
    if (keys.length === 0) return undefined;
    const parent = doc.getIn(keys.slice(0, -1), true);
    const last = keys[keys.length - 1];
    if (isYamlMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
      const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    }
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { value, lineOf, lineAt };
}

/**
 * `aws:asset:path` metadata (cdk.out templates) is relative to the template's directory; rules that read function code from local
 * assets (dynamic code execution, lockfiles) run from a temp copy of the template, so they need it absolute.
 */
export function withAbsoluteAssetPaths(template: Template, templateDir: string): Template {
  for (const resource of Object.values(template.Resources as { [id: string]: { Metadata?: { [k: string]: unknown } } })) {
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath === 'string' && !path.isAbsolute(assetPath)) {
      resource.Metadata!['aws:asset:path'] = path.resolve(templateDir, assetPath);
    }
  }
  return template;
}

/**
 * Parses template text as JSON or YAML (short-form intrinsics read as their long form). `file` names it in errors;
 * a `.json`/`.yaml` extension decides, else the content does (`.template` files and cdk.out templates are JSON).
 */
export function parseTemplateText(file: string, text: string): ParsedTemplate {
  if (text.trim() === '') throw new TemplateFileError(`${file}: empty file, not a CloudFormation template`);
  const looksJson = (/^\s*[{[]/.test(text) && !/\.ya?ml$/i.test(file)) || /\.json$/i.test(file);
  return looksJson
    ? { value: parseJson(file, text), lineOf: jsonLineFinder(text), lineAt: jsonPathLineFinder(text) }
    : parseYaml(file, text);
}

/** A template file read from disk (at most MAX_TEMPLATE_BYTES, UTF-8) and parsed; `file` is the path as reports show it. */
export interface TemplateFile extends ParsedTemplate {
  readonly file: string;
  readonly absolutePath: string;
}

/**
 * The one reader of template files (the CLI, SAM and tests): refuses with a one-line TemplateFileError anything
 * that is not a readable JSON or YAML document. The shape check (assertTemplateShape) is the caller's, after any
 * SAM expansion.
 */
export function readTemplateFile(fileArg: string): TemplateFile {
  const absolutePath = path.resolve(fileArg);
  const file = displayPath(absolutePath);
  const parsed = parseTemplateText(file, readText(file, absolutePath));
  return { ...parsed, file, absolutePath };
}
