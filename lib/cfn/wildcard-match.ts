/**
 * IAM-style wildcard matching (`*` any run of characters, `?` one character) without regular expressions: a pattern
 * built from the template (`lambda:*a*a*a...`) must not make a backtracking regex run for minutes. A pattern needing
 * more characters than the text has is refused after one pass; otherwise the scan keeps only the last `*` to resume
 * from, at most |text| x |text| steps. Linear in the pattern, whatever it holds.
 */
export function wildcardMatches(pattern: string, text: string, ignoreCase = true): boolean {
  return wildcardMatcher(pattern, ignoreCase)(text);
}

/**
 * The same match, with the pattern prepared once (lower-cased, runs of `*` collapsed, its length counted) for
 * matching it against many texts, e.g. every action of a service: each text then costs at most |text| x |text| steps.
 */
export function wildcardMatcher(pattern: string, ignoreCase = true): (text: string) => boolean {
  let needed = 0;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== '*') needed++;
  const p = (ignoreCase ? pattern.toLowerCase() : pattern).replace(/\*+/g, '*');
  return (text: string): boolean => {
    if (needed > text.length) return false;
    const t = ignoreCase ? text.toLowerCase() : text;
    let pi = 0;
    let ti = 0;
    let star = -1;
    let resume = 0;
    while (ti < t.length) {
      if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
        pi++;
        ti++;
      } else if (pi < p.length && p[pi] === '*') {
        star = pi++;
        resume = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++resume;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] === '*') pi++;
    return pi === p.length;
  };
}

/** True when the text holds an IAM wildcard character. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
