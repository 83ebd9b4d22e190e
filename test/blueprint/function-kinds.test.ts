import { Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BulkheadBlueprint } from '../../lib/blueprint';
import { ENV, newApp } from './support';

/** A construct of a third-party library, making its own function with props the team never sees. */
class ThirdPartyWebhook extends Construct {
  public readonly handler: lambda.Function;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.handler = new lambda.Function(this, 'Handler', {
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
    });
  }
}

test("a DockerImageFunction and a third-party construct's function are hardened too", () => {
  const app = newApp();
  const acme = new BulkheadBlueprint({ today: '2026-11-30', cdkNagPacks: false });
  acme.applyTo(app);
  const stack = new Stack(app, 'Team', { env: ENV });
  const image = new lambda.DockerImageFunction(stack, 'Image', {
    code: lambda.DockerImageCode.fromEcr(ecr.Repository.fromRepositoryName(stack, 'Repo', 'team/image')),
  });
  const webhook = new ThirdPartyWebhook(stack, 'Webhook');
  app.synth();
  for (const fn of [image, webhook.handler]) {
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    expect([cfn.reservedConcurrentExecutions, cfn.kmsKeyArn !== undefined, cfn.deadLetterConfig !== undefined, cfn.tracingConfig]).toEqual([
      10,
      true,
      true,
      { mode: 'Active' },
    ]);
    expect(fn.node.tryFindChild('ErrorsAlarm')).toBeDefined();
  }
  expect(acme.report(app).functions.map((f) => `${f.path} ${f.kind}`)).toEqual([
    'Team/Image hardened plain',
    'Team/Webhook/Handler hardened plain',
  ]);
});
