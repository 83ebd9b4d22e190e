import { CfnResource, Stack } from 'aws-cdk-lib';
import { stackMappings } from './resolve';
import { stackParameters } from './stack-parameters';
import { isIntrinsic } from './references';
import { branches, describeIntrinsic, UNKNOWN } from './values';

/**
 * Every text a value may evaluate to once deployed, as far as the template itself decides it: both sides of
 * `Fn::If` (AWS::NoValue dropped), `Fn::FindInMap` over the template's Mappings (every key when a key is only known
 * at deploy time), a parameter's Default and AllowedValues, `Fn::Base64` of text, and `Fn::Join`/`Fn::Sub` of all
 * of these. Parts only known at deploy time are `UNKNOWN`. Bounded: at most `MAX_TEXTS` texts per value.
 */

const MAX_TEXTS = 32;
const MAX_DEPTH = 12;

interface Sources {
  parameter(name: string): unknown[] | undefined;
  mapping(name: string): { [key: string]: { [key: string]: unknown } } | undefined;
}

function sourcesOf(stack: Stack): Sources {
  return {
    parameter: (name) => {
      const p = stackParameters(stack).get(name);
      if (p === undefined) return undefined;
      return [...(p.defaultValue !== undefined ? [p.defaultValue] : []), ...(p.allowedValues ?? [])];
    },
    mapping: (name) => stackMappings(stack).get(name),
  };
}

/** The texts `value` (a property of `node`) may evaluate to. */
export function possibleTexts(node: CfnResource, value: unknown): string[] {
  return texts(value, sourcesOf(Stack.of(node)), 0);
}

/** The texts a value of a template of `stack` may evaluate to (for lookups that hold a stack, not a resource). */
export function possibleTextsIn(stack: Stack, value: unknown): string[] {
  return texts(value, sourcesOf(stack), 0);
}

/** One value a property may be deployed with, as far as the template decides it. */
export interface DecidedValue {
  /**
   * A literal (as written, or the text a parameter's Default or AllowedValues, a mapping or a Sub/Join of literals
   * gives), the intrinsic itself when a part is only known at deploy time, or undefined when the property is absent.
   */
  readonly value: unknown;
  /** The Fn::If condition choosing this side, if any. */
  readonly condition?: string;
  /** The intrinsic the text was decided from (`Ref Retries`, `Fn::FindInMap`), when not written literally. */
  readonly via?: string;
}

/**
 * Every value a property may be deployed with: each side of its Fn::If (AWS::NoValue as undefined), and for an
 * intrinsic side every text the template decides for it (a parameter's Default and AllowedValues, Mappings, Sub and
 * Join of those), plus the intrinsic itself when the deployer or the deployment may still choose another value.
 * Lets rules judge defaults and mapped values like literals, and deploy-time values as they always have.
 */
export function decidedValues(node: CfnResource, value: unknown): DecidedValue[] {
  const found: DecidedValue[] = [];
  for (const side of branches(value)) {
    if (!isIntrinsic(side.value)) {
      found.push(side);
      continue;
    }
    const list = possibleTexts(node, side.value);
    const via = describeIntrinsic(side.value);
    for (const text of list) if (!text.includes(UNKNOWN)) found.push({ value: text, condition: side.condition, via });
    if (list.some((t) => t.includes(UNKNOWN))) found.push(side);
  }
  return found;
}

/** ` (from Ref X)` and/or ` on one side of Fn::If C` for a decided value, '' for a plain literal: where it comes from. */
export function decidedFrom(v: DecidedValue): string {
  return `${v.via === undefined ? '' : ` (from ${v.via})`}${v.condition === undefined ? '' : ` on one side of Fn::If ${v.condition}`}`;
}

function own<T>(map: { [key: string]: T } | undefined, key: string): T | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function unique(list: string[]): string[] {
  return [...new Set(list)].slice(0, MAX_TEXTS);
}

/** Every combination of the parts' texts, joined, up to MAX_TEXTS. */
function combine(parts: string[][], separator: string): string[] {
  let acc = [''];
  parts.forEach((options, i) => {
    const next: string[] = [];
    for (const a of acc)
      for (const o of options.length > 0 ? options : [UNKNOWN]) if (next.length < MAX_TEXTS) next.push(i === 0 ? o : a + separator + o);
    acc = next;
  });
  return unique(acc);
}

function keyTexts(value: unknown, src: Sources, depth: number): string[] | undefined {
  const list = texts(value, src, depth + 1);
  return list.some((t) => t.includes(UNKNOWN)) ? undefined : list;
}

function texts(value: unknown, src: Sources, depth: number): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > MAX_DEPTH) return [UNKNOWN];
  const [fn, arg] = Object.entries(value)[0] ?? [];
  if (Object.keys(value).length !== 1) return [UNKNOWN];
  switch (fn) {
    case 'Ref': {
      if (arg === 'AWS::NoValue') return [];
      const values = typeof arg === 'string' ? src.parameter(arg) : undefined;
      return values === undefined || values.length === 0
        ? [UNKNOWN]
        : unique([UNKNOWN, ...values.flatMap((v) => texts(v, src, depth + 1))]);
    }
    case 'Fn::If':
      return Array.isArray(arg) && arg.length === 3
        ? unique([...texts(arg[1], src, depth + 1), ...texts(arg[2], src, depth + 1)])
        : [UNKNOWN];
    case 'Fn::Base64':
      return texts(arg, src, depth + 1);
    case 'Fn::Join':
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return [UNKNOWN];
      return combine(
        arg[1].map((part: unknown) => texts(part, src, depth + 1)),
        arg[0],
      );
    case 'Fn::Sub':
      return subTexts(arg, src, depth);
    case 'Fn::FindInMap':
      return mappingTexts(arg, src, depth);
    default:
      return [UNKNOWN];
  }
}

function subTexts(arg: unknown, src: Sources, depth: number): string[] {
  const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
  if (template === undefined) return [UNKNOWN];
  const vars = Array.isArray(arg) && typeof arg[1] === 'object' && arg[1] !== null ? (arg[1] as { [k: string]: unknown }) : {};
  const pieces: string[][] = [];
  let last = 0;
  for (const m of template.matchAll(/\$\{(!?)([^}]*)\}/g)) {
    pieces.push([template.slice(last, m.index)]);
    const [, bang, name] = m;
    if (bang === '!') pieces.push(['${' + name + '}']);
    else if (own(vars, name) !== undefined) pieces.push(texts(vars[name], src, depth + 1));
    else if (!name.includes('.') && src.parameter(name) !== undefined) pieces.push(texts({ Ref: name }, src, depth + 1));
    else pieces.push([UNKNOWN]);
    last = m.index! + m[0].length;
  }
  pieces.push([template.slice(last)]);
  return combine(pieces, '');
}

function mappingTexts(arg: unknown, src: Sources, depth: number): string[] {
  if (!Array.isArray(arg) || arg.length < 3 || typeof arg[0] !== 'string') return [UNKNOWN];
  const mapping = src.mapping(arg[0]);
  if (mapping === undefined) return [UNKNOWN];
  const firstKeys = keyTexts(arg[1], src, depth) ?? Object.keys(mapping);
  const found: string[] = [];
  for (const k1 of firstKeys) {
    const level = own(mapping, k1);
    if (level === undefined || typeof level !== 'object') continue;
    for (const k2 of keyTexts(arg[2], src, depth) ?? Object.keys(level)) {
      const leaf = own(level, k2);
      if (leaf !== undefined) found.push(...texts(leaf, src, depth + 1));
    }
  }
  return found.length === 0 ? [UNKNOWN] : unique(found);
}
