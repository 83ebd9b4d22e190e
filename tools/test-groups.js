// Which test files are integration tests: they run real processes (the cdk CLI, npm pack and install, jsii-pacmak,
// jsii-docgen, the bulkhead binary, example apps) and take most of the suite's time. `npm run test:unit` leaves them
// out, `npm run test:integration` runs only them, `npm test` (CI) runs both. Used by jest.config.js and the sequencer.
const INTEGRATION = [
  '/test/packaging/[^/]*\\.test\\.ts$',
  '/test/examples/[^/]*-cli\\.test\\.ts$',
  '/test/stages/cdk-cli-synth\\.test\\.ts$',
  '/test/stages/pipeline-example\\.test\\.ts$',
  '/test/cli/check/bin\\.test\\.ts$',
];

module.exports = { INTEGRATION };
