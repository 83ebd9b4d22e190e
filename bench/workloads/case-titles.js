'use strict';
// What each synth case is, without loading aws-cdk-lib (the orchestrator prints these).
module.exports = {
  a: 'plain lambda.Function, no checks',
  b: 'hand-hardened lambda.Function (own role, KMS key, encrypted DLQ, reserved concurrency, X-Ray, KMS log group '
    + 'with retention, memory/timeout) + cdk-nag AwsSolutionsChecks + ServerlessChecks on the App',
  c: 'SecureFunction + the Bulkhead pack through IsolatedStages',
  d: '(c) + cdk-nag AwsSolutionsChecks + ServerlessChecks on the App',
  e: 'SecureFunction in plain Stages + BulkheadChecks on the App (one pack over the App instead of one per stage)',
};
