/**
 * Property and fuzz runs. `npm test` runs a short, fixed-seed sample so the suite stays fast and any failure replays
 * exactly (fast-check prints the seed and the path of the counterexample; FC_SEED=<seed> replays it).
 * `npm run soak` (BULKHEAD_SOAK=1) runs the long counts with a fresh seed each time. FC_RUNS overrides the count.
 */
export interface PropertyRunOptions {
  /** Runs in `npm test`. */
  readonly runs: number;
  /** Runs in `npm run soak`. */
  readonly soakRuns: number;
}

/** The fixed seed of `npm test` runs. */
export const DEFAULT_SEED = 20260101;

/** `numRuns` and `seed` for fc.assert. */
export function propertyRuns(options: PropertyRunOptions): { numRuns: number; seed: number } {
  const soak = process.env.BULKHEAD_SOAK === '1';
  const numRuns = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : soak ? options.soakRuns : options.runs;
  const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : soak ? Date.now() % 100000 : DEFAULT_SEED;
  if (soak) console.log(`property run: ${numRuns} runs, seed ${seed} (FC_SEED=${seed} replays it)`);
  return { numRuns, seed };
}
