import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { TemplateParameter } from './parameters';
import { RunCache } from './resolve';
import { alternatives, describeIntrinsic, exactText } from './values';

/** The parameters of a stack in the construct tree, and the strings a property may take given them (for the rules). */

const parametersByStack = new RunCache<Stack, Map<string, TemplateParameter>>();

/** The parameters of one stack (its own, not those of nested stacks), read once per validation run. */
export function stackParameters(stack: Stack): Map<string, TemplateParameter> {
  return parametersByStack.get(stack, () => {
    const map = new Map<string, TemplateParameter>();
    for (const c of stack.node.findAll()) {
      if (!(c instanceof CfnParameter) || Stack.of(c) !== stack) continue;
      const name = String(stack.resolve(c.logicalId));
      map.set(name, { name, allowedValues: c.allowedValues, maxValue: c.maxValue, defaultValue: c.default });
    }
    return map;
  });
}

/** A template parameter as rules need it: the values it may take, as strings. */
export interface ParameterChoices {
  readonly name: string;
  /** AllowedValues, when the parameter restricts them. */
  readonly allowedValues?: string[];
  readonly defaultValue?: string;
}

/** The parameter a `{ Ref }` points at, when it is a parameter of the resource's stack (CDK or included template). */
export function parameterOf(node: CfnResource, value: unknown): ParameterChoices | undefined {
  const ref = typeof value === 'object' && value !== null ? (value as { Ref?: unknown }).Ref : undefined;
  if (typeof ref !== 'string') return undefined;
  const p = stackParameters(Stack.of(node)).get(ref);
  if (p === undefined) return undefined;
  return {
    name: p.name,
    allowedValues: p.allowedValues?.map(String),
    defaultValue: p.defaultValue === undefined ? undefined : String(p.defaultValue),
  };
}

/** The values a string property may take: literal possibilities, and descriptions of the ones only known at deploy time. */
export interface PossibleStrings {
  /** Literal values it may take; `undefined` stands for the property being absent. */
  readonly values: (string | undefined)[];
  /** Deploy-time values that could be anything, described without their value (e.g. `Ref Auth (no AllowedValues)`). */
  readonly unknown: string[];
}

/**
 * What a string property may be at deploy time: literals, literal `Fn::Join`/`Fn::Sub`, both branches of
 * `Fn::If`, and a parameter's AllowedValues; anything else is unknown.
 */
export function possibleStrings(node: CfnResource, value: unknown): PossibleStrings {
  const values: (string | undefined)[] = [];
  const unknown: string[] = [];
  for (const alt of alternatives(value)) {
    if (alt === undefined) {
      values.push(undefined);
      continue;
    }
    const text = exactText(alt);
    if (text !== undefined) {
      values.push(text);
      continue;
    }
    const parameter = parameterOf(node, alt);
    if (parameter?.allowedValues !== undefined) {
      values.push(...parameter.allowedValues);
      continue;
    }
    unknown.push(
      parameter !== undefined
        ? `Ref ${parameter.name} (a parameter without AllowedValues${parameter.defaultValue !== undefined ? `, default ${parameter.defaultValue}` : ''})`
        : describeIntrinsic(alt),
    );
  }
  return { values, unknown };
}
