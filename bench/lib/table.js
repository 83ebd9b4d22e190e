'use strict';
// Plain-text tables for the terminal.

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '-' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const seconds = (ms) => (ms === undefined ? undefined : (ms / 1000).toFixed(2));
const mb = (kb) => (kb === undefined ? undefined : (kb / 1024).toFixed(0));
const ratio = (x, y) => (x === undefined || y === undefined || y === 0 ? undefined : x / y);
const fixed = (r, digits = 2) => (r === undefined ? undefined : r.toFixed(digits));

module.exports = { table, seconds, mb, ratio, fixed };
