// The Lambda handlers under lib/**/runtime load the AWS SDK directly, as they do on Lambda's own Node runtimes;
// under the Node 20 that runs the tests the SDK would print its Node-version notice. The library's own SDK paths set
// this themselves (test/cli/verify-account/no-sdk-warning.test.ts unsets it to prove that).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// Every App a test makes judges dated facts (deprecated runtimes, expired acknowledgements) as of this day, the way
// `cdk synth -c cdk-bulkhead:today=...` pins it (the CLI hands context to the app in CDK_CONTEXT_JSON), so no verdict
// changes with the calendar. Tests of the date logic itself pass their own date; test/core/today.test.ts reads this.
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'cdk-bulkhead:today': '2026-11-30' });

// `npm run test:future` moves this context's clock too (jest gives each test file its own Date).
if (process.env.BULKHEAD_FAKE_TODAY !== undefined) require('./fake-clock');
