/**
 * Template parameters and what a value can be at deploy time given them, whether the template comes from the
 * construct tree (stack-parameters.ts) or from a file: one evaluation for the rules and the cost model.
 */

/** A template parameter as the template declares it (AllowedValues, MaxValue and Default as written). */
export interface TemplateParameter {
  readonly name: string;
  readonly allowedValues?: unknown[];
  readonly maxValue?: unknown;
  readonly defaultValue?: unknown;
}

/** Looks a template parameter up by logical ID (undefined: not a parameter, or not known). */
export type ParameterLookup = (name: string) => TemplateParameter | undefined;

/** The parameters of a plain template (the parsed JSON object). */
export function templateParameters(template: { [key: string]: any }): Map<string, TemplateParameter> {
  const map = new Map<string, TemplateParameter>();
  for (const [name, p] of Object.entries((template?.Parameters ?? {}) as { [id: string]: any })) {
    if (typeof p !== 'object' || p === null) continue;
    map.set(name, {
      name,
      allowedValues: Array.isArray(p.AllowedValues) ? p.AllowedValues : undefined,
      maxValue: p.MaxValue,
      defaultValue: p.Default,
    });
  }
  return map;
}

/**
 * What a property can turn out to be at deploy time. `absent`: the property is not set (or is AWS::NoValue);
 * `open`: an intrinsic whose value cannot be bounded from the template.
 */
export type Outcome = { kind: 'absent' } | { kind: 'value'; value: unknown } | { kind: 'open' };

const ABSENT: Outcome = { kind: 'absent' };
const OPEN: Outcome = { kind: 'open' };

/**
 * Every value a property can take, as far as the template bounds it. `Fn::If` yields both branches (either may be
 * deployed), `Ref` to a parameter yields its AllowedValues or its MaxValue (the deployer can pass nothing else),
 * `Ref: AWS::NoValue` is an absent property. Anything else computed at deploy time (imports, Sub, FindInMap,
 * a parameter with neither bound) is open.
 */
export function outcomes(value: unknown, params: ParameterLookup, depth = 0): Outcome[] {
  if (value === undefined || value === null) return [ABSENT];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ kind: 'value', value }];
  const keys = Object.keys(value as object);
  if (keys.length !== 1) return [{ kind: 'value', value }];
  const v = value as { Ref?: unknown; 'Fn::If'?: unknown };
  if (keys[0] === 'Fn::If') {
    const args = v['Fn::If'];
    if (!Array.isArray(args) || args.length !== 3 || depth > 8) return [OPEN];
    return [...outcomes(args[1], params, depth + 1), ...outcomes(args[2], params, depth + 1)];
  }
  if (keys[0] === 'Ref') {
    if (v.Ref === 'AWS::NoValue') return [ABSENT];
    const bound = typeof v.Ref === 'string' ? params(v.Ref) : undefined;
    if (bound?.allowedValues && bound.allowedValues.length > 0) return bound.allowedValues.map((a) => ({ kind: 'value', value: a }));
    if (bound?.maxValue !== undefined && bound.maxValue !== null) return [{ kind: 'value', value: bound.maxValue }];
    return [OPEN];
  }
  if (keys[0] === 'Condition' || keys[0].startsWith('Fn::')) return [OPEN];
  return [{ kind: 'value', value }];
}
