import { IConstruct } from 'constructs';
import { isIsoDate, utcToday } from './clock';
import { invalidProp } from './errors';

/**
 * The one source of "today" for every dated verdict (a deprecated runtime, an expired acknowledgement): the CDK
 * context key `cdk-bulkhead:today` when set (`cdk synth -c cdk-bulkhead:today=2027-01-15`, cdk.json or
 * `new App({ context })`), else the current UTC date. An explicit `today` prop (BulkheadChecks, BulkheadBlueprint)
 * still wins over both.
 */
export class BulkheadToday {
  /** The CDK context key that pins the date, read through the construct tree (App, Stage or Stack). */
  public static readonly CONTEXT_KEY: string = 'cdk-bulkhead:today';

  /**
   * The date (UTC, YYYY-MM-DD) Bulkhead judges by at `scope`: the context key nearest it, else the current date.
   * A value that is not a calendar date is refused, naming the key and the fix.
   */
  public static of(scope: IConstruct): string {
    const value: unknown = scope.node.tryGetContext(BulkheadToday.CONTEXT_KEY);
    if (value === undefined) return utcToday();
    if (!isIsoDate(value)) {
      throw invalidProp(
        scope.node.path || '(the App)',
        `context ${BulkheadToday.CONTEXT_KEY}`,
        value,
        'a calendar date written YYYY-MM-DD',
        `set it like -c ${BulkheadToday.CONTEXT_KEY}=2027-01-15, or remove it to judge against the current UTC date`,
      );
    }
    return value;
  }

  private constructor() {}
}
