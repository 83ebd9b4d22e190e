import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildApp, PIPELINE_ACCOUNT } from '../../examples/pipeline/app';

describe('examples/pipeline: cross-account CDK Pipelines delivery of IsolatedStages', () => {
  let template: Template;
  let built: ReturnType<typeof buildApp>;
  let assembly: cxapi.CloudAssembly;

  beforeAll(() => {
    built = buildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-pipeline-')));
    assembly = built.app.synth();
    template = Template.fromStack(built.pipelineStack);
  });

  test('no warning in any (nested) assembly: `cdk synth --strict` passes', () => {
    const warnings: string[] = [];
    const visit = (asm: cxapi.CloudAssembly): void => {
      for (const artifact of asm.artifacts) {
        for (const m of artifact.messages) if (m.level === 'warning') warnings.push(`${m.id}: ${m.entry.data}`);
        if (artifact instanceof cxapi.NestedCloudAssemblyArtifact) visit(artifact.nestedAssembly);
      }
    };
    visit(assembly);
    expect(warnings).toEqual([]);
  });

  test('synthesizes the pipeline in the tooling account and every stage in its own account', () => {
    expect(built.pipelineStack.account).toBe(PIPELINE_ACCOUNT);
    expect(built.stages.stages.map((s) => s.account)).toEqual(['111111111111', '222222222222', '333333333333']);
    expect(built.stages.allowedDeployerAccounts).toEqual([PIPELINE_ACCOUNT]);
  });

  test('crossAccountKeys: the artifact bucket is encrypted with a rotating customer-managed KMS key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      ArtifactStore: { EncryptionKey: { Type: 'KMS', Id: Match.anyValue() } },
    });
  });

  test('prod waits for a manual approval, and only prod', () => {
    const stages = (template.findResources('AWS::CodePipeline::Pipeline') as any);
    const pipeline: any = Object.values(stages)[0];
    const byStage = new Map<string, string[]>(pipeline.Properties.Stages.map((s: any) => [s.Name, s.Actions.map((a: any) => `${a.ActionTypeId.Category}:${a.Name}`)]));
    expect(byStage.get('payments-prod')).toContain('Approval:PromoteToProd');
    expect(byStage.get('payments-dev')?.some((a) => a.startsWith('Approval:'))).toBe(false);
    expect(byStage.get('payments-staging')?.some((a) => a.startsWith('Approval:'))).toBe(false);
  });

  test('each stage runs `bulkhead verify-account` with the stage\'s deploy role before deploying', () => {
    const projects = Object.values(template.findResources('AWS::CodeBuild::Project')).map((p: any) => JSON.stringify(p.Properties.Source.BuildSpec));
    for (const [name, account] of [['dev', '111111111111'], ['staging', '222222222222'], ['prod', '333333333333']]) {
      const spec = projects.find((p) => p.includes(`bulkhead verify-account --stage ${name} `));
      expect(spec).toBeDefined();
      expect(spec).toContain(`cdk-hnb659fds-deploy-role-${account}-eu-west-1`);
    }
  });
});
