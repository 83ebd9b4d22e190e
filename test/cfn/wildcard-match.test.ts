import * as fc from 'fast-check';
import { wildcardMatcher, wildcardMatches } from '../../lib/cfn/wildcard-match';

/** The regex IAM's wildcards translate to: fine as a reference on short inputs, the thing to avoid on hostile ones. */
function reference(pattern: string, text: string): boolean {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^$()[\]{}|\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'is').test(text);
}

test.each([
  ['lambda:Invoke*', 'lambda:InvokeFunction', true],
  ['LAMBDA:*', 'lambda:InvokeAsync', true],
  ['l?mbda:I*F*n', 'lambda:InvokeFunction', true],
  ['lambda:Invoke', 'lambda:InvokeFunction', false],
  ['*Url', 'lambda:InvokeFunctionUrl', true],
  ['*Url', 'lambda:InvokeFunction', false],
  ['?', '', false],
])('%s matches %s: %s', (pattern, text, expected) => {
  expect(wildcardMatches(pattern, text)).toBe(expected);
});

test('agrees with the regex translation on short patterns (fixed seed)', () => {
  const chars = fc.constantFrom('*', '?', 'a', 'b', ':', 'A');
  fc.assert(
    fc.property(
      fc.string({ unit: chars, maxLength: 8 }),
      fc.string({ unit: fc.constantFrom('a', 'b', ':', 'B'), maxLength: 8 }),
      (pattern, text) => wildcardMatches(pattern, text) === reference(pattern, text),
    ),
    { seed: 13, numRuns: 500 },
  );
});

test('a matcher prepared once agrees with one-off matches on every text (fixed seed)', () => {
  const chars = fc.constantFrom('*', '?', 'a', 'b', ':');
  fc.assert(
    fc.property(
      fc.string({ unit: chars, maxLength: 8 }),
      fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ':', 'B'), maxLength: 8 }), { maxLength: 5 }),
      (pattern, texts) => {
        const matches = wildcardMatcher(pattern);
        return texts.every((t) => matches(t) === reference(pattern, t));
      },
    ),
    { seed: 13, numRuns: 300 },
  );
});
