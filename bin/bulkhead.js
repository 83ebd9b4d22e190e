#!/usr/bin/env node
// The AWS SDK's Node-version notice is for us to act on, not for our users' CI logs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('../lib/cli/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`bulkhead: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
