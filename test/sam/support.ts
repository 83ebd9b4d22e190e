import { expandSam, SamExpansion } from '../../lib/sam';

export const TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A SAM function resource with the properties every function needs, plus `properties`. */
export function samFunction(properties: object = {}, attributes: object = {}): object {
  return {
    Type: 'AWS::Serverless::Function',
    ...attributes,
    Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'exports.handler = async () => 1;', ...properties },
  };
}

/** Expands a template of SAM resources; `resources` is the generated Resources section. */
export function expand(resources: object, extra: object = {}): SamExpansion & { resources: { [id: string]: any } } {
  const out = expandSam({ Transform: TRANSFORM, ...extra, Resources: resources }, { baseDir: '/project' });
  return { ...out, resources: out.template.Resources as { [id: string]: any } };
}
