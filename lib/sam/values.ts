import { SamError } from './types';

/** A JSON object (not a list, not null). */
export type JsonMap = { [key: string]: unknown };

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ Ref }` / `{ Fn::* }` / `{ Condition }`: a value known at deploy time. */
export function isIntrinsic(value: unknown): boolean {
  if (!isMap(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

export const ref = (id: string): JsonMap => ({ Ref: id });
export const getAtt = (id: string, attribute: string): JsonMap => ({ 'Fn::GetAtt': [id, attribute] });
export const sub = (text: string, variables?: JsonMap): JsonMap => ({ 'Fn::Sub': variables ? [text, variables] : text });

/** A value as a list, as SAM reads properties that take one item or many. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Properties of a resource or event: a map, or absent (an empty map); anything else is refused naming it. */
export function propertiesOf(resource: string, property: string, value: unknown): JsonMap {
  if (value === undefined || value === null) return {};
  if (!isMap(value) || isIntrinsic(value)) throw new SamError(resource, property, `must be a map, not ${describe(value)}`);
  return value;
}

/** A map-typed property, or undefined when absent; a wrong type is refused. */
export function optionalMap(resource: string, property: string, value: unknown): JsonMap | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isMap(value)) throw new SamError(resource, property, `must be a map, not ${describe(value)}`);
  return value;
}

/** A required property, refused naming it when missing. */
export function required(resource: string, property: string, value: unknown, what: string): unknown {
  if (value === undefined || value === null || value === '') throw new SamError(resource, property, `is missing; SAM requires ${what}`);
  return value;
}

/** A literal string (for logical IDs and names SAM resolves itself), resolving a Ref to a parameter's Default. */
export function literalText(template: JsonMap, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isMap(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const parameter = isMap(template.Parameters) ? template.Parameters[value.Ref] : undefined;
    if (isMap(parameter) && (typeof parameter.Default === 'string' || typeof parameter.Default === 'number'))
      return String(parameter.Default);
  }
  return undefined;
}

/** A short description of a value's kind for error messages (never the value itself: it may hold secrets). */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isIntrinsic(value)) return `a ${Object.keys(value as JsonMap)[0]}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}

/** Alphanumeric, as logical IDs must be: SAM strips everything else from the names it builds IDs from. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * `!If [condition, x, !Ref AWS::NoValue]` (either branch): SAM generates what the property would otherwise name (a role,
 * a destination) under the branch that gives none. Which branch that is (1 or 2), or undefined for any other value.
 */
export function ifWithNoValue(value: unknown): { args: unknown[]; noValueIn: 1 | 2 } | undefined {
  const args = isMap(value) && Object.keys(value).length === 1 ? value['Fn::If'] : undefined;
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') return undefined;
  const noValue = (v: unknown): boolean => isMap(v) && v.Ref === 'AWS::NoValue';
  if (noValue(args[1]) === noValue(args[2])) return undefined;
  return { args, noValueIn: noValue(args[1]) ? 1 : 2 };
}
