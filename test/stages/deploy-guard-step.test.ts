import * as cdk from 'aws-cdk-lib';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { BulkheadStage, DeployGuardStep } from '../../lib/stages';

describe('DeployGuardStep', () => {
  const app = new cdk.App();
  const stage = new BulkheadStage(app, 'payments-prod', {
    service: 'payments',
    spec: { name: 'prod', account: '333333333333', region: 'eu-west-1' },
  });
  const input = pipelines.CodePipelineFileSet.fromArtifact(new cdk.aws_codepipeline.Artifact('Assembly'));

  test.each([0, 2.5, 120_001])('timeoutMs %p is refused, naming the prop, the limit and the fix', (timeoutMs) => {
    expect(() => new DeployGuardStep('Guard', { stage, input, timeoutMs })).toThrow(
      /^DeployGuardStep Guard: timeoutMs is .*; allowed: an integer 1-120000 \(milliseconds\)\. Fix: set e\.g\. 10000/,
    );
  });

  test('the command guards the stage by its id with the deploy roles, and the step depends on the steps given in `after`', () => {
    const approval = new pipelines.ManualApprovalStep('Approve');
    const step = new DeployGuardStep('Guard', { stage, input, after: [approval] });
    expect(step.commands).toEqual([DeployGuardStep.verifyCommand('payments-prod', 10_000)]);
    expect(step.commands[0]).toContain('--stage payments-prod --assembly . --assume-deploy-role --timeout 10000');
    expect(step.dependencies).toContain(approval);
  });
});
