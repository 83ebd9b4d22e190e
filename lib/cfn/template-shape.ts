import { TemplateFileError } from './template-error';

/**
 * Deeper than any real template (IAM policies and nested intrinsics stay under ~20 levels). The limit exists
 * because CfnInclude and the rule packs recurse: past it they would die with a stack overflow, not a reason.
 */
export const MAX_DEPTH = 100;

/** CloudFormation's per-stack resource limit: a larger template cannot be deployed. */
export const MAX_RESOURCES = 500;

export type Template = { [key: string]: unknown };

function isMap(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Depth of the deepest value, walked iteratively so a hostile input cannot overflow the stack here. */
export function exceedsDepth(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Refuses (with a one-line reason) what is not a CloudFormation template the packs can judge: not an object,
 * no or empty Resources, a resource without a Type. SAM templates arrive here expanded (lib/sam).
 */
export function assertTemplateShape(file: string, value: unknown): Template {
  if (!isMap(value)) {
    const kind = value === null || value === undefined ? 'empty' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new TemplateFileError(
      `${file}: not a CloudFormation template (the document is ${kind}, expected a map with a Resources section)`,
    );
  }
  if (exceedsDepth(value, MAX_DEPTH)) {
    throw new TemplateFileError(`${file}: values nested deeper than ${MAX_DEPTH} levels; not a template the checks can read`);
  }
  const resources = value.Resources;
  if (resources === undefined) throw new TemplateFileError(`${file}: no Resources section; not a CloudFormation template`);
  if (!isMap(resources)) throw new TemplateFileError(`${file}: Resources must be a map of logical IDs to resources`);
  const ids = Object.keys(resources);
  if (ids.length === 0)
    throw new TemplateFileError(`${file}: the Resources section is empty (CloudFormation requires at least one resource)`);
  if (ids.length > MAX_RESOURCES) {
    throw new TemplateFileError(
      `${file}: ${ids.length} resources; CloudFormation allows ${MAX_RESOURCES} per stack, so it cannot be deployed: split the stack`,
    );
  }
  for (const id of ids) {
    const resource = resources[id];
    if (!/^[A-Za-z0-9]+$/.test(id)) {
      throw new TemplateFileError(`${file}: resource logical ID '${id.slice(0, 80)}' is not alphanumeric, which CloudFormation requires`);
    }
    if (!isMap(resource)) throw new TemplateFileError(`${file}: resource ${id} is not a map`);
    if (typeof resource.Type !== 'string' || resource.Type === '') throw new TemplateFileError(`${file}: resource ${id} has no Type`);
    if (resource.Properties !== undefined && !isMap(resource.Properties)) {
      throw new TemplateFileError(`${file}: Properties of resource ${id} must be a map`);
    }
    const whole = resource.Properties === undefined ? undefined : intrinsicName(resource.Properties);
    if (whole !== undefined) {
      throw new TemplateFileError(
        `${file}: Properties of resource ${id} are one ${whole}, which cannot be judged (nor read by CDK): ` +
          `write them as a map of properties, with ${whole} inside the values that vary`,
      );
    }
  }
  return value;
}

/** `Ref` or `Fn::...` when `value` is a single intrinsic function, as CloudFormation writes them. */
function intrinsicName(value: { [key: string]: unknown }): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}
