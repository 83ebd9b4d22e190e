/**
 * AWS Lambda's own limits and defaults, in one place: SecureFunction's validation, the stage specs and the cost model
 * quote the same numbers.
 */

/** Memory a function may have (MB). */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 };

/** Memory a function has when its template sets none (MB). */
export const LAMBDA_DEFAULT_MEMORY_MB = 128;

/** Limits from AWS and from the threat model, used by validation and rules and quoted in every error message. */
export const LIMITS = {
  retryAttempts: { min: 0, max: 2 },
  maxEventAgeSeconds: { min: 60, max: 21600 },
  timeoutSeconds: { min: 1, max: 900 },
  memorySize: LAMBDA_MEMORY_MB,
  maxEnvironmentAgeMinutes: { min: 15, max: 24 * 60 },
  streamRetryAttempts: { min: 0, max: 10 },
  streamMaxRecordAgeSeconds: { min: 60, max: 604800 },
  environmentBytes: 4096,
  functionNameLength: 64,
};
