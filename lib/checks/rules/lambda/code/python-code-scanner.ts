import type { CodeFinding } from './dynamic-code-scanner';

/**
 * Finds Python code that executes dynamic input (T6): `eval`/`exec`/`compile` of a non-literal, `__import__` and
 * `importlib.import_module` of a module named at run time, `pickle`/`marshal` loads, `yaml.load` without a safe
 * loader, `subprocess` with `shell=True` and a non-literal command, a shell given `-c` and a non-literal command
 * (`subprocess.run(["sh", "-c", cmd])`, `os.execv("/bin/sh", ...)`), `os.system`/`os.popen` of a non-literal,
 * builtins reached through `getattr`. Read token-wise, not parsed: comments and string contents are blanked first
 * (their length kept, so lines stay right), so `# never eval(x)` and `"eval(x)"` are not findings and `literal_eval`,
 * `re.compile` or `cursor.execute` never match. Imports are followed (`import pickle as pk`, `from os import system
 * as run`, `from yaml import *`), so a call is found under whatever name the file gives it. No Python parser ships
 * with the package; what needs one (an alias by assignment `e = eval`, arguments held in variables) is out of
 * reach and stated here.
 */

/** Source with comments and the contents of string literals replaced by spaces (quotes kept, newlines kept). */
export function blankPython(text: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') {
        out.push(' ');
        i++;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      out.push(quote);
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i) && (triple || text[i] !== '\n')) {
        if (text[i] === '\\' && i + 1 < text.length) {
          out.push(' ', text[i + 1] === '\n' ? '\n' : ' ');
          i += 2;
          continue;
        }
        out.push(text[i] === '\n' ? '\n' : ' ');
        i++;
      }
      if (text.startsWith(quote, i)) {
        out.push(quote);
        i += quote.length;
      }
      continue;
    }
    out.push(c);
    i++;
  }
  return out.join('');
}

/** A call whose first argument is one string literal (after blanking: quotes around spaces, with an optional prefix). */
const LITERAL_ARG = new RegExp(String.raw`^\s*[rRbBuU]{0,2}(?:"""[\s]*"""|'''[\s]*'''|"[ ]*"|'[ ]*')\s*[,)]`);

/** How far past a call's `(` its arguments are read (keyword arguments such as `shell=True` or `Loader=`). */
const ARGUMENT_WINDOW = 300;

/**
 * A callable that runs code or a shell, by the module that defines it (`builtins` for names always in scope). A
 * call is found under every name the source gives it: `module.fn(`, `alias.fn(` after `import module as alias`,
 * `fn(` or `other(` after `from module import fn [as other]`, and `fn(` after `from module import *`.
 */
interface DangerousCallable {
  readonly module: string;
  readonly names: readonly string[];
  readonly construct: string;
  /** Whether the call is a finding, given the text after its `(` blanked and as written; every call when absent. */
  readonly when?: (args: string, raw: string) => boolean;
}

const nonLiteral = (args: string): boolean => !LITERAL_ARG.test(args);

/**
 * A shell given a command line among the arguments as written: `["sh", "-c", cmd]`, `"/bin/bash", ["bash", "-c", cmd]`
 * with something after `-c` that is not one string literal closing the list.
 */
const SHELL_DASH_C =
  /["'](?:\/usr)?(?:\/bin\/)?(?:ba|z|da|k|a)?sh["'][^)]*?["']-c["']\s*,(?!\s*[rRbBuU]{0,2}(?:"[^"\n]*"|'[^'\n]*')\s*[\])])/;
const shellDashC = (_args: string, raw: string): boolean => SHELL_DASH_C.test(raw);

const CALLABLES: readonly DangerousCallable[] = [
  { module: 'builtins', names: ['eval'], construct: 'eval of a non-literal argument', when: nonLiteral },
  { module: 'builtins', names: ['exec'], construct: 'exec of a non-literal argument', when: nonLiteral },
  { module: 'builtins', names: ['compile'], construct: 'compile of a non-literal source (code to exec)', when: nonLiteral },
  { module: 'builtins', names: ['__import__'], construct: '__import__ of a module named at run time', when: nonLiteral },
  { module: 'importlib', names: ['import_module'], construct: 'importlib.import_module of a module named at run time', when: nonLiteral },
  ...['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle'].map((module): DangerousCallable => ({
    module,
    names: ['loads', 'load', 'Unpickler'],
    construct: 'pickle loads of data (unpickling runs code)',
  })),
  { module: 'marshal', names: ['loads', 'load'], construct: 'marshal loads of data (unmarshalled code objects run)' },
  { module: 'jsonpickle', names: ['decode', 'loads'], construct: 'jsonpickle decode of data (unpickling runs code)' },
  { module: 'shelve', names: ['open'], construct: 'shelve open (unpickling runs code)' },
  {
    module: 'yaml',
    names: ['load', 'load_all', 'unsafe_load', 'unsafe_load_all', 'full_load', 'full_load_all'],
    construct: 'yaml.load without a safe loader',
    when: (args) => !/^[^)]*\b(Safe|CSafe|Base)Loader\b/.test(args),
  },
  {
    module: 'subprocess',
    names: ['run', 'call', 'check_call', 'check_output', 'Popen'],
    construct: 'subprocess with shell=True and a non-literal command',
    when: (args) => nonLiteral(args) && /\bshell\s*=\s*True\b/.test(args),
  },
  {
    module: 'subprocess',
    names: ['run', 'call', 'check_call', 'check_output', 'Popen'],
    construct: 'subprocess running a shell with -c and a non-literal command',
    when: (args, raw) => !/\bshell\s*=\s*True\b/.test(args) && shellDashC(args, raw),
  },
  {
    module: 'subprocess',
    names: ['getoutput', 'getstatusoutput'],
    construct: 'subprocess shell command built from non-literals',
    when: nonLiteral,
  },
  {
    module: 'os',
    names: ['system', 'popen', 'popen2', 'popen3', 'spawnl', 'spawnlp', 'execl', 'execlp'],
    construct: 'os.system/os.popen of a non-literal command',
    when: nonLiteral,
  },
  {
    module: 'os',
    names: [
      'execv',
      'execve',
      'execvp',
      'execvpe',
      'execle',
      'execlpe',
      'spawnv',
      'spawnve',
      'spawnvp',
      'spawnvpe',
      'posix_spawn',
      'posix_spawnp',
    ],
    construct: 'os exec/spawn of a shell with -c and a non-literal command',
    when: shellDashC,
  },
];

/** Constructs no import table covers: builtins reached by name, shells reached through `__import__`. */
const FIXED_PATTERNS: ReadonlyArray<{ readonly construct: string; readonly pattern: RegExp }> = [
  {
    construct: '__import__ of a module whose shell functions are called',
    pattern: /\b__import__\s*\([^)]*\)\s*\.\s*(system|popen|call|run|check_output|Popen)\s*\(/g,
  },
  {
    construct: 'a builtin reached through getattr (eval/exec by name)',
    pattern: /\bgetattr\s*\(\s*(builtins|__builtins__|__import__\s*\([^)]*\))\s*,/g,
  },
];

/** The names a source binds by its imports: module → local names, `module.fn` → local names, star-imported modules. */
interface ImportNames {
  readonly modules: Map<string, Set<string>>;
  readonly functions: Map<string, Set<string>>;
  readonly star: Set<string>;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  map.set(key, (map.get(key) ?? new Set<string>()).add(value));
}

/** Reads `import a.b as c, d` and `from a import (b as c, d)` statements of blanked source. */
function importNames(code: string): ImportNames {
  const names: ImportNames = { modules: new Map(), functions: new Map(), star: new Set() };
  for (const m of code.matchAll(/(?:^|[\n;])[ \t]*import[ \t]+([\w. \t,]+)/g)) {
    for (const item of m[1].split(',')) {
      const [, module, alias] = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(item) ?? [];
      if (module !== undefined) add(names.modules, module, alias ?? module.split('.')[0]);
    }
  }
  for (const m of code.matchAll(/(?:^|[\n;])[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n;]+)/g)) {
    const module = m[1];
    for (const item of m[2].replace(/[()\\]/g, ' ').split(',')) {
      if (item.trim() === '*') {
        names.star.add(module);
        continue;
      }
      const [, name, alias] = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(item) ?? [];
      if (name === undefined) continue;
      add(names.functions, `${module}.${name}`, alias ?? name);
      // `from os import path`: a submodule bound under a name of its own.
      add(names.modules, `${module}.${name}`, alias ?? name);
    }
  }
  return names;
}

/** True when a from-import binds `name` to something of another module (`from re import compile`). */
function shadowed(imports: ImportNames, name: string): boolean {
  for (const [qualified, locals] of imports.functions) if (locals.has(name) && !qualified.startsWith('builtins.')) return true;
  return false;
}

/** A pattern matching every spelling of a call to one of the callable's functions, up to its `(`. */
function callPattern(c: DangerousCallable, imports: ImportNames): RegExp {
  const spellings = new Set<string>();
  const moduleNames = new Set([c.module, ...(imports.modules.get(c.module) ?? [])]);
  for (const fn of c.names) {
    if (c.module === 'builtins') {
      spellings.add(`(?:builtins|__builtins__)\\s*\\.\\s*${fn}`);
      // `from re import compile` rebinds the name: a bare `compile(` is then re.compile.
      if (!shadowed(imports, fn)) spellings.add(fn);
    } else for (const m of moduleNames) spellings.add(`${m.replace(/\./g, '\\s*\\.\\s*')}\\s*\\.\\s*${fn}`);
    if (imports.star.has(c.module)) spellings.add(fn);
    for (const local of imports.functions.get(`${c.module}.${fn}`) ?? []) spellings.add(local);
  }
  return new RegExp(String.raw`(?<![\w.])(?:${[...spellings].join('|')})\s*\(`, 'g');
}

/** Every dynamic-code construct of one Python source, in source order. */
export function scanPythonSource(text: string): CodeFinding[] {
  const code = blankPython(text);
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: CodeFinding[] = [];
  const imports = importNames(code);
  for (const c of CALLABLES) {
    for (const m of code.matchAll(callPattern(c, imports))) {
      const at = (m.index ?? 0) + m[0].length;
      if (c.when === undefined || c.when(code.slice(at, at + ARGUMENT_WINDOW), text.slice(at, at + ARGUMENT_WINDOW)))
        found.push({ line: lineOf(m.index ?? 0), construct: c.construct });
    }
  }
  for (const { construct, pattern } of FIXED_PATTERNS) {
    for (const m of code.matchAll(pattern)) found.push({ line: lineOf(m.index ?? 0), construct });
  }
  return found.sort((a, b) => a.line - b.line);
}
