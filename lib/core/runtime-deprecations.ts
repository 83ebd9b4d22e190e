/**
 * AWS Lambda managed runtimes and the date AWS deprecates each one (no more security patches), for the
 * DeprecatedRuntime rule and SecureFunction (T8).
 *
 * Source: the "Supported runtimes" and "Deprecated runtimes" tables of
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, read on 2026-11-25 through copies of it:
 * the tables as transcribed by tflint-ruleset-aws (rules/aws_lambda_function_deprecated_runtime.go) and
 * cfn-lint (LmbdRuntimeLifecycle.json), plus the extension AWS announced in 2026 for the Amazon Linux 2 based
 * java8.al2, java11, java17 and python3.11 (deprecation moved from 2026-06-30 to 2027-06-30; cfn-lint PR #4532,
 * issue #4564). AWS moves these dates (mostly later); update the table and this header together.
 *
 * Successors are the newest runtime of the same language on Amazon Linux 2023.
 */
export interface RuntimeDeprecation {
  /** The date (UTC, YYYY-MM-DD) from which AWS no longer patches the runtime. */
  readonly deprecated: string;
  /** A supported runtime to move to. */
  readonly successor: string;
}

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const JAVA = 'java25';
const DOTNET = 'dotnet10';
const RUBY = 'ruby3.4';
const OS_ONLY = 'provided.al2023';

const TABLE: { readonly [runtime: string]: RuntimeDeprecation } = {
  nodejs: { deprecated: '2016-10-31', successor: NODE },
  'nodejs4.3': { deprecated: '2020-03-05', successor: NODE },
  'nodejs4.3-edge': { deprecated: '2020-03-05', successor: NODE },
  'nodejs6.10': { deprecated: '2019-08-12', successor: NODE },
  'nodejs8.10': { deprecated: '2020-03-06', successor: NODE },
  'nodejs10.x': { deprecated: '2021-07-30', successor: NODE },
  'nodejs12.x': { deprecated: '2023-03-31', successor: NODE },
  'nodejs14.x': { deprecated: '2023-12-04', successor: NODE },
  'nodejs16.x': { deprecated: '2024-06-12', successor: NODE },
  'nodejs18.x': { deprecated: '2025-09-01', successor: NODE },
  'nodejs20.x': { deprecated: '2026-04-30', successor: NODE },
  'nodejs22.x': { deprecated: '2027-04-30', successor: NODE },
  'nodejs24.x': { deprecated: '2028-04-30', successor: NODE },

  'python2.7': { deprecated: '2021-07-15', successor: PYTHON },
  'python3.6': { deprecated: '2022-07-18', successor: PYTHON },
  'python3.7': { deprecated: '2023-12-04', successor: PYTHON },
  'python3.8': { deprecated: '2024-10-14', successor: PYTHON },
  'python3.9': { deprecated: '2025-12-15', successor: PYTHON },
  'python3.10': { deprecated: '2026-06-30', successor: PYTHON },
  'python3.11': { deprecated: '2027-06-30', successor: PYTHON },
  'python3.12': { deprecated: '2028-10-31', successor: PYTHON },
  'python3.13': { deprecated: '2029-06-30', successor: PYTHON },

  java8: { deprecated: '2024-01-08', successor: `${JAVA} (or java8.al2023 to stay on Java 8)` },
  'java8.al2': { deprecated: '2027-06-30', successor: `${JAVA} (or java8.al2023 to stay on Java 8)` },
  java11: { deprecated: '2027-06-30', successor: `${JAVA} (or java11.al2023 to stay on Java 11)` },
  java17: { deprecated: '2027-06-30', successor: `${JAVA} (or java17.al2023 to stay on Java 17)` },
  java21: { deprecated: '2029-06-30', successor: JAVA },

  'dotnetcore1.0': { deprecated: '2019-06-27', successor: DOTNET },
  'dotnetcore2.0': { deprecated: '2019-05-30', successor: DOTNET },
  'dotnetcore2.1': { deprecated: '2022-01-05', successor: DOTNET },
  'dotnetcore3.1': { deprecated: '2023-04-03', successor: DOTNET },
  'dotnet5.0': { deprecated: '2022-05-10', successor: DOTNET },
  dotnet6: { deprecated: '2024-11-12', successor: DOTNET },
  dotnet7: { deprecated: '2024-05-14', successor: DOTNET },
  dotnet8: { deprecated: '2026-11-10', successor: DOTNET },

  'go1.x': { deprecated: '2024-01-08', successor: OS_ONLY },
  provided: { deprecated: '2024-01-08', successor: OS_ONLY },
  'provided.al2': { deprecated: '2026-06-30', successor: OS_ONLY },

  'ruby2.5': { deprecated: '2021-07-30', successor: RUBY },
  'ruby2.7': { deprecated: '2023-12-07', successor: RUBY },
  'ruby3.2': { deprecated: '2026-03-31', successor: RUBY },
  'ruby3.3': { deprecated: '2027-03-31', successor: RUBY },
};

/** The date the table was last checked against AWS's pages: tests judge the table as of this date. */
export const RUNTIME_TABLE_CHECKED_ON = '2026-11-25';

/** The table entry of a runtime deprecated on or before `today` (YYYY-MM-DD; callers pass BulkheadToday.of or a pinned date), else undefined. */
export function runtimeDeprecation(runtime: string, today: string): RuntimeDeprecation | undefined {
  const entry = Object.prototype.hasOwnProperty.call(TABLE, runtime) ? TABLE[runtime] : undefined;
  return entry !== undefined && entry.deprecated <= today ? entry : undefined;
}

/** Every runtime of the table (for tests and RULES.md). */
export const RUNTIME_DEPRECATIONS: { readonly [runtime: string]: RuntimeDeprecation } = TABLE;
