import { StackIndex } from './resolve';
import { referencedId, referencedIds } from './references';
import { templateText, UNKNOWN } from './values';

export const FUNCTION_TYPE = 'AWS::Lambda::Function';
const ALIAS_TYPE = 'AWS::Lambda::Alias';
const VERSION_TYPE = 'AWS::Lambda::Version';

/** How the functions of one stack can be named by other resources, built once per stack. */
interface FunctionLookup {
  /** Literal FunctionName → logical ID. */
  readonly byName: Map<string, string>;
  /** Logical ID of a function, alias or version → logical ID of the function (versions and aliases are transparent). */
  readonly byId: Map<string, string>;
}

function lookup(index: StackIndex): FunctionLookup {
  return index.memo('lambda:function-lookup', () => {
    const byName = new Map<string, string>();
    const byId = new Map<string, string>();
    for (const fn of index.ofType(FUNCTION_TYPE)) {
      byId.set(fn.logicalId, fn.logicalId);
      if (typeof fn.properties.FunctionName === 'string') byName.set(fn.properties.FunctionName, fn.logicalId);
    }
    // Versions first: an alias may name its function through a version's FunctionName.
    for (const type of [VERSION_TYPE, ALIAS_TYPE]) {
      for (const r of index.ofType(type)) {
        const target = resolveName(r.properties.FunctionName, byName, byId);
        if (target !== undefined) byId.set(r.logicalId, target);
      }
    }
    return { byName, byId };
  });
}

/** `name`, `name:qualifier`, `123456789012:function:name[:q]` or `arn:...:lambda:...:function:name[:q]` → name. */
function nameInText(text: string): string | undefined {
  const arn = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(text);
  if (arn) return arn[1];
  const partial = /^[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(text);
  if (partial) return partial[1];
  const plain = /^([A-Za-z0-9_-]+)(?::[^:]+)?$/.exec(text);
  return plain ? plain[1] : undefined;
}

function resolveName(value: unknown, byName: Map<string, string>, byId: Map<string, string>): string | undefined {
  const direct = referencedId(value);
  if (direct !== undefined) return byId.get(direct);
  const text = templateText(value);
  if (text !== undefined && !text.includes(UNKNOWN)) {
    const name = nameInText(text);
    return name === undefined ? undefined : byName.get(name);
  }
  // An ARN built from the function's own attributes, e.g. Join [':', [GetAtt Fn.Arn, 'live']].
  const targets = new Set<string>();
  for (const id of referencedIds(value)) {
    const target = byId.get(id);
    if (target !== undefined) targets.add(target);
  }
  return targets.size === 1 ? [...targets][0] : undefined;
}

/**
 * The logical ID of the AWS::Lambda::Function of this stack that a FunctionName-like value names: a Ref or GetAtt
 * of the function, of one of its aliases or versions, its literal name, or an ARN (full, partial, qualified, or
 * built with Fn::Sub/Fn::Join). Undefined when the function is not in the stack or is only known at deploy time.
 */
export function functionIdOf(value: unknown, index: StackIndex): string | undefined {
  const { byName, byId } = lookup(index);
  return resolveName(value, byName, byId);
}

/**
 * Every function of this stack that a value mentions anywhere: references to functions, aliases and versions,
 * and literal Lambda ARNs (also inside Fn::Sub and Fn::Join) of functions with a literal name.
 */
export function functionIdsIn(value: unknown, index: StackIndex, into: Set<string> = new Set()): Set<string> {
  const { byName, byId } = lookup(index);
  for (const id of referencedIds(value)) {
    const target = byId.get(id);
    if (target !== undefined) into.add(target);
  }
  if (byName.size === 0) return into;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    const text = templateText(v);
    if (text !== undefined) {
      for (const m of text.matchAll(/:function:([A-Za-z0-9_-]+)/g)) {
        const target = byName.get(m[1]);
        if (target !== undefined) into.add(target);
      }
      if (typeof v === 'string') continue;
    }
    if (typeof v === 'object' && v !== null) for (const child of Object.values(v)) pending.push(child);
  }
  return into;
}
