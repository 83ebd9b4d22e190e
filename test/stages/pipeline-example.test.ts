import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildApp, PIPELINE_ACCOUNT } from '../../examples/pipeline/app';
import { BULKHEAD_VERSION } from '../../lib/version';
import { fakeAwsEnv, restoreEnv } from '../cli/verify-account/fixture';
import { assertBuilt, ROOT } from '../packaging/built';
import { StsEndpoint } from '../support/sts-endpoint';

describe('examples/pipeline: cross-account CDK Pipelines delivery of IsolatedStages', () => {
  let template: Template;
  let built: ReturnType<typeof buildApp>;
  let assembly: cxapi.CloudAssembly;
  let outdir: string;
  let byStage: Map<string, any[]>;

  /** The buildspec phases of the CodeBuild project behind the pipeline action `name` of stage `stage`. */
  function buildSpecOf(stage: string, name: string): { install: string[]; build: string[] } {
    const action = byStage.get(stage)!.find((a) => a.Name === name);
    const projectRef = action.Configuration.ProjectName.Ref;
    const project = template.toJSON().Resources[projectRef];
    const spec = JSON.parse(project.Properties.Source.BuildSpec);
    return { install: spec.phases.install?.commands ?? [], build: spec.phases.build.commands };
  }

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-pipeline-'));
    built = buildApp(outdir);
    assembly = built.app.synth();
    template = Template.fromStack(built.pipelineStack);
    const pipeline: any = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0];
    byStage = new Map(pipeline.Properties.Stages.map((s: any) => [s.Name, s.Actions]));
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
    const names = (stage: string) => byStage.get(stage)!.map((a: any) => `${a.ActionTypeId.Category}:${a.Name}`);
    expect(names('payments-prod')).toContain('Approval:PromoteToProd');
    expect(names('payments-dev').some((a) => a.startsWith('Approval:'))).toBe(false);
    expect(names('payments-staging').some((a) => a.startsWith('Approval:'))).toBe(false);
  });

  test('in prod the guard runs after the approval and immediately before the deploy actions', () => {
    const actions = byStage.get('payments-prod')!;
    const order = (pred: (a: any) => boolean) => actions.filter(pred).map((a: any) => a.RunOrder);
    const approval = order((a) => a.ActionTypeId.Category === 'Approval');
    const guard = order((a) => a.Name === 'VerifyAccount-prod');
    const deploys = order((a) => a.ActionTypeId.Category === 'Deploy');
    expect(approval).toHaveLength(1);
    expect(guard).toHaveLength(1);
    expect(guard[0]).toBeGreaterThan(approval[0]);
    expect(deploys.length).toBeGreaterThan(0);
    expect(Math.min(...deploys)).toBe(guard[0] + 1);
  });

  test("each stage's guard installs the exact versions that synthesized the assembly, scripts off, never an unpinned global install", () => {
    for (const stage of ['payments-dev', 'payments-staging', 'payments-prod']) {
      const { install, build } = buildSpecOf(stage, `VerifyAccount-${stage.replace('payments-', '')}`);
      expect(install).toHaveLength(1);
      const args = install[0].split(/\s+/);
      expect(args.slice(0, 2)).toEqual(['npm', 'install']);
      expect(args).toContain('--ignore-scripts');
      expect(args).not.toContain('-g');
      expect(args).not.toContain('--global');
      const specs = args.filter((a) => !a.startsWith('-') && !['npm', 'install', '.bulkhead-guard'].includes(a));
      expect(specs.sort()).toEqual(
        [`aws-cdk-lib@2.276.0`, `cdk-bulkhead@${BULKHEAD_VERSION}`, 'cdk-nag@3.0.2', 'constructs@10.8.1'].sort(),
      );
      expect(specs.every((s) => /^(@[\w-]+\/)?[\w-]+@\d+\.\d+\.\d+$/.test(s))).toBe(true);
      expect(build.join('\n')).toContain(`verify-account --stage ${stage} --assembly . --assume-deploy-role`);
      expect(build.join('\n')).not.toContain('--allow-account');
    }
  });

  test("the guard may assume only the stage account's CDK deploy roles", () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).map((p: any) => JSON.stringify(p.Properties.PolicyDocument));
    const prod = policies.filter((p) => p.includes(':iam::333333333333:role/*') && p.includes('aws-cdk:bootstrap-role'));
    expect(prod.length).toBeGreaterThan(0);
    expect(prod.some((p) => p.includes('"deploy"'))).toBe(true);
  });

  describe('the generated commands, run in a real shell against a loopback STS', () => {
    let sts: StsEndpoint;

    beforeAll(async () => {
      assertBuilt();
      // What the install command would produce: this checkout's build as cdk-bulkhead in .bulkhead-guard.
      const modules = path.join(outdir, '.bulkhead-guard', 'node_modules');
      fs.mkdirSync(modules, { recursive: true });
      fs.symlinkSync(ROOT, path.join(modules, 'cdk-bulkhead'), 'dir');
      sts = await StsEndpoint.start({ kind: 'identity', account: PIPELINE_ACCOUNT });
    });
    afterAll(async () => {
      await sts?.stop();
    });
    beforeEach(() => {
      sts.requests.length = 0;
      fakeAwsEnv(sts.url);
    });
    afterEach(restoreEnv);

    /** Runs the build phase's commands as CodeBuild does: one shell each, in the assembly's root, stopping at the first failure. */
    async function runBuildPhase(commands: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
      let stdout = '';
      let stderr = '';
      for (const command of commands) {
        const code = await new Promise<number>((resolve) => {
          const child = spawn('/bin/sh', ['-c', command], { cwd: outdir, env: process.env });
          child.stdout.on('data', (d) => {
            stdout += d;
          });
          child.stderr.on('data', (d) => {
            stderr += d;
          });
          child.on('close', (c) => resolve(c ?? -1));
        });
        if (code !== 0) return { code, stderr, stdout };
      }
      return { code: 0, stderr, stdout };
    }

    test("STS refuses AssumeRole: the step fails, and the pipeline's own credentials never pass the guard", async () => {
      sts.assumeRole = { kind: 'refuse', status: 403, code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' };
      const r = await runBuildPhase(buildSpecOf('payments-prod', 'VerifyAccount-prod').build);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(
        /STS refused AssumeRole of arn:aws:iam::333333333333:role\/cdk-hnb659fds-deploy-role-333333333333-eu-west-1 \(AccessDenied\)/,
      );
      expect(sts.requests.map((q) => q.form.get('Action'))).not.toContain('GetCallerIdentity');
    }, 30_000);

    test("STS grants the deploy role: the step passes, having checked the role's own account", async () => {
      sts.assumeRole = { kind: 'grant' };
      const r = await runBuildPhase(buildSpecOf('payments-prod', 'VerifyAccount-prod').build);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/ok: 1 deploy role\(s\) of stage 'payments-prod' \(account 333333333333\) in eu-west-1/);
      expect(sts.requests.map((q) => q.form.get('Action'))).toEqual(['AssumeRole', 'GetCallerIdentity']);
    }, 30_000);
  });
});
