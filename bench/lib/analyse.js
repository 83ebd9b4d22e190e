'use strict';
// Ratios and growth derived from the raw measurements; the targets are reported against, never asserted.
const { ratio } = require('./table');

const TARGET_RATIO = 1.2;

function find(synth, c, n) {
  return synth.find((r) => r.case === c && r.n === n);
}

/** (c)/(b), (c)/(b0), (c)/(a) and (d)/(b) at each N, in time and memory. */
function ratios(synth, ns) {
  return ns.map((n) => {
    const [a, b, b0, c, d] = ['a', 'b', 'b0', 'c', 'd'].map((k) => find(synth, k, n));
    const pair = (x, y) =>
      x &&
      y && {
        time: ratio(x.totalMs, y.totalMs),
        peakRss: ratio(x.synthRssKb, y.synthRssKb),
        rssOverBaseline: ratio(x.synthRssKb - x.baselineRssKb, y.synthRssKb - y.baselineRssKb),
      };
    return { n, cOverB: pair(c, b), cOverB0: pair(c, b0), cOverA: pair(c, a), dOverB: pair(d, b) };
  });
}

/** time(hi)/time(lo) per case, and for each pack run alone; linear growth is hi/lo. */
function growth(synth, lo, hi) {
  if (lo === undefined || hi === undefined || lo === hi) return undefined;
  const out = { from: lo, to: hi, linear: hi / lo, cases: {} };
  for (const c of ['a', 'b', 'b0', 'c', 'd']) {
    const [x, y] = [find(synth, c, lo), find(synth, c, hi)];
    if (!x || !y) continue;
    out.cases[c] = {
      time: ratio(y.totalMs, x.totalMs),
      bulkheadPack: x.packs.bulkhead && ratio(y.packs.bulkhead.ms, x.packs.bulkhead.ms),
      cdkNagPacks: x.packs.cdkNag && ratio(y.packs.cdkNag.ms, x.packs.cdkNag.ms),
    };
  }
  return out;
}

/**
 * The targets at the largest N: (c) <= 1.2 x (b) in time and memory; also given against (b0), the lighter
 * hand-hardening with fewer resources, so the cost of what SecureFunction adds over it stays visible.
 */
function targets(ratioRows) {
  const last = ratioRows[ratioRows.length - 1];
  if (!last || !last.cOverB) return undefined;
  // undefined when a ratio has no value (e.g. neither case needed memory over its baseline)
  const met = (value) => (value === undefined ? undefined : value <= TARGET_RATIO);
  const against = (p) =>
    p && {
      time: p.time,
      peakRss: p.peakRss,
      rssOverBaseline: p.rssOverBaseline,
      timeMet: met(p.time),
      peakRssMet: met(p.peakRss),
      rssOverBaselineMet: met(p.rssOverBaseline),
    };
  return { n: last.n, limit: TARGET_RATIO, ...against(last.cOverB), b0: against(last.cOverB0) };
}

module.exports = { ratios, growth, targets, TARGET_RATIO };
