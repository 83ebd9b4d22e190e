import * as fs from 'fs';
import * as path from 'path';
import { RunCache } from '../../../../cfn/resolve';
import { CodeFinding, dialectOf, scanSource, SourceDialect } from './dynamic-code-scanner';

/**
 * Scans code for dynamic-code constructs with bounds and a per-run cache: many functions often share one asset
 * (or one inline snippet), and 1,000 of them must cost one parse per file, not 1,000; and a huge asset must not
 * hang `cdk synth`.
 */

/** Bounds on the work one asset directory may cost; past them the rest of the directory is not read. */
export const SCAN_LIMITS = {
  /** Larger files are not parsed (a minified bundle of that size is mostly dependencies). */
  maxFileBytes: 2 * 1024 * 1024,
  /** Source files parsed per directory. */
  maxFiles: 2000,
  /** Bytes parsed per directory. */
  maxTotalBytes: 24 * 1024 * 1024,
  /** Directory entries looked at per directory (bounds the walk of a tree with few code files). */
  maxEntries: 50000,
};

/** A finding in one file of an asset. */
export interface FileFinding extends CodeFinding {
  /** Path relative to the asset directory, with `/`. */
  readonly file: string;
}

/** The result of scanning one asset directory. */
export interface AssetScan {
  readonly findings: FileFinding[];
  /** Source files not parsed because a bound was reached (the UnscannedCode rule reports them). */
  readonly skippedFiles: number;
}

const assetCache = new RunCache<string, AssetScan>();
const inlineCache = new RunCache<string, CodeFinding[]>();

/** Dynamic code in an inline snippet (`Code.ZipFile`), parsed once per distinct text and dialect per validation run. */
export function scanInlineCode(text: string, dialect: SourceDialect = SourceDialect.JAVASCRIPT): CodeFinding[] {
  return inlineCache.get(`${dialect}\u0000${text}`, () => scanSource(text, dialect));
}

/**
 * Dynamic code in the .js/.mjs/.cjs/.ts/.mts/.cts files (or, for a Python function, the .py files) of an asset
 * directory, once per directory and language per run.
 *
 * `node_modules` is not read: third-party code is not the function author's to fix, packages legitimately generate
 * code (template engines, validators), and it is most of an unbundled asset's size. Dependencies are T10's concern
 * (AssetLockfile); a bundled asset, where they are inlined, is read like any other code. Symbolic links are not
 * followed (a link may leave the asset or loop).
 */
export function scanAssetDirectory(dir: string, python = false): AssetScan {
  const key = path.resolve(dir);
  return assetCache.get(`${python ? 'py' : 'js'}:${key}`, () => scanDirectory(key, python));
}

/** A Python function runs its .py files, a Node.js one its JavaScript and TypeScript: the others are not its code. */
function scanDirectory(root: string, python: boolean): AssetScan {
  const findings: FileFinding[] = [];
  let skippedFiles = 0;
  let files = 0;
  let bytes = 0;
  let entries = 0;
  const pending = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    let listing: fs.Dirent[];
    try {
      listing = fs.readdirSync(path.join(root, relativeDir), { withFileTypes: true });
    } catch {
      continue; // unreadable directories hold nothing that can be shown to be wrong
    }
    // Name order, depth first: which files a bound leaves unread does not depend on the file system.
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirectories: string[] = [];
    for (const entry of listing) {
      if (++entries > SCAN_LIMITS.maxEntries) return { findings: ordered(findings), skippedFiles: skippedFiles + 1 };
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') subdirectories.push(relative);
        continue;
      }
      const dialect = entry.isFile() ? dialectOf(entry.name) : undefined;
      if (
        dialect === undefined ||
        (dialect === SourceDialect.PYTHON) !== python ||
        entry.name.endsWith('.d.ts') ||
        entry.name.endsWith('.d.mts') ||
        entry.name.endsWith('.d.cts')
      )
        continue;
      const absolute = path.join(root, relative);
      let size: number;
      try {
        size = fs.statSync(absolute).size;
      } catch {
        continue;
      }
      if (size > SCAN_LIMITS.maxFileBytes || files >= SCAN_LIMITS.maxFiles || bytes + size > SCAN_LIMITS.maxTotalBytes) {
        skippedFiles++;
        continue;
      }
      let text: string;
      try {
        text = fs.readFileSync(absolute, 'utf8');
      } catch {
        continue;
      }
      files++;
      bytes += size;
      for (const f of scanSource(text, dialect)) findings.push({ ...f, file: relative });
    }
    for (const d of subdirectories.reverse()) pending.push(d);
  }
  return { findings: ordered(findings), skippedFiles };
}

function ordered(findings: FileFinding[]): FileFinding[] {
  return findings.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
