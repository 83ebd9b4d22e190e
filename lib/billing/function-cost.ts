import { IConstruct } from 'constructs';
import { invalidProp } from '../core/errors';
import { LambdaPriceTable } from '../core/pricing';
import { outcomes, ParameterLookup, templateParameters } from '../cfn/parameters';
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
}

/** One function's figure: the public FunctionCost (a type-only import, so no construct code is loaded here). */
export type FunctionFigure = FunctionCost;

/** A number from a literal (CloudFormation accepts "512" as well as 512); undefined when it is not one. */
function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.max(0, n) : undefined;
}

interface Bounded<T> { readonly value: T; readonly bounded: boolean }

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
function concurrencyOf(properties: { [key: string]: any }, params: ParameterLookup, limit: number): Bounded<number> & { reserved?: number } {
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

/** The worst-case monthly figure of one function. */
export function functionFigure(entry: FunctionEntry, params: ParameterLookup, settings: CostSettings): FunctionFigure {
  const p = entry.properties ?? {};
  const memory = memoryOf(p, params);
  const concurrency = concurrencyOf(p, params, settings.accountConcurrencyLimit);
  const architecture = architectureOf(p, params, settings.priceTable);
  const functionName = typeof p.FunctionName === 'string' ? p.FunctionName : undefined;
  return {
    path: entry.path,
    logicalId: entry.logicalId,
    ...(functionName !== undefined ? { functionName } : {}),
    ...(concurrency.reserved !== undefined ? { reservedConcurrency: concurrency.reserved } : {}),
    concurrencyUsed: concurrency.value,
    memoryMb: memory.value,
    architecture: architecture.value,
    monthlyUsd: settings.priceTable.worstCaseMonthlyUsd(concurrency.value, memory.value, architecture.value),
    bounded: memory.bounded && concurrency.bounded && architecture.bounded,
  };
}

/** The report over some figures: costliest first (ties by path, so reports are stable) and their sum. */
export function reportOf(figures: FunctionFigure[]): { functions: FunctionFigure[]; totalMonthlyUsd: number } {
  const functions = [...figures].sort((a, b) => b.monthlyUsd - a.monthlyUsd || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { functions, totalMonthlyUsd: functions.reduce((sum, f) => sum + f.monthlyUsd, 0) };
}

/** The options, validated: a bad option is a prop error naming the value and the fix. */
export function costSettings(scope: IConstruct | string, options: { priceTable?: LambdaPriceTable; accountConcurrencyLimit?: number }): CostSettings {
  const limit = options.accountConcurrencyLimit ?? DEFAULT_ACCOUNT_CONCURRENCY;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw invalidProp(scope, 'accountConcurrencyLimit', limit, 'a whole number of concurrent executions, at least 1',
      'set it to your account\'s Lambda concurrent executions quota (Service Quotas; 1000 by default) or omit it');
  }
  const priceTable = options.priceTable ?? LambdaPriceTable.DEFAULT;
  if (!(priceTable instanceof LambdaPriceTable)) {
    throw invalidProp(scope, 'priceTable', typeof priceTable, 'a LambdaPriceTable',
      'pass new LambdaPriceTable({ x86PerGbSecond, arm64PerGbSecond }) or omit it for the published prices');
  }
  return { priceTable, accountConcurrencyLimit: limit };
}

/** The type every Lambda function resource has in CloudFormation. */
export const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';

/**
 * The functions of one plain CloudFormation template (JSON object). A resource's path is its `aws:cdk:path`
 * metadata when the template has it, else `<label>/<logicalId>`.
 */
export function templateFigures(template: { [key: string]: any }, label: string | undefined, settings: CostSettings): FunctionFigure[] {
  const resources = (template?.Resources ?? {}) as { [id: string]: any };
  const parameters = templateParameters(template);
  const params: ParameterLookup = (name) => parameters.get(name);
  const figures: FunctionFigure[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource?.Type !== LAMBDA_FUNCTION_TYPE) continue;
    const cdkPath = resource?.Metadata?.['aws:cdk:path'];
    const path = typeof cdkPath === 'string' ? cdkPath : label ? `${label}/${logicalId}` : logicalId;
    figures.push(functionFigure({ path, logicalId, properties: resource.Properties ?? {} }, params, settings));
  }
  return figures;
}
