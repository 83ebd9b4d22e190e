import * as fs from 'fs';
import * as path from 'path';
import { RunCache } from '../../../../cfn/resolve';

/**
 * Which package manifests of an asset directory's top level lack a lockfile (T10). Only the top level is read:
 * that is where Lambda's module resolution and every packaging tool look for the function's dependencies.
 */

/** Lockfiles of npm, yarn, pnpm and bun; any one pins the tree. */
export const NODE_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];
/** Lockfiles of Python tools that read pyproject.toml (Poetry, uv, PDM, Pipenv). */
export const PYPROJECT_LOCKFILES = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', 'Pipfile.lock'];

const MAX_MANIFEST_BYTES = 1024 * 1024;

const cache = new RunCache<string, string[]>();

/** One line per manifest without its lockfile, e.g. `package.json without package-lock.json, ...`; empty when fine. */
export function unlockedManifests(dir: string): string[] {
  const key = path.resolve(dir);
  return cache.get(key, () => check(key));
}

function check(dir: string): string[] {
  let names: Set<string>;
  try {
    names = new Set(fs.readdirSync(dir));
  } catch {
    return [];
  }
  const problems: string[] = [];
  const has = (list: string[]): boolean => list.some((n) => names.has(n));
  if (names.has('package.json') && !has(NODE_LOCKFILES) && declaresNodeDependencies(path.join(dir, 'package.json'))) {
    problems.push(`package.json declares dependencies but there is no ${NODE_LOCKFILES.join(', ')}`);
  }
  if (names.has('Pipfile') && !names.has('Pipfile.lock')) {
    problems.push('Pipfile without Pipfile.lock');
  }
  if (names.has('requirements.txt')) {
    const loose = unpinnedRequirements(path.join(dir, 'requirements.txt'));
    if (loose.length > 0) {
      problems.push(
        `requirements.txt does not pin ${loose.slice(0, 3).join(', ')}${loose.length > 3 ? ` and ${loose.length - 3} more` : ''} to an exact version (==), and pip has no lockfile`,
      );
    }
  }
  if (names.has('pyproject.toml') && !has(PYPROJECT_LOCKFILES) && declaresPythonDependencies(path.join(dir, 'pyproject.toml'))) {
    problems.push(`pyproject.toml declares dependencies but there is no ${PYPROJECT_LOCKFILES.join(', ')}`);
  }
  return problems;
}

/**
 * pip has no lockfile: a requirements.txt is the lock when every requirement names one exact version (`==` or `===`,
 * as `pip freeze` and `pip-compile` write them). Options (`-r`, `--hash`...), comments and blank lines are not
 * requirements; a requirement by URL or path is pinned by what it names. Unreadable: counted as not pinned.
 */
function unpinnedRequirements(file: string): string[] {
  try {
    if (fs.statSync(file).size > MAX_MANIFEST_BYTES) return ['(the file is too large to read)'];
    const loose: string[] = [];
    for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const line = raw
        .replace(/(^|\s)#.*$/, '')
        .replace(/\s--hash=\S+/g, '')
        .replace(/\\$/, '')
        .trim();
      if (
        line === '' ||
        line.startsWith('-') ||
        /^[a-z][a-z0-9+.-]*:\/\//i.test(line) ||
        /\s@\s/.test(line) ||
        line.startsWith('.') ||
        line.startsWith('/')
      )
        continue;
      if (!/===?\s*[^\s,;*]+\s*(;.*)?$/.test(line) || /[<>~!]=?|\*/.test(line.replace(/;.*$/, '').replace(/===?/, ''))) {
        loose.push(/^[A-Za-z0-9._-]+/.exec(line)?.[0] ?? line.slice(0, 40));
      }
    }
    return loose;
  } catch {
    return ['(the file cannot be read)'];
  }
}

/**
 * A manifest without any dependencies has nothing to lock (e.g. a handler that only uses the SDK in the runtime).
 * A manifest that cannot be read or parsed counts as declaring some: it cannot be shown not to.
 */
function declaresNodeDependencies(file: string): boolean {
  try {
    if (fs.statSync(file).size > MAX_MANIFEST_BYTES) return true;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof manifest !== 'object' || manifest === null) return true;
    return [
      'dependencies',
      'optionalDependencies',
      'devDependencies',
      'peerDependencies',
      'bundleDependencies',
      'bundledDependencies',
    ].some((field) => {
      const v = manifest[field];
      return v !== undefined && v !== null && (typeof v !== 'object' || Object.keys(v).length > 0);
    });
  } catch {
    return true;
  }
}

/**
 * pyproject.toml also configures tools only (black, ruff); it has dependencies when it has a `dependencies` key
 * (PEP 621) or a `[tool.poetry.dependencies]` table. Read line by line: no TOML parser is bundled, and only the
 * presence of a key is needed, not its value.
 */
function declaresPythonDependencies(file: string): boolean {
  try {
    if (fs.statSync(file).size > MAX_MANIFEST_BYTES) return true;
    return fs
      .readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .some((line) => {
        const t = line.trim();
        return /^dependencies\s*=/.test(t) || /^\[tool\.poetry\.(group\.[^\]]+\.)?dependencies\]$/.test(t);
      });
  } catch {
    return true;
  }
}
