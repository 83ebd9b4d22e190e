'use strict';
// What each synth case is, without loading aws-cdk-lib (the orchestrator prints these).
module.exports = {
  a: 'plain lambda.Function, no checks',
  b:
    'hand-hardened lambda.Function with the same resources as SecureFunction (own role with inline X-Ray writes, KMS key, ' +
    'encrypted TLS-only DLQ as on-failure destination, KMS log group, bounded retries, reserved concurrency, the four alarms), ' +
    'acknowledged so cdk-nag reports nothing, + cdk-nag AwsSolutionsChecks + ServerlessChecks on the App',
  b0:
    'lighter hand-hardening (the (b) of earlier runs): as (b) without the alarms, the bounded-retry config and the ' +
    "acknowledgements (cdk-nag reports 5 findings per function) + cdk-nag's two packs on the App",
  c: 'SecureFunction + the Bulkhead pack through IsolatedStages',
  d: '(c) + cdk-nag AwsSolutionsChecks + ServerlessChecks on the App',
  e: 'SecureFunction in plain Stages + BulkheadChecks on the App (one pack over the App instead of one per stage)',
};
