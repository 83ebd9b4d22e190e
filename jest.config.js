const { INTEGRATION } = require('./tools/test-groups');

/**
 * Type checking is done once by `npm run typecheck`; with isolatedModules in tsconfig.dev.json, ts-jest only
 * transpiles, which keeps the suite fast.
 */
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/tools/jest-env.js'],
};

module.exports = {
  // Two groups (tools/test-groups.js): `jest` runs both, `jest --selectProjects unit` or `integration` one of them.
  projects: [
    { ...common, displayName: 'unit', testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION] },
    { ...common, displayName: 'integration', testMatch: undefined, testRegex: INTEGRATION },
  ],
  testTimeout: 120000,
  // Jest's default on a 2-core machine is one worker; most files wait on child processes (cdk, npm, tsc, the CLI)
  // for part of their run, so two workers keep both cores busy.
  maxWorkers: 2,
  testSequencer: '<rootDir>/tools/jest-sequencer.js',
};
