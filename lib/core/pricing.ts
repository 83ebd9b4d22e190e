/**
 * AWS Lambda on-demand compute prices, used by the cost alarm of SecureFunction and the worst-case cost figure.
 *
 * Defaults are the published us-east-1 prices (first pricing tier), which most commercial regions share;
 * pass your own figures for other regions, Savings Plans or negotiated rates.
 */
export interface LambdaPriceTableProps {
  /**
   * USD per GB-second of compute for x86_64 functions.
   * @default 0.0000166667
   */
  readonly x86PerGbSecond?: number;
  /**
   * USD per GB-second of compute for arm64 (Graviton) functions.
   * @default 0.0000133334
   */
  readonly arm64PerGbSecond?: number;
  /**
   * USD per one million requests.
   * @default 0.20
   */
  readonly perMillionRequests?: number;
}

/** Hours in a month, as AWS pricing pages count them. */
export const HOURS_PER_MONTH = 730;

/** A Lambda price table: default published prices, or your own. */
export class LambdaPriceTable {
  /** The published us-east-1 prices. */
  public static readonly DEFAULT = new LambdaPriceTable();

  /** USD per GB-second, x86_64. */
  public readonly x86PerGbSecond: number;
  /** USD per GB-second, arm64. */
  public readonly arm64PerGbSecond: number;
  /** USD per million requests. */
  public readonly perMillionRequests: number;

  constructor(props: LambdaPriceTableProps = {}) {
    this.x86PerGbSecond = LambdaPriceTable.price('x86PerGbSecond', props.x86PerGbSecond, 0.0000166667);
    this.arm64PerGbSecond = LambdaPriceTable.price('arm64PerGbSecond', props.arm64PerGbSecond, 0.0000133334);
    this.perMillionRequests = LambdaPriceTable.price('perMillionRequests', props.perMillionRequests, 0.2);
  }

  /**
   * USD per GB-second for an architecture name as CloudFormation writes it (`x86_64` or `arm64`).
   * @param architecture `x86_64` (the Lambda default) or `arm64`
   */
  public perGbSecond(architecture: string): number {
    return architecture === 'arm64' ? this.arm64PerGbSecond : this.x86PerGbSecond;
  }

  /**
   * Worst-case monthly compute cost in USD of a function that runs `concurrency` environments all month.
   * @param concurrency the reserved concurrency (the most environments that can run at once)
   * @param memoryMb the configured memory in MB
   * @param architecture `x86_64` or `arm64`
   */
  public worstCaseMonthlyUsd(concurrency: number, memoryMb: number, architecture: string): number {
    return concurrency * (memoryMb / 1024) * HOURS_PER_MONTH * 3600 * this.perGbSecond(architecture);
  }

  private static price(prop: string, value: number | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`LambdaPriceTable: ${prop} must be a finite number >= 0 (USD); got ${value}. Pass the price from your AWS pricing page or omit it for the default.`);
    }
    return value;
  }
}
