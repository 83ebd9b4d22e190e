'use strict';
// Writes a large CloudFormation template for the `bulkhead check` measurement:
// `node bench/workloads/template.js <functions> <out.json>` synthesizes one stack of that many SecureFunctions
// (each with a trigger). CloudFormation's 500-resource limit is lifted for this one stack: the template is never
// deployed, and `bulkhead check` does not care about the limit.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { report } = require('../lib/report');
const project = require('../lib/project');

project.setUp();
const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const { CONTEXT, secureFunction } = require('./cases');

const [functionsArg, out] = process.argv.slice(2);
const functions = Number(functionsArg);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-template-'));
try {
  const app = new cdk.App({ outdir, context: { ...CONTEXT, '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = new cdk.Stack(app, 'Large', { env: { account: '111111111111', region: 'eu-west-1' } });
  for (let i = 0; i < functions; i++) secureFunction(stack, `Fn${i}`).grantInvoke(new iam.AccountRootPrincipal());
  const template = app.synth().getStackByName('Large').template;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Compact: `bulkhead check` refuses templates over CloudFormation's 1 MB, as CloudFormation would.
  fs.writeFileSync(out, JSON.stringify(template));
  report({ functions, resources: Object.keys(template.Resources).length, bytes: fs.statSync(out).size });
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
