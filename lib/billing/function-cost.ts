import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp } from '../core/errors';
import { LambdaPriceTable } from '../core/pricing';
import { outcomes, ParameterLookup, templateParameters } from '../cfn/parameters';
import { cdkOwnerOfTemplateResource } from '../checks/cdk-owned/recognize';
import type { FunctionCost } from './worst-case-cost';
import { LAMBDA_DEFAULT_MEMORY_MB, LAMBDA_MEMORY_MB } from '../core/lambda-limits';

/**
 * The one worst-case computation, over resolved CloudFormation: both the construct tree (`WorstCaseCost.of`) and
 * plain template JSON (`bulkhead cost`) feed it the same shapes, so the two can never disagree.
 */

/** Lambda's largest memory size (MB): the pessimistic figure for a memory size the template leaves open. */
const MAX_MEMORY_MB = LAMBDA_MEMORY_MB.max;
/** Lambda's architecture when the template sets none. */
export const DEFAULT_ARCHITECTURE = 'x86_64';
/** The account quota of concurrent executions in a fresh account. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;

/** One AWS::Lambda::Function as a template holds it. */
export interface FunctionEntry {
  readonly path: string;
  readonly logicalId: string;
  readonly properties: { [key: string]: any };
}

/** Validated settings of one computation. */
export interface CostSettings {
  readonly priceTable: LambdaPriceTable;
  readonly accountConcurrencyLimit: number;
  /** The minimum invocation duration of functions that record none (ms). */
  readonly minimumDurationMs: number;
}

/** One function's figure: the public FunctionCost (a type-only import, so no construct code is loaded here). */
export type FunctionFigure = FunctionCost;

/** A number from a literal (CloudFormation accepts "512" as well as 512); undefined when it is not one. */
function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.max(0, n) : undefined;
}

export interface Bounded<T> {
  readonly value: T;
  readonly bounded: boolean;
}

/** The largest memory the function can be deployed with: unset is 128 MB, open is Lambda's maximum. */
function memoryOf(properties: { [key: string]: any }, params: ParameterLookup): Bounded<number> {
  let value = 0;
  let bounded = true;
  for (const o of outcomes(properties.MemorySize, params)) {
    const n = o.kind === 'absent' ? LAMBDA_DEFAULT_MEMORY_MB : o.kind === 'value' ? numberOf(o.value) : undefined;
    if (n === undefined) {
      value = Math.max(value, MAX_MEMORY_MB);
      bounded = false;
    } else {
      value = Math.max(value, n);
    }
  }
  return { value, bounded };
}

/**
 * The most environments the function can run at once: its reserved concurrency, or the account limit when it
 * has none (it can then take every unreserved environment of the account) or when the template leaves it open.
 */
function concurrencyOf(
  properties: { [key: string]: any },
  params: ParameterLookup,
  limit: number,
): Bounded<number> & { reserved?: number } {
  let value = 0;
  let bounded = true;
  let reserved: number | undefined;
  const all = outcomes(properties.ReservedConcurrentExecutions, params);
  for (const o of all) {
    const n = o.kind === 'value' ? numberOf(o.value) : undefined;
    if (n === undefined) {
      value = Math.max(value, limit);
      bounded = false;
    } else {
      value = Math.max(value, n);
      reserved = Math.max(reserved ?? 0, n);
    }
  }
  return { value, bounded, reserved: bounded ? reserved : undefined };
}

/** The dearest architecture the function can run on; open or unknown values cost as the dearer of the two. */
function architectureOf(properties: { [key: string]: any }, params: ParameterLookup, prices: LambdaPriceTable): Bounded<string> {
  const dearest = prices.perGbSecond('arm64') > prices.perGbSecond('x86_64') ? 'arm64' : 'x86_64';
  let best: string | undefined;
  let bounded = true;
  const consider = (arch: string): void => {
    if (best === undefined || prices.perGbSecond(arch) > prices.perGbSecond(best)) best = arch;
  };
  for (const o of outcomes(properties.Architectures, params)) {
    if (o.kind === 'absent') {
      consider(DEFAULT_ARCHITECTURE);
      continue;
    }
    const list = o.kind === 'value' && Array.isArray(o.value) ? o.value : undefined;
    const first = list?.length === 0 ? DEFAULT_ARCHITECTURE : list?.[0];
    if (first === 'x86_64' || first === 'arm64') {
      consider(first);
    } else {
      consider(dearest);
      bounded = false;
    }
  }
  return { value: best ?? DEFAULT_ARCHITECTURE, bounded };
}

/** Where a function's assumed minimum invocation duration is recorded (CloudFormation metadata of the function). */
export const MINIMUM_DURATION_METADATA = 'cdk-bulkhead:minimum-duration-ms';
/**
 * The default shortest invocation the request charges assume (ms): a warm handler that makes any call (an SDK
 * request, a database read) takes longer; one that returns at once can take 1-2 ms, so set 1 for a strict bound.
 */
export const DEFAULT_MINIMUM_DURATION_MS = 10;
/** Lambda bills duration in 1 ms steps, and its longest timeout is 900 s. */
export const MIN_DURATION_MS = 1;
export const MAX_DURATION_MS = 900_000;

/** The type every Lambda function resource has in CloudFormation. */
export const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';
const ALIAS_TYPE = 'AWS::Lambda::Alias';
const VERSION_TYPE = 'AWS::Lambda::Version';
const KEY_TYPE = 'AWS::KMS::Key';
const ALARM_TYPE = 'AWS::CloudWatch::Alarm';
/** The resource types the cost model reads; the rest of a template costs nothing it bounds. */
export const COSTED_TYPES = new Set([LAMBDA_FUNCTION_TYPE, ALIAS_TYPE, VERSION_TYPE, KEY_TYPE, ALARM_TYPE]);

/** One resource of a template, as the cost model reads it (from the construct tree or from a file alike). */
export interface CostedResource {
  readonly path: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { [key: string]: any };
  /** The minimum invocation duration recorded on a function (MINIMUM_DURATION_METADATA), if any. */
  readonly minimumDurationMs?: unknown;
}

/** The logical ID a value refers to (`Ref`, `Fn::GetAtt`), if it is one reference. */
function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

/** The provisioned concurrency configured on the function's aliases and versions, at its largest possible value. */
function provisionedOf(fnId: string, resources: CostedResource[], params: ParameterLookup, concurrency: number): Bounded<number> {
  let value = 0;
  let bounded = true;
  for (const r of resources) {
    if ((r.type !== ALIAS_TYPE && r.type !== VERSION_TYPE) || refOf(r.properties.FunctionName) !== fnId) continue;
    let most = 0;
    for (const o of outcomes(r.properties.ProvisionedConcurrencyConfig?.ProvisionedConcurrentExecutions, params)) {
      const n = o.kind === 'absent' ? 0 : o.kind === 'value' ? numberOf(o.value) : undefined;
      if (n === undefined) {
        most = Math.max(most, concurrency);
        bounded = false;
      } else {
        most = Math.max(most, n);
      }
    }
    value += most;
  }
  return { value, bounded };
}

/** The worst-case monthly figure of one function, without its share of fixed costs (added by stackFigures). */
export function functionFigure(
  entry: FunctionEntry,
  params: ParameterLookup,
  settings: CostSettings,
  extra: { provisioned?: Bounded<number>; minimumDurationMs?: unknown } = {},
): FunctionFigure {
  const p = entry.properties ?? {};
  const memory = memoryOf(p, params);
  const concurrency = concurrencyOf(p, params, settings.accountConcurrencyLimit);
  const architecture = architectureOf(p, params, settings.priceTable);
  const functionName = typeof p.FunctionName === 'string' ? p.FunctionName : undefined;
  const recorded = numberOf(extra.minimumDurationMs);
  const minimumDurationMs = recorded !== undefined && recorded >= MIN_DURATION_MS ? recorded : settings.minimumDurationMs;
  const provisioned = extra.provisioned ?? { value: 0, bounded: true };
  const prices = settings.priceTable;
  const computeMonthlyUsd = prices.worstCaseMonthlyUsd(concurrency.value, memory.value, architecture.value);
  const requestsMonthlyUsd = prices.worstCaseRequestsMonthlyUsd(concurrency.value, minimumDurationMs);
  const provisionedMonthlyUsd = prices.provisionedMonthlyUsd(provisioned.value, memory.value, architecture.value);
  return {
    path: entry.path,
    logicalId: entry.logicalId,
    ...(functionName !== undefined ? { functionName } : {}),
    ...(concurrency.reserved !== undefined ? { reservedConcurrency: concurrency.reserved } : {}),
    concurrencyUsed: concurrency.value,
    memoryMb: memory.value,
    architecture: architecture.value,
    minimumDurationMs,
    ...(provisioned.value > 0 ? { provisionedConcurrency: provisioned.value } : {}),
    computeMonthlyUsd,
    requestsMonthlyUsd,
    provisionedMonthlyUsd,
    fixedMonthlyUsd: 0,
    monthlyUsd: computeMonthlyUsd + requestsMonthlyUsd + provisionedMonthlyUsd,
    bounded: memory.bounded && concurrency.bounded && architecture.bounded && provisioned.bounded,
  };
}

/** Metrics an alarm pays for: one for a plain alarm, one per metric a metric-math alarm reads. */
function alarmMetrics(properties: { [key: string]: any }): number {
  if (Array.isArray(properties.Metrics)) return Math.max(1, properties.Metrics.filter((m: any) => m?.MetricStat !== undefined).length);
  return 1;
}

function alarmDimensions(properties: { [key: string]: any }): any[] {
  const metrics = Array.isArray(properties.Metrics) ? properties.Metrics : [];
  return [
    ...(Array.isArray(properties.Dimensions) ? properties.Dimensions : []),
    ...metrics.flatMap((m: any) => m?.MetricStat?.Metric?.Dimensions ?? []),
  ];
}

/**
 * Every function's figure in one template (or one stack's resources), with the fixed monthly costs attributed:
 * a KMS key to the functions whose environment it encrypts (shared evenly), an alarm to the function it watches
 * (by its FunctionName dimension, or the QueueName of its dead-letter queue). Keys and alarms no function owns
 * (an alarm topic's key, a billing alarm) are `otherFixedMonthlyUsd`.
 */
export function stackFigures(
  resources: CostedResource[],
  params: ParameterLookup,
  settings: CostSettings,
): { figures: FunctionFigure[]; otherFixedMonthlyUsd: number } {
  const functions = resources.filter((r) => r.type === LAMBDA_FUNCTION_TYPE);
  const fixed = new Map<string, number>(functions.map((f) => [f.logicalId, 0]));
  let other = 0;
  const charge = (fnId: string | undefined, usd: number): void => {
    if (fnId !== undefined && fixed.has(fnId)) fixed.set(fnId, fixed.get(fnId)! + usd);
    else other += usd;
  };
  const prices = settings.priceTable;
  for (const key of resources.filter((r) => r.type === KEY_TYPE)) {
    const users = functions.filter((f) => refOf(f.properties.KmsKeyArn) === key.logicalId);
    if (users.length === 0) charge(undefined, prices.kmsKeyPerMonth);
    for (const u of users) charge(u.logicalId, prices.kmsKeyPerMonth / users.length);
  }
  const byDlq = new Map<string, string>();
  for (const f of functions) {
    const dlq = refOf(f.properties.DeadLetterConfig?.TargetArn);
    if (dlq !== undefined && !byDlq.has(dlq)) byDlq.set(dlq, f.logicalId);
  }
  for (const alarm of resources.filter((r) => r.type === ALARM_TYPE)) {
    const dims = alarmDimensions(alarm.properties);
    const watched = dims
      .map((d) => (d?.Name === 'FunctionName' ? refOf(d.Value) : d?.Name === 'QueueName' ? byDlq.get(refOf(d.Value) ?? '') : undefined))
      .find((id) => id !== undefined && fixed.has(id));
    charge(watched, alarmMetrics(alarm.properties) * prices.alarmMetricPerMonth);
  }
  const figures = functions.map((f) => {
    const base = functionFigure(f, params, settings, { minimumDurationMs: f.minimumDurationMs });
    const provisioned = provisionedOf(f.logicalId, resources, params, base.concurrencyUsed);
    const figure =
      provisioned.value > 0 || !provisioned.bounded
        ? functionFigure(f, params, settings, { minimumDurationMs: f.minimumDurationMs, provisioned })
        : base;
    const share = fixed.get(f.logicalId) ?? 0;
    return { ...figure, fixedMonthlyUsd: share, monthlyUsd: figure.monthlyUsd + share };
  });
  return { figures, otherFixedMonthlyUsd: other };
}

/** The report over some figures: costliest first (ties by path, so reports are stable) and their sum. */
export function reportOf(figures: FunctionFigure[], otherFixedMonthlyUsd = 0): WorstCaseCostReportShape {
  const functions = [...figures].sort((a, b) => b.monthlyUsd - a.monthlyUsd || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fixed = functions.reduce((sum, f) => sum + f.fixedMonthlyUsd, 0) + otherFixedMonthlyUsd;
  return {
    functions,
    otherFixedMonthlyUsd,
    fixedMonthlyUsd: fixed,
    totalMonthlyUsd: functions.reduce((sum, f) => sum + f.monthlyUsd, 0) + otherFixedMonthlyUsd,
  };
}

/** The public WorstCaseCostReport, named here without loading construct code. */
export interface WorstCaseCostReportShape {
  readonly functions: FunctionFigure[];
  readonly otherFixedMonthlyUsd: number;
  readonly fixedMonthlyUsd: number;
  readonly totalMonthlyUsd: number;
}

/** The options, validated: a bad option is a prop error naming the value and the fix. */
export function costSettings(
  scope: IConstruct | string,
  options: { priceTable?: LambdaPriceTable; accountConcurrencyLimit?: number; minimumInvocationDuration?: Duration },
): CostSettings {
  const limit = options.accountConcurrencyLimit ?? DEFAULT_ACCOUNT_CONCURRENCY;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw invalidProp(
      scope,
      'accountConcurrencyLimit',
      limit,
      'a whole number of concurrent executions, at least 1',
      "set it to your account's Lambda concurrent executions quota (Service Quotas; 1000 by default) or omit it",
    );
  }
  const priceTable = options.priceTable ?? LambdaPriceTable.DEFAULT;
  if (!(priceTable instanceof LambdaPriceTable)) {
    throw invalidProp(
      scope,
      'priceTable',
      typeof priceTable,
      'a LambdaPriceTable',
      'pass new LambdaPriceTable({ x86PerGbSecond, arm64PerGbSecond }) or omit it for the published prices',
    );
  }
  const duration = options.minimumInvocationDuration;
  const minimumDurationMs =
    duration === undefined ? DEFAULT_MINIMUM_DURATION_MS : checkMinimumDuration(scope, 'minimumInvocationDuration', duration);
  return { priceTable, accountConcurrencyLimit: limit, minimumDurationMs };
}

/** A minimum invocation duration in whole milliseconds, or a prop error naming the value and the limit. */
export function checkMinimumDuration(scope: IConstruct | string, prop: string, duration: Duration): number {
  const ms = duration instanceof Duration ? duration.toMilliseconds({ integral: false }) : NaN;
  if (!Number.isInteger(ms) || ms < MIN_DURATION_MS || ms > MAX_DURATION_MS) {
    throw invalidProp(
      scope,
      prop,
      duration instanceof Duration ? `${ms} ms` : String(duration),
      `a whole number of milliseconds from ${MIN_DURATION_MS} (Lambda bills 1 ms steps) to ${MAX_DURATION_MS} (its longest timeout)`,
      `pass e.g. Duration.millis(${DEFAULT_MINIMUM_DURATION_MS}): the shortest invocation the function can take; Duration.millis(1) is a strict bound`,
    );
  }
  return ms;
}

/** What a cloud assembly recorded about a template's resources: their construct paths and the metadata on each construct. */
export interface TemplateProvenance {
  /** The construct path of a resource (`/Stage/Stack/...`), from the assembly's `aws:cdk:logicalId` metadata. */
  pathOf(logicalId: string): string | undefined;
  /** Types of the construct metadata recorded at a path. */
  markersAt(path: string): string[];
}

/**
 * The figures of one plain CloudFormation template (JSON object). A resource's path is its `aws:cdk:path`
 * metadata when the template has it, else `<label>/<logicalId>`. aws-cdk-lib's custom-resource handlers are left
 * out, as `WorstCaseCost.of` leaves them out (they run only while CloudFormation deploys): recognized by the same
 * steps, from their construct path (`provenance`, else `aws:cdk:path`) and description.
 */
export function templateFigures(
  template: { [key: string]: any },
  label: string | undefined,
  settings: CostSettings,
  provenance?: TemplateProvenance,
): { figures: FunctionFigure[]; otherFixedMonthlyUsd: number } {
  const parameters = templateParameters(template);
  const resources: CostedResource[] = [];
  for (const [logicalId, resource] of Object.entries((template?.Resources ?? {}) as { [id: string]: any })) {
    if (!COSTED_TYPES.has(resource?.Type)) continue;
    const cdkPath = resource?.Metadata?.['aws:cdk:path'];
    const constructPath = provenance?.pathOf(logicalId) ?? (typeof cdkPath === 'string' ? cdkPath : undefined);
    if (
      resource.Type === 'AWS::Lambda::Function' &&
      constructPath !== undefined &&
      cdkOwnerOfTemplateResource(constructPath, provenance?.markersAt ?? (() => []), resource.Properties?.Description) !== undefined
    ) {
      continue;
    }
    const path = typeof cdkPath === 'string' ? cdkPath : label ? `${label}/${logicalId}` : logicalId;
    resources.push({
      path,
      logicalId,
      type: resource.Type,
      properties: resource.Properties ?? {},
      minimumDurationMs: resource?.Metadata?.[MINIMUM_DURATION_METADATA],
    });
  }
  return stackFigures(resources, (name) => parameters.get(name), settings);
}
