import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadStage } from '../../lib/stages';

test('a stage finding with a keyed id is reported with the exact id that acknowledges it, brackets included', () => {
  const app = new App();
  const stage = new BulkheadStage(app, 'shop-dev', {
    service: 'shop',
    spec: { name: 'dev', account: '111111111111', region: 'eu-west-1' },
  });
  const stack = new Stack(stage, 'Service');
  new lambda.Function(stack, 'Leaky', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    environment: { DB_PASSWORD: 'x9' + 'Qz!7pLw#2mVr' },
  });
  let message = '';
  try {
    app.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(
    /Bulkhead-EnvSecret .* at shop-dev\/Service\/Leaky\/Resource: .*acknowledge\(\{ id: 'Bulkhead-EnvSecret\[DB_PASSWORD\]', reason \}\)/,
  );
});
