import { FunctionFigure } from './function-cost';
import { usd } from '../core/display';

const HEADERS = ['FUNCTION', 'RESERVED', 'CONCURRENCY', 'MEMORY MB', 'ARCH', 'USD/MONTH'];
/** Columns after the first are right-aligned numbers, except ARCH. */
const LEFT = new Set([0, 4]);

/**
 * The report as a fixed-width table, costliest first, with a total line. `*` marks a figure the template does
 * not bound (the account limit or an assumed value stands in), explained under the table.
 */
export function formatCostTable(report: { readonly functions: FunctionFigure[]; readonly totalMonthlyUsd: number }): string {
  const rows = report.functions.map((f) => [
    f.path,
    f.reservedConcurrency === undefined ? '-' : String(f.reservedConcurrency),
    String(f.concurrencyUsed),
    String(f.memoryMb),
    f.architecture,
    `${usd(f.monthlyUsd)}${f.bounded ? ' ' : '*'}`,
  ]);
  const count = report.functions.length;
  const total = [`TOTAL (${count} function${count === 1 ? '' : 's'})`, '', '', '', '', `${usd(report.totalMonthlyUsd)} `];
  const widths = HEADERS.map((h, i) => Math.max(h.length + (i === 5 ? 1 : 0), ...[...rows, total].map((r) => r[i].length)));
  const line = (cells: string[]): string => cells
    .map((c, i) => (LEFT.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
    .join('  ')
    .trimEnd();
  const out = [line(HEADERS.map((h, i) => (i === 5 ? `${h} ` : h))), ...rows.map(line), line(total)];
  if (report.functions.some((f) => !f.bounded)) {
    out.push('* not bounded by the template: no reserved concurrency (counted at the account limit),'
      + ' or a value left to deploy time (counted at its worst)');
  }
  return `${out.join('\n')}\n`;
}
