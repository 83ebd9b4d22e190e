'use strict';
// Counts, from synthesized templates, the resources one function of each case adds to its stack and what the
// stack holds besides: `node bench/workloads/resources.js`. Two stacks (one function, two functions) tell the
// per-function count from any per-stack resources.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { report } = require('../lib/report');
const project = require('../lib/project');

project.setUp();
const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const { CONTEXT, plainFunction, hardenedFunction, lightlyHardenedFunction, secureFunction } = require('./cases');

function countTypes(template) {
  const types = {};
  for (const r of Object.values(template.Resources || {})) types[r.Type] = (types[r.Type] || 0) + 1;
  return types;
}

function synthesize(make, functions) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-resources-'));
  try {
    const app = new cdk.App({ outdir, context: CONTEXT });
    const stack = new cdk.Stack(app, 'Count', { env: { account: '111111111111', region: 'eu-west-1' } });
    for (let i = 0; i < functions; i++) make(stack, `Fn${i}`).grantInvoke(new iam.AccountRootPrincipal());
    return app.synth().getStackByName('Count').template;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const result = {};
for (const [name, make] of Object.entries({ a: plainFunction, b: hardenedFunction, b0: lightlyHardenedFunction, c: secureFunction })) {
  const one = synthesize(make, 1);
  const two = synthesize(make, 2);
  const oneCount = Object.keys(one.Resources).length;
  const perFunction = Object.keys(two.Resources).length - oneCount;
  const second = countTypes(two);
  for (const [type, count] of Object.entries(countTypes(one))) second[type] -= count;
  result[name] = { perFunction, perStack: oneCount - perFunction, types: second };
}
report(result);
