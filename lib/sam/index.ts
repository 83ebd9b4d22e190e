import { expandApis } from './apis';
import { ExpansionContext } from './context';
import { expandFunction } from './function';
import { GLOBALS_SECTIONS, readGlobals, withGlobals } from './globals';
import { rewriteGeneratedNames } from './references';
import { expandLayerVersion, expandSimpleTable, keepNotJudged } from './simple-resources';
import { expandStateMachine } from './state-machine';
import { SamError, SamExpansion, SamTemplate } from './types';
import { describe, isMap, JsonMap, propertiesOf } from './values';

export { SamError } from './types';
export type { SamExpansion, SamNotice, SamSource, SamTemplate } from './types';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** True when the template asks for the SAM transform or holds SAM resources. */
export function isSamTemplate(template: unknown): boolean {
  if (!isMap(template)) return false;
  const transforms = ([] as unknown[]).concat(template.Transform ?? []);
  if (transforms.some((t) => t === SAM_TRANSFORM || (isMap(t) && t.Name === SAM_TRANSFORM))) return true;
  const resources = template.Resources;
  return (
    isMap(resources) &&
    Object.values(resources).some((r) => isMap(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::Serverless::'))
  );
}

/** Options of the expansion. */
export interface ExpandOptions {
  /** Directory of the SAM file: local `CodeUri` / `ContentUri` paths are resolved against it for the code rules. */
  readonly baseDir?: string;
}

const NOT_EXPANDED: { [type: string]: string } = {
  'AWS::Serverless::Application':
    'a nested application is deployed from its own template (Location), which is not read here; check that template too',
};

/**
 * Expands a parsed SAM template into the CloudFormation that the SAM transform would produce for what the rules judge:
 * functions with their roles, policies, versions, aliases, URLs, invoke configs and event sources; APIs with the
 * authorization of every route; tables, layers and state machines. A pure function: nothing is read or called.
 * Throws SamError for input the transform itself would refuse.
 */
export function expandSam(input: SamTemplate, options: ExpandOptions = {}): SamExpansion {
  const resources = input.Resources;
  if (!isMap(resources))
    throw new SamError('Resources', 'Resources', `must be a map of logical IDs to resources, not ${describe(resources)}`);
  const globals = readGlobals(input);
  const ctx = new ExpansionContext(input, options.baseDir);
  noticeOtherTransforms(ctx, input);
  const explicitApis: Array<{ id: string; type: string; resource: JsonMap; properties: JsonMap }> = [];
  const generatedNames = new Map<string, string>();

  for (const [id, resource] of Object.entries(resources)) {
    if (id.startsWith('Fn::ForEach::')) {
      throw new SamError(
        id.slice(0, 80),
        'Resources',
        'is an Fn::ForEach of the AWS::LanguageExtensions transform, which this check does not run: check the processed template (aws cloudformation get-template --template-stage Processed)',
      );
    }
    if (!isMap(resource) || typeof resource.Type !== 'string' || !resource.Type.startsWith('AWS::Serverless::')) {
      continue; // plain CloudFormation: copied below, and shape-checked with every other template
    }
    if (!/^[A-Za-z0-9]+$/.test(id))
      throw new SamError(id.slice(0, 80), 'its logical ID', 'is not alphanumeric, which CloudFormation requires');
    const type = resource.Type;
    const section = GLOBALS_SECTIONS[type];
    const properties = withGlobals(
      id,
      resource,
      propertiesOf(id, 'Properties', resource.Properties),
      section ? globals[section] : undefined,
    );
    switch (type) {
      case 'AWS::Serverless::Function': {
        expandFunction(ctx, id, resource, properties);
        break;
      }
      case 'AWS::Serverless::Api':
      case 'AWS::Serverless::HttpApi':
        explicitApis.push({ id, type, resource, properties });
        break;
      case 'AWS::Serverless::SimpleTable':
        expandSimpleTable(ctx, id, resource, properties);
        break;
      case 'AWS::Serverless::LayerVersion':
        expandLayerVersion(ctx, id, resource, properties);
        break;
      case 'AWS::Serverless::StateMachine':
        expandStateMachine(ctx, id, resource, properties);
        break;
      default:
        keepNotJudged(
          ctx,
          id,
          resource,
          NOT_EXPANDED[type] ?? 'this check does not expand this SAM type, so what it generates is not judged',
        );
    }
  }
  expandApis(ctx, explicitApis, globals);

  // `<Resource>.Alias`, `.Version`, `.Stage`, `.Deployment`: the names SAM lets templates use for generated parts.
  for (const [generatedId, source] of ctx.sources) {
    const r = ctx.resources.get(generatedId)!;
    if (r.Type === 'AWS::Lambda::Alias') generatedNames.set(`${source.resource}.Alias`, generatedId);
    if (r.Type === 'AWS::Lambda::Version') generatedNames.set(`${source.resource}.Version`, generatedId);
    if (r.Type === 'AWS::ApiGateway::Stage' || r.Type === 'AWS::ApiGatewayV2::Stage')
      generatedNames.set(`${referencedApi(r)}.Stage`, generatedId);
    if (r.Type === 'AWS::ApiGateway::Deployment') generatedNames.set(`${referencedApi(r)}.Deployment`, generatedId);
  }

  const out: JsonMap = {};
  for (const [id, resource] of Object.entries(resources)) {
    if (isMap(resource) && typeof resource.Type === 'string' && resource.Type.startsWith('AWS::Serverless::')) continue;
    if (ctx.resources.has(id)) {
      throw new SamError(
        ctx.sources.get(id)!.resource,
        'its logical ID',
        `generates ${id}, which is already a resource of the template; rename one of them`,
      );
    }
    out[id] = isMap(resource) ? { ...resource } : resource;
  }
  for (const { id, apply } of ctx.patches) {
    const target = out[id];
    if (isMap(target)) {
      const copy: JsonMap = { ...target, Properties: JSON.parse(JSON.stringify(target.Properties ?? {})) };
      apply(copy);
      out[id] = copy;
    }
  }
  for (const [id, resource] of ctx.resources) out[id] = resource;

  const template: JsonMap = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'Transform' || key === 'Globals') continue;
    template[key] = key === 'Resources' ? out : value;
  }
  if (ctx.conditions.size > 0) {
    const existing = isMap(template.Conditions) ? template.Conditions : {};
    for (const [name, condition] of ctx.conditions) {
      if (name in existing && JSON.stringify(existing[name]) !== JSON.stringify(condition))
        throw new SamError(
          name,
          'Conditions',
          `is a condition of the template, and SAM adds a condition of that name for a conditional Role; rename it`,
        );
    }
    template.Conditions = { ...existing, ...Object.fromEntries(ctx.conditions) };
  }
  template.Resources = rewriteGeneratedNames(out, generatedNames);
  if (template.Outputs !== undefined) template.Outputs = rewriteGeneratedNames(template.Outputs, generatedNames);
  const sources = new Map(ctx.sources);
  return { template, sources, notices: ctx.notices };
}

/** Transforms besides SAM's (AWS::LanguageExtensions, macros) are not run: what they would change is not judged. */
function noticeOtherTransforms(ctx: ExpansionContext, input: JsonMap): void {
  for (const t of ([] as unknown[]).concat(input.Transform ?? [])) {
    const name = isMap(t) ? t.Name : t;
    if (name === SAM_TRANSFORM) continue;
    const label = typeof name === 'string' ? name : 'a transform given as an intrinsic';
    ctx.notice(
      'Transform',
      `Transform.${typeof name === 'string' ? name : 'intrinsic'}`,
      `the transform ${label} is not run by this check, so what it changes in the template is not judged`,
      ['Transform'],
    );
  }
}

function referencedApi(resource: JsonMap): string | undefined {
  const p = resource.Properties as JsonMap;
  const target = (p.RestApiId ?? p.ApiId) as JsonMap | undefined;
  return typeof target?.Ref === 'string' ? target.Ref : undefined;
}
