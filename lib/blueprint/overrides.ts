import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { FUNCTION_DEFAULTS } from '../function/defaults';
import { BlueprintOverride } from './report-types';

/** What the blueprint sets where a team sets nothing, worded as the report shows it. */
export interface BlueprintDefaults {
  readonly reservedConcurrentExecutions: number;
  readonly logRetentionDays: number;
}

const WORDING: { [prop: string]: (d: BlueprintDefaults) => string } = {
  reservedConcurrentExecutions: (d) => String(d.reservedConcurrentExecutions),
  retryAttempts: () => String(FUNCTION_DEFAULTS.retryAttempts),
  maxEventAge: () => FUNCTION_DEFAULTS.maxEventAge.toHumanString(),
  memorySize: () => String(FUNCTION_DEFAULTS.memorySize),
  timeout: () => FUNCTION_DEFAULTS.timeout.toHumanString(),
  tracing: () => FUNCTION_DEFAULTS.tracing,
  role: () => 'its own role',
  environmentEncryption: () => 'its own customer-managed key',
  deadLetterQueue: () => 'its own encrypted queue',
  onFailure: () => 'its dead-letter queue',
  logGroup: () => 'its own encrypted log group',
  logRetention: (d) => String(d.logRetentionDays),
};

/** The explicit props of a team that differ from what the blueprint would have set. */
export function overridesOf(explicit: lambda.FunctionOptions, defaults: BlueprintDefaults): BlueprintOverride[] {
  const found: BlueprintOverride[] = [];
  for (const [prop, wording] of Object.entries(WORDING)) {
    const value = (explicit as { [k: string]: unknown })[prop];
    if (value === undefined) continue;
    const blueprint = wording(defaults);
    const shown = describe(value);
    if (shown !== blueprint) found.push({ prop, blueprint, value: shown });
  }
  return found;
}

function describe(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (value instanceof Construct) return value.node.path;
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'an object';
  return String(value);
}
