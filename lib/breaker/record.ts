import * as path from 'path';

/**
 * Where a trip is recorded: tags on the tripped function, written by the breaker's handler
 * (runtime/breaker/index.js, same keys) and read by `bulkhead breaker restore|status`. Tags live with the function,
 * so a restore needs nothing but its name.
 */
export const RECORD_TAGS = {
  /** The reserved concurrency before the trip, or `unreserved`. */
  reserved: 'bulkhead:breaker:reserved',
  /** Provisioned concurrency removed by the trip, `<qualifier>=<n>` separated by spaces. */
  provisioned: 'bulkhead:breaker:provisioned',
  /** When the breaker tripped (ISO 8601). */
  trippedAt: 'bulkhead:breaker:tripped-at',
};

/** The recorded value of a function that had no reserved concurrency: restoring deletes the setting. */
export const UNRESERVED = 'unreserved';

/** AWS keeps at least this many concurrent executions of an account unreserved. */
export const MIN_UNRESERVED_CONCURRENCY = 100;

/** Template metadata key on the breaker function: `{ THROTTLE: [logical IDs], NOTIFY: [logical IDs] }`. */
export const BREAKER_METADATA = 'cdk-bulkhead:breaker';

/** The directory of the breaker's handler (plain JavaScript; it uses the AWS SDK v3 of the Node.js runtime). */
export const BREAKER_CODE_DIR = path.join(__dirname, 'runtime', 'breaker');
