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
  /**
   * USD per GB-second that provisioned concurrency of an x86_64 function costs while configured, busy or idle.
   * @default 0.0000041667
   */
  readonly x86ProvisionedPerGbSecond?: number;
  /**
   * USD per GB-second that provisioned concurrency of an arm64 function costs while configured, busy or idle.
   * @default 0.0000033334
   */
  readonly arm64ProvisionedPerGbSecond?: number;
  /**
   * USD per month of one customer-managed KMS key (requests not included).
   * @default 1.00
   */
  readonly kmsKeyPerMonth?: number;
  /**
   * USD per month of one metric of a standard-resolution CloudWatch alarm (a metric-math alarm pays for each
   * metric it reads).
   * @default 0.10
   */
  readonly alarmMetricPerMonth?: number;
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
  /** USD per GB-second of configured provisioned concurrency, x86_64. */
  public readonly x86ProvisionedPerGbSecond: number;
  /** USD per GB-second of configured provisioned concurrency, arm64. */
  public readonly arm64ProvisionedPerGbSecond: number;
  /** USD per month of one customer-managed KMS key. */
  public readonly kmsKeyPerMonth: number;
  /** USD per month of one alarm metric. */
  public readonly alarmMetricPerMonth: number;

  constructor(props: LambdaPriceTableProps = {}) {
    this.x86PerGbSecond = LambdaPriceTable.price('x86PerGbSecond', props.x86PerGbSecond, 0.0000166667);
    this.arm64PerGbSecond = LambdaPriceTable.price('arm64PerGbSecond', props.arm64PerGbSecond, 0.0000133334);
    this.perMillionRequests = LambdaPriceTable.price('perMillionRequests', props.perMillionRequests, 0.2);
    this.x86ProvisionedPerGbSecond = LambdaPriceTable.price('x86ProvisionedPerGbSecond', props.x86ProvisionedPerGbSecond, 0.0000041667);
    this.arm64ProvisionedPerGbSecond = LambdaPriceTable.price(
      'arm64ProvisionedPerGbSecond',
      props.arm64ProvisionedPerGbSecond,
      0.0000033334,
    );
    this.kmsKeyPerMonth = LambdaPriceTable.price('kmsKeyPerMonth', props.kmsKeyPerMonth, 1);
    this.alarmMetricPerMonth = LambdaPriceTable.price('alarmMetricPerMonth', props.alarmMetricPerMonth, 0.1);
  }

  /** USD of one request (the price per million / 1,000,000), as the cost alarm's expression writes it. */
  public get perRequest(): number {
    return exact(this.perMillionRequests / 1e6);
  }

  /**
   * USD per millisecond of duration at a memory size and architecture, as the cost alarm's expression writes it.
   * @param memoryMb the configured memory in MB
   * @param architecture `x86_64` or `arm64`
   */
  public perMillisecond(memoryMb: number, architecture: string): number {
    return exact(((memoryMb / 1024) * this.perGbSecond(architecture)) / 1000);
  }

  /**
   * USD per GB-second of provisioned concurrency for an architecture name (`x86_64` or `arm64`).
   * @param architecture `x86_64` (the Lambda default) or `arm64`
   */
  public provisionedPerGbSecond(architecture: string): number {
    return architecture === 'arm64' ? this.arm64ProvisionedPerGbSecond : this.x86ProvisionedPerGbSecond;
  }

  /**
   * Worst-case monthly request charges of a function whose `concurrency` environments each start a new invocation
   * every `minimumDurationMs`, all month: the same request price the cost alarm multiplies its Invocations by.
   * @param concurrency the most environments that can run at once
   * @param minimumDurationMs the shortest billed duration an invocation is assumed to take (ms, at least 1)
   */
  public worstCaseRequestsMonthlyUsd(concurrency: number, minimumDurationMs: number): number {
    const requests = concurrency * (1000 / minimumDurationMs) * HOURS_PER_MONTH * 3600;
    return requests * this.perRequest;
  }

  /**
   * Monthly cost of `provisioned` environments kept warm all month (charged whether or not they run).
   * @param provisioned provisioned concurrent executions
   * @param memoryMb the configured memory in MB
   * @param architecture `x86_64` or `arm64`
   */
  public provisionedMonthlyUsd(provisioned: number, memoryMb: number, architecture: string): number {
    return provisioned * (memoryMb / 1024) * HOURS_PER_MONTH * 3600 * this.provisionedPerGbSecond(architecture);
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
    // Per millisecond, as the cost alarm counts Duration: the two cannot drift apart.
    return concurrency * HOURS_PER_MONTH * 3600 * 1000 * this.perMillisecond(memoryMb, architecture);
  }

  private static price(prop: string, value: number | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(
        `LambdaPriceTable: ${prop} must be a finite number >= 0 (USD); got ${value}. Pass the price from your AWS pricing page or omit it for the default.`,
      );
    }
    return value;
  }
}

/** Drops binary floating-point noise (0.2 / 1e6 is 2.0000000000000002e-7) so templates show the price. */
function exact(value: number): number {
  return Number(value.toPrecision(12));
}
