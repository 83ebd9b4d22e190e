/**
 * IAM-style wildcard matching (`*` any run of characters, `?` one character) without regular expressions: a pattern
 * built from the template (`lambda:*a*a*a...`) must not make a backtracking regex run for minutes. The scan keeps only
 * the last `*` to resume from, so it takes at most |pattern| x |text| steps; the texts matched are action names and
 * ARNs of bounded length, so the time is linear in the pattern.
 */
export function wildcardMatches(pattern: string, text: string, ignoreCase = true): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
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
}

/** True when the text holds an IAM wildcard character. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
