import { BulkheadToday } from '../../lib/core/today';

/** The day tools/jest-env.js pins for every App a test makes in-process (through CDK_CONTEXT_JSON). */
export const TEST_TODAY: string = JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}')[BulkheadToday.CONTEXT_KEY];

/** The same pin for a real `cdk synth`: the CLI hands its app a CDK_CONTEXT_JSON of its own, so it is passed as -c. */
export const PIN_TODAY_ARGS: string[] = ['--context', `${BulkheadToday.CONTEXT_KEY}=${TEST_TODAY}`];

/**
 * The same pin for a child process that makes its own App without the cdk CLI (the bulkhead CLI): jest gives each
 * test file a copy of process.env, so a child would not see tools/jest-env.js's setting without it.
 */
export const PIN_TODAY_ENV: { [name: string]: string } = { CDK_CONTEXT_JSON: JSON.stringify({ [BulkheadToday.CONTEXT_KEY]: TEST_TODAY }) };
