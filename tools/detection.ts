/**
 * `npm run detection`: scores the adversarial corpus (test/adversarial) through `bulkhead check --format json` and
 * prints recall and false-error rate per threat and per class. `--markdown` prints the tables for docs/detection.md.
 * Needs the built CLI (`npm run build`).
 */
import { CASES, KNOWN_GAPS } from '../test/adversarial/corpus';
import { CaseOutcome, scoreCorpus } from '../test/adversarial/score';

interface Tally {
  dirty: number;
  detected: number;
  clean: number;
  falseErrors: number;
  failures: number;
}

function tally(outcomes: CaseOutcome[], key: (o: CaseOutcome) => string): Map<string, Tally> {
  const map = new Map<string, Tally>();
  for (const o of outcomes) {
    const k = key(o);
    const t = map.get(k) ?? { dirty: 0, detected: 0, clean: 0, falseErrors: 0, failures: 0 };
    if (o.failure !== undefined) t.failures++;
    if (o.case.io !== undefined || o.case.refused === true) {
      /* judged by failures only */
    } else if (o.case.clean) {
      t.clean++;
      if (o.falseErrors.length > 0) t.falseErrors++;
    } else {
      t.dirty++;
      if (o.detected) t.detected++;
    }
    map.set(k, t);
  }
  return map;
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);

function table(title: string, rows: Map<string, Tally>, markdown: boolean): string {
  const head = [title, 'dirty', 'detected', 'recall', 'clean', 'false errors', 'false-error rate', 'crashes/hangs/traces'];
  const body = [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, t]) => [
      k,
      String(t.dirty),
      String(t.detected),
      pct(t.detected, t.dirty),
      String(t.clean),
      String(t.falseErrors),
      pct(t.falseErrors, t.clean),
      String(t.failures),
    ]);
  if (markdown)
    return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  return [head, ...body].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const markdown = process.argv.includes('--markdown');
  const outcomes = await scoreCorpus(CASES);
  const all = tally(outcomes, () => 'all');
  const t = all.get('all')!;
  console.log(
    `${CASES.length} cases: ${t.dirty} to detect, ${t.clean} clean look-alikes, ${outcomes.filter((o) => o.case.io).length} broken-output runs, ${outcomes.filter((o) => o.case.refused).length} templates to refuse`,
  );
  console.log(
    `recall ${pct(t.detected, t.dirty)} (${t.detected}/${t.dirty}), false errors on ${pct(t.falseErrors, t.clean)} of clean cases (${t.falseErrors}/${t.clean}), ${t.failures} crashes, hangs or traces\n`,
  );
  console.log(
    table(
      'threat',
      tally(outcomes, (o) => o.case.threat),
      markdown,
    ),
  );
  console.log();
  console.log(
    table(
      'class',
      tally(outcomes, (o) => `${o.case.threat} ${o.case.class}`),
      markdown,
    ),
  );
  const regressions = outcomes.filter((o) => !o.pass && KNOWN_GAPS[o.case.id] === undefined);
  const fixed = outcomes.filter((o) => o.pass && KNOWN_GAPS[o.case.id] !== undefined);
  if (!markdown) {
    for (const o of outcomes.filter((x) => !x.pass)) {
      const why =
        o.failure ??
        (o.case.clean ? `false error: ${[...new Set(o.falseErrors.map((f) => f.rule))].join(', ')}` : `missed ${o.case.expect.join(', ')}`);
      console.log(`${KNOWN_GAPS[o.case.id] !== undefined ? 'gap ' : 'FAIL'}  ${o.case.id}: ${why}`);
    }
    for (const o of fixed) console.log(`now passes (remove from known-gaps.ts): ${o.case.id}`);
  }
  if (regressions.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`detection: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
