import type { CodeFinding } from './dynamic-code-scanner';

/**
 * Finds Python code that executes dynamic input (T6): `eval`/`exec` of a non-literal, `pickle`/`marshal` loads,
 * `yaml.load` without a safe loader, `subprocess` with `shell=True`, `os.system`/`os.popen`, `__import__(...).system`,
 * builtins reached through `getattr`. Read token-wise, not parsed: comments and string contents are blanked first
 * (their length kept, so lines stay right), so `# never eval(x)` and `"eval(x)"` are not findings and `literal_eval`,
 * `re.compile` or `cursor.execute` never match. No Python parser ships with the package; what needs one (an alias
 * `e = eval`, arguments held in variables) is out of reach and stated here.
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
const LITERAL_ARG = String.raw`\s*[rRbBuU]{0,2}(?:"""[\s]*"""|'''[\s]*'''|"[ ]*"|'[ ]*')\s*[,)]`;

interface PythonPattern {
  readonly construct: string;
  readonly pattern: RegExp;
}

const PATTERNS: PythonPattern[] = [
  { construct: 'eval of a non-literal argument', pattern: new RegExp(String.raw`(?<![\w.])eval\s*\((?!${LITERAL_ARG})`, 'g') },
  { construct: 'exec of a non-literal argument', pattern: new RegExp(String.raw`(?<![\w.])exec\s*\((?!${LITERAL_ARG})`, 'g') },
  {
    construct: 'pickle/marshal loads of data (unpickling runs code)',
    pattern: /\b(c?[Pp]ickle|marshal|dill|cloudpickle|jsonpickle|shelve)\s*\.\s*(loads?|decode|Unpickler|open)\s*\(/g,
  },
  {
    construct: 'yaml.load without a safe loader',
    pattern: /\byaml\s*\.\s*(load|load_all|unsafe_load|full_load)\s*\((?![^)]*\b(Safe|CSafe|Base)Loader\b)/g,
  },
  {
    construct: 'subprocess with shell=True',
    pattern:
      /\bsubprocess\s*\.\s*(run|call|check_call|check_output|Popen)\s*\([\s\S]{0,300}?\bshell\s*=\s*True|\bsubprocess\s*\.\s*(getoutput|getstatusoutput)\s*\(/g,
  },
  {
    construct: 'os.system/os.popen of a command',
    pattern: /\bos\s*\.\s*(system|popen|popen2|popen3|spawnl|spawnlp|execl|execlp)\s*\((?!\s*[rRbBuU]{0,2}("[ ]*"|'[ ]*')\s*\))/g,
  },
  {
    construct: '__import__ of a module whose shell functions are called',
    pattern: /\b__import__\s*\([^)]*\)\s*\.\s*(system|popen|call|run|check_output|Popen)\s*\(/g,
  },
  {
    construct: 'a builtin reached through getattr (eval/exec by name)',
    pattern: /\bgetattr\s*\(\s*(builtins|__builtins__|__import__\s*\([^)]*\))\s*,/g,
  },
];

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
  for (const { construct, pattern } of PATTERNS) {
    for (const m of code.matchAll(pattern)) found.push({ line: lineOf(m.index ?? 0), construct });
  }
  return found.sort((a, b) => a.line - b.line);
}
