import { FunctionFigure } from './function-cost';
import { usd } from '../core/display';

/** Money in reports is rounded to cents: the inputs are list prices, more digits would be false precision. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** A FunctionCost with every USD field rounded to cents. */
export function centsOf<T extends object>(cost: T): T {
  return Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, k.endsWith('Usd') && typeof v === 'number' ? cents(v) : v])) as T;
}

const HEADERS = ['FUNCTION', 'RESERVED', 'CONCURRENCY', 'MEMORY MB', 'ARCH', 'COMPUTE', 'REQUESTS', 'PROVISIONED', 'FIXED', 'USD/MONTH'];
/** Columns after the first are right-aligned numbers, except ARCH. */
const LEFT = new Set([0, 4]);
const LAST = HEADERS.length - 1;

/**
 * The report as a fixed-width table, costliest first, with a line for fixed costs no function owns and a total
 * line. `*` marks a figure the template does not bound (the account limit or an assumed value stands in), explained
 * under the table.
 */
export function formatCostTable(report: {
  readonly functions: FunctionFigure[];
  readonly totalMonthlyUsd: number;
  readonly otherFixedMonthlyUsd?: number;
}): string {
  const rows = report.functions.map((f) => [
    f.path,
    f.reservedConcurrency === undefined ? '-' : String(f.reservedConcurrency),
    String(f.concurrencyUsed),
    String(f.memoryMb),
    f.architecture,
    usd(f.computeMonthlyUsd),
    usd(f.requestsMonthlyUsd),
    usd(f.provisionedMonthlyUsd),
    usd(f.fixedMonthlyUsd),
    `${usd(f.monthlyUsd)}${f.bounded ? ' ' : '*'}`,
  ]);
  const blank = (): string[] => HEADERS.map(() => '');
  const extra: string[][] = [];
  const other = report.otherFixedMonthlyUsd ?? 0;
  if (other > 0) {
    const line = blank();
    line[0] = 'keys and alarms no function owns';
    line[8] = usd(other);
    line[LAST] = `${usd(other)} `;
    extra.push(line);
  }
  const count = report.functions.length;
  const total = blank();
  total[0] = `TOTAL (${count} function${count === 1 ? '' : 's'})`;
  total[LAST] = `${usd(report.totalMonthlyUsd)} `;
  const all = [...rows, ...extra, total];
  const widths = HEADERS.map((h, i) => Math.max(h.length + (i === LAST ? 1 : 0), ...all.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (LEFT.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(HEADERS.map((h, i) => (i === LAST ? `${h} ` : h))), ...all.map(line)];
  if (report.functions.some((f) => !f.bounded)) {
    out.push(
      '* not bounded by the template: no reserved concurrency (counted at the account limit),' +
        ' or a value left to deploy time (counted at its worst)',
    );
  }
  return `${out.join('\n')}\n`;
}
