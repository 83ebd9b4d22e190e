/**
 * The classic serverless mistakes, written with plain aws-cdk-lib constructs inside an IsolatedStages stage, so the
 * Bulkhead pack refuses to synthesize them. Each mistake is one THREATS.md row:
 *
 * - one IAM role shared by two functions (T1, Bulkhead-SharedRole)
 * - `eval` of the request body in inline code (T6, Bulkhead-DynamicCode)
 * - a plaintext AWS access key in the environment (T2, Bulkhead-EnvSecret); fake, built by concatenation
 * - no reserved-concurrency ceiling (T4, Bulkhead-ReservedConcurrency)
 * - a function URL anyone can call (AuthType NONE, T7, Bulkhead-FunctionUrlAuth)
 *
 *   npm run example:insecure     (expected to fail, printing every finding with its fix)
 */
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadReport } from '../../lib/report';
import { IsolatedStages } from '../../lib/stages';

/** A fake key pair in the shape of real ones (so the detector sees what a leak looks like), never a real key. */
const FAKE_ACCESS_KEY_ID = 'AKIA' + 'FAKEFAKEFAKEFAKE';
const FAKE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI' + '/K7MDENG/bPxRfiCY' + 'FAKEFAKEFAKE';

class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.Stage, id: string) {
    super(scope, id);
    // T1: the Serverless Framework default, one role for every function of the service.
    const shared = new iam.Role(this, 'SharedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    new lambda.Function(this, 'Pay', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      role: shared,
      // T6: "parsing" the body with eval runs whatever the caller sent, and it stays resident in the warm container.
      code: lambda.Code.fromInline(
        'exports.handler = async (event) => { const order = eval("(" + event.body + ")"); return { statusCode: 200, body: String(order.amount) }; };',
      ),
      environment: {
        // T2: a plaintext key pair in the template, git history and Lambda console.
        PROVIDER_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
        PROVIDER_SECRET_ACCESS_KEY: FAKE_SECRET_ACCESS_KEY,
      },
      // T4: no reservedConcurrentExecutions: a flood of requests scales the bill, not the outage.
    });

    const refund = new lambda.Function(this, 'Refund', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      role: shared,
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 202 });'),
    });
    // T7: anyone on the internet can invoke it.
    refund.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  }
}

const app = new cdk.App();
const stages = new IsolatedStages(app, {
  service: 'payments',
  stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }],
});
new PaymentsStack(stages.stage('dev'), 'Service');

BulkheadReport.run(app);
