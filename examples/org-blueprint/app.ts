/**
 * A team's app adopting the org blueprint: the two marked lines are all it adds to an app of plain aws-cdk-lib
 * constructs (NodejsFunction handlers, an S3 bucket with a notification and autoDeleteObjects, a BucketDeployment,
 * an AwsCustomResource) in dev and prod stages.
 *
 *   npm run example:org-blueprint      (cdk synth; writes cdk.out/bulkhead-blueprint.json)
 */
import { App, Stage } from 'aws-cdk-lib';
import { acme } from './platform'; // 1. the platform team's package
import { CardsStack } from './team-stack';

const app = new App();
acme.applyTo(app); // 2. every function hardened, every stage checked by Bulkhead, AwsSolutions and Serverless

for (const [name, account] of [
  ['dev', '111111111111'],
  ['prod', '333333333333'],
]) {
  const stage = new Stage(app, `cards-${name}`, { env: { account, region: 'eu-west-1' } });
  new CardsStack(stage, 'Cards', { stackName: `cards-${name}` });
}
