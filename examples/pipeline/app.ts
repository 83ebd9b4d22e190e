/**
 * Cross-account delivery of one service with CDK Pipelines and IsolatedStages (threat T9):
 * - the pipeline lives in a tooling account (PIPELINE_ACCOUNT) and deploys dev, staging and prod, each in its own account;
 * - `crossAccountKeys: true` encrypts the artifact bucket with a KMS key the stage accounts are granted;
 * - before each stage's deployment, a DeployGuardStep runs `bulkhead verify-account --assume-deploy-role`, pinned to
 *   the versions that synthesized the assembly: it assumes each deploy role the stage's CloudFormation actions will
 *   assume and checks, with STS GetCallerIdentity, that those credentials are the stage's account; any failure to get
 *   them fails the step (the deploy guard);
 * - prod waits for a manual approval, and its guard runs after the approval, immediately before the deploy.
 *
 * Bootstrap every stage account to trust the pipeline account first (see docs/stages.md):
 *   cdk bootstrap aws://333333333333/eu-west-1 --trust 444455556666 \
 *     --cloudformation-execution-policies arn:aws:iam::333333333333:policy/payments-deploy
 *
 * Synthesize: npx cdk synth --app 'npx ts-node --transpile-only examples/pipeline/app.ts'
 */
import * as cdk from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { SecureFunction } from '../../lib/function';
import { DeployGuardStep, IsolatedStages } from '../../lib/stages';

export const PIPELINE_ACCOUNT = '444455556666';
export const REGION = 'eu-west-1';

/** The service itself: the same stack in every stage, named `payments-<function>-<stage>` by the stage's profile. */
class PaymentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const handler = new SecureFunction(this, 'Charge', {
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      handler: 'index.handler',
    });
    // T8: every function has a declared trigger (here: the service's own callers' role may invoke it).
    handler.grantInvoke(new iam.AccountPrincipal(cdk.Stack.of(this).account));
  }
}

/** Builds the example app; `outdir` lets tests synthesize into a temporary directory. */
export function buildApp(outdir?: string): { app: cdk.App; stages: IsolatedStages; pipelineStack: cdk.Stack } {
  // The stages' functions reference their stage's alarm topic across stacks: say which reference strength that is
  // (aws-cdk-lib warns until it is set; 'strong' is today's behaviour, stated).
  const app = new cdk.App({ ...(outdir ? { outdir } : {}), context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
  const stages = new IsolatedStages(app, {
    service: 'payments',
    allowedDeployerAccounts: [PIPELINE_ACCOUNT],
    stages: [
      {
        name: 'dev',
        account: '111111111111',
        region: REGION,
        reservedConcurrentExecutions: 5,
        alarmEmails: ['payments-dev-alarms@example.com'],
      },
      { name: 'staging', account: '222222222222', region: REGION, alarmEmails: ['payments-staging-alarms@example.com'] },
      {
        name: 'prod',
        account: '333333333333',
        region: REGION,
        monthlyBudgetUsd: 1500,
        reservedConcurrentExecutions: 20,
        alarmEmails: ['payments-oncall@example.com'],
      },
    ],
  });
  for (const stage of stages.stages) new PaymentsStack(stage, 'Service');

  const pipelineStack = new cdk.Stack(app, 'payments-pipeline', { env: { account: PIPELINE_ACCOUNT, region: REGION } });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
    pipelineName: 'payments',
    // Stated so the synth has no warning (`cdk synth --strict`); V2 is what AWS recommends for new pipelines.
    pipelineType: codepipeline.PipelineType.V2,
    // Stage accounts must decrypt the artifacts: a customer-managed KMS key instead of the S3-managed default.
    crossAccountKeys: true,
    enableKeyRotation: true,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('example-org/payments', 'main', {
        connectionArn: `arn:aws:codeconnections:${REGION}:${PIPELINE_ACCOUNT}:connection/00000000-0000-0000-0000-000000000000`,
      }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  for (const stage of stages.stages) {
    const approval =
      stage.shortName === 'prod' ? [new pipelines.ManualApprovalStep('PromoteToProd', { comment: 'Deploy payments to prod?' })] : [];
    // After the approval, so the accounts are checked right before the deploy actions, not days earlier.
    const guard = new DeployGuardStep(`VerifyAccount-${stage.shortName}`, { stage, input: pipeline.cloudAssemblyFileSet, after: approval });
    pipeline.addStage(stage, { pre: [...approval, guard] });
  }
  return { app, stages, pipelineStack };
}

if (require.main === module) {
  buildApp().app.synth();
}
