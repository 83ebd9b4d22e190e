import * as path from 'path';

/**
 * How paths and amounts are shown to users, the same in every report, message and CLI output.
 */

/** A path relative to the working directory when inside it, else absolute; always with `/`, so reports and SARIF URIs are portable. */
export function displayPath(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path.sep).join('/');
}

/** USD with two decimals and thousands separators, independent of the machine's locale. */
export function usd(amount: number): string {
  const [whole, cents] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
