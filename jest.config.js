/**
 * Type checking is done once by `npm run typecheck`; with isolatedModules in tsconfig.dev.json, ts-jest only
 * transpiles, which keeps the suite fast.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  setupFiles: ['<rootDir>/tools/jest-env.js'],
  // Jest's default on a 2-core machine is one worker; most files wait on child processes (cdk, npm, tsc, the CLI)
  // for part of their run, so two workers keep both cores busy.
  maxWorkers: 2,
  testSequencer: '<rootDir>/tools/jest-sequencer.js',
};
