import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { UsageError } from '../io';
import { LoadedTemplate } from './template-loader';

/** A template turned into real CfnResources in a fresh app, so the packs judge it exactly as they judge CDK apps. */
export interface IncludedTemplate {
  readonly app: App;
  readonly stack: Stack;
  /** Construct path → the resource's logical ID in the template. */
  readonly logicalIds: Map<string, string>;
}

/**
 * Loads the normalized template through CfnInclude (which only reads files, hence the private temp file).
 * CfnInclude rejects templates CloudFormation itself would reject (a Ref, GetAtt, Sub, Condition or
 * DependsOn naming nothing, an unsupported Fn::, a malformed typed property): those become a one-line reason.
 */
export function includeTemplate(loaded: LoadedTemplate): IncludedTemplate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-check-'));
  const templateFile = path.join(dir, 'template.json');
  try {
    fs.writeFileSync(templateFile, JSON.stringify(loaded.template), { mode: 0o600 });
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    const stack = new Stack(app, 'Template');
    try {
      new CfnInclude(stack, 'Include', { templateFile, preserveLogicalIds: true });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`${loaded.file}: values nested too deeply to check`);
      const message = e instanceof Error ? e.message : String(e);
      throw new UsageError(`${loaded.file}: not a valid CloudFormation template: ${message.split('\n')[0]}`);
    }
    const logicalIds = new Map<string, string>();
    const byLogicalId = new Map<string, CfnResource>();
    for (const child of stack.node.findAll()) {
      if (CfnResource.isCfnResource(child)) {
        logicalIds.set(child.node.path, child.node.id);
        byLogicalId.set(child.node.id, child);
      }
    }
    for (const ack of loaded.acknowledgements) {
      const resource = byLogicalId.get(ack.logicalId);
      if (resource) Validations.of(resource).acknowledge({ id: ack.id, reason: ack.reason });
    }
    return { app, stack, logicalIds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
