import { CASES, KNOWN_GAPS } from './corpus';
import { CaseOutcome, scoreCorpus } from './score';

/**
 * The invariants the adversarial corpus must keep (issue 13): no case crashes, hangs or prints a trace; no clean
 * look-alike raises an error; every case not listed in known-gaps.ts is detected. Figures: `npm run detection`.
 */
let outcomes: CaseOutcome[];

beforeAll(async () => {
  outcomes = await scoreCorpus(CASES);
}, 600000);

const label = (o: CaseOutcome): string =>
  `${o.case.id}: ${o.failure ?? (o.case.clean ? o.falseErrors.map((f) => `${f.rule} ${f.message}`).join('; ') : `missed ${o.case.expect.join(', ')}`)}`;

test('the corpus is large enough and a third of it clean', () => {
  expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(150);
  expect(CASES.filter((c) => c.clean).length * 3).toBeGreaterThanOrEqual(CASES.length * 0.9);
  for (const id of Object.keys(KNOWN_GAPS)) expect(CASES.map((c) => c.id)).toContain(id);
});

test('no case crashes, hangs, prints a trace or ends a broken-output run wrongly', () => {
  expect(outcomes.filter((o) => o.failure !== undefined).map(label)).toEqual([]);
});

test('no clean look-alike raises an error finding, except the listed known gaps', () => {
  expect(outcomes.filter((o) => o.case.clean && o.falseErrors.length > 0 && KNOWN_GAPS[o.case.id] === undefined).map(label)).toEqual([]);
});

test('every case not listed as a known gap is detected by every rule its label names', () => {
  expect(
    outcomes.filter((o) => !o.case.clean && o.case.io === undefined && !o.detected && KNOWN_GAPS[o.case.id] === undefined).map(label),
  ).toEqual([]);
});
