#!/usr/bin/env node
// The AWS SDK's Node-version notice is for us to act on, not for our users' CI logs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('../lib/cli/main')
  .main(process.argv.slice(2))
  .then(
    // A failed write of the report (lib/cli/io.ts) has already said why and set exit 2.
    (code) => {
      if (!require('../lib/cli/io').outputFailed()) process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`bulkhead: internal error: ${err && err.message ? err.message : err}\n`);
      process.exitCode = 2;
    },
  );
