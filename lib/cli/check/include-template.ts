import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { intrinsicShapeProblem } from '../../cfn/intrinsic-shapes';
import { resolved } from '../../cfn/resolve';
import { stringsRefusedAsObjects } from '../../core/cdk-private';
import { UsageError } from '../io';
import { SafeNames, withSafeNames } from './safe-names';
import { LoadedTemplate } from './template-loader';

/** A template turned into real CfnResources in a fresh app, so the packs judge it exactly as they judge CDK apps. */
export interface IncludedTemplate {
  readonly app: App;
  readonly stack: Stack;
  /** Construct path → the resource's logical ID in the template. */
  readonly logicalIds: Map<string, string>;
  /** A finding's text with the template's own names (see safe-names.ts). */
  restore(text: string): string;
}

/** Rebuilds are bounded: each one parses at least one more JSON string, and a template has finitely many. */
const MAX_REBUILDS = 20;

/**
 * Loads the normalized template through CfnInclude (which only reads files, hence the private temp file).
 * CfnInclude rejects templates CloudFormation itself would reject (a Ref, GetAtt, Sub, Condition or
 * DependsOn naming nothing, an unsupported Fn::, a malformed typed property): those become a one-line reason.
 * Every resource is rendered once here, so a property of the wrong type is refused naming its resource rather
 * than failing a rule later (or a neighbour's rule that reads the whole stack).
 */
export function includeTemplate(loaded: LoadedTemplate): IncludedTemplate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-check-'));
  try {
    const names = withSafeNames(loaded.template);
    let template: unknown = names.template;
    for (let rebuild = 0; ; rebuild++) {
      const included = includeOnce(loaded, template, dir, names);
      const failures = renderFailures(included.stack);
      if (failures.length === 0) return included;
      const parsed = rebuild < MAX_REBUILDS ? withJsonStringsParsed(template, failures) : undefined;
      if (parsed === undefined) throw refusal(loaded.file, failures[0], names);
      template = parsed;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function includeOnce(loaded: LoadedTemplate, template: unknown, dir: string, names: SafeNames): IncludedTemplate {
  const templateFile = path.join(dir, 'template.json');
  fs.writeFileSync(templateFile, JSON.stringify(template), { mode: 0o600 });
  const app = new App({ outdir: path.join(dir, 'cdk.out') });
  const stack = new Stack(app, 'Template');
  try {
    new CfnInclude(stack, 'Include', { templateFile, preserveLogicalIds: true });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${loaded.file}: values nested too deeply to check`);
    // The reader fails with JavaScript's own errors on malformed intrinsics: name the place instead.
    const shape = intrinsicShapeProblem(loaded.template);
    if (shape !== undefined) throw new UsageError(`${loaded.file}: not a valid CloudFormation template: ${shape}`);
    const message = names.restore(e instanceof Error ? e.message : String(e));
    throw new UsageError(`${loaded.file}: not a valid CloudFormation template: ${message.split('\n')[0]}`);
  }
  const logicalIds = new Map<string, string>();
  const byLogicalId = new Map<string, CfnResource>();
  for (const child of stack.node.findAll()) {
    if (CfnResource.isCfnResource(child)) {
      logicalIds.set(child.node.path, names.original(child.node.id));
      byLogicalId.set(child.node.id, child);
    }
  }
  for (const ack of loaded.acknowledgements) {
    const resource = byLogicalId.get(names.alias(ack.logicalId));
    if (resource) Validations.of(resource).acknowledge({ id: ack.id, reason: ack.reason });
  }
  return { app, stack, logicalIds, restore: names.restore };
}

interface RenderFailure {
  readonly resource: CfnResource;
  readonly message: string;
}

/** CfnInclude keeps a property of the wrong type (`Timeout: "abc"`) until the resource is rendered. */
function renderFailures(stack: Stack): RenderFailure[] {
  const failures: RenderFailure[] = [];
  for (const child of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(child)) continue;
    try {
      resolved(child); // within the check's validation run, the Bulkhead pack reuses this rendering
    } catch (e) {
      failures.push({ resource: child, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return failures;
}

/**
 * CloudFormation accepts a JSON document written as a string wherever a property is of type Json (an SQS
 * RedrivePolicy, an EventBridge EventPattern, an IAM PolicyDocument); CDK's L1 classes take only objects there and
 * say so ("... should be an 'object'"). The strings CDK names are parsed, in the resources it names, so the
 * template is judged as CloudFormation reads it. Undefined when there is nothing left to parse.
 */
function withJsonStringsParsed(template: unknown, failures: RenderFailure[]): unknown {
  const copy = JSON.parse(JSON.stringify(template)) as { Resources: { [id: string]: { Properties?: unknown } } };
  let changed = false;
  for (const failure of failures) {
    const wanted = new Set(stringsRefusedAsObjects(failure.message));
    const def = copy.Resources[failure.resource.node.id];
    if (wanted.size === 0 || def === undefined) continue;
    const parse = (value: unknown): unknown => {
      if (typeof value === 'string' && wanted.has(value)) {
        const doc = jsonObject(value);
        if (doc !== undefined) {
          changed = true;
          return doc;
        }
      }
      if (Array.isArray(value)) return value.map(parse);
      if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parse(v)]));
      return value;
    };
    def.Properties = parse(def.Properties);
  }
  return changed ? copy : undefined;
}

function jsonObject(text: string): object | undefined {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

function refusal(file: string, failure: RenderFailure, names: SafeNames): UsageError {
  const lines = names
    .restore(failure.message)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const detail = (lines.length > 1 ? lines.slice(1) : lines).join('; ');
  const short = detail.length > 300 ? `${detail.slice(0, 297)}...` : detail;
  return new UsageError(
    `${file}: not a valid CloudFormation template: resource ${names.original(failure.resource.node.id)} (${failure.resource.cfnResourceType}): ${short}`,
  );
}
