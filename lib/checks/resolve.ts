import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * How rules read resources: the resolved CloudFormation of a resource (exactly what the template holds, with
 * intrinsic functions as `{ Ref }`, `{ Fn::GetAtt }`, `{ Fn::Sub }` ... objects), cached for one validation run.
 * Rules stay pure functions of the resource; the cache only saves resolving a resource once per rule.
 */

/** A resource as its template holds it. */
export interface ResolvedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { [key: string]: any };
  readonly node: CfnResource;
}

let depth = 0;
let resourceCache = new WeakMap<CfnResource, ResolvedResource>();
let indexCache = new WeakMap<Stack, StackIndex>();
const runCaches = new Set<RunCache<unknown, unknown>>();

/** Forgets every resolved resource, stack index and RunCache entry: templates may change between runs. */
function forget(): void {
  resourceCache = new WeakMap();
  indexCache = new WeakMap();
  for (const cache of runCaches) cache.clear();
}

/**
 * Runs `body` as one validation run. What it resolved is dropped when it returns, so the resolved copy of a large
 * app's templates is not held through the rest of synth (the stage validation runs before CDK writes templates).
 * Nested runs share the outermost one.
 */
export function validationRun<T>(body: () => T): T {
  if (depth === 0) forget();
  depth++;
  try {
    return body();
  } finally {
    depth--;
    if (depth === 0) forget();
  }
}

/**
 * A map whose entries live for one validation run: rules share derived data (a scanned code asset, a directory
 * listing) across the resources of a run, and never read it stale in the next one.
 */
export class RunCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor() {
    runCaches.add(this as RunCache<unknown, unknown>);
  }

  /** Drops every entry (the end of a run). */
  public clear(): void {
    this.entries.clear();
  }

  /** The value for `key` in this run, computed on first use. */
  public get(key: K, compute: () => V): V {
    if (!this.entries.has(key)) this.entries.set(key, compute());
    return this.entries.get(key) as V;
  }
}

/** The resolved resource (logical ID, type, properties). */
export function resolved(node: CfnResource): ResolvedResource {
  const hit = resourceCache.get(node);
  if (hit) return hit;
  const stack = Stack.of(node);
  const logicalId = String(stack.resolve(node.logicalId));
  const rendered = stack.resolve((node as unknown as { _toCloudFormation(): any })._toCloudFormation());
  const body = rendered?.Resources?.[logicalId] ?? {};
  const value: ResolvedResource = { logicalId, type: node.cfnResourceType, properties: body.Properties ?? {}, node };
  resourceCache.set(node, value);
  return value;
}

/** The resolved properties of a resource. */
export function props(node: CfnResource): { [key: string]: any } {
  return resolved(node).properties;
}

/** True for `{ Ref }`, `{ Fn::* }` and `{ Condition }` objects: values only known at deploy time. */
export function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

/** The logical ID a `{ Ref: X }` or `{ Fn::GetAtt: [X, attr] }` (or `X.attr`) points at, else undefined. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** Every logical ID referenced anywhere inside a value (Ref, GetAtt, and `${X}` / `${X.Attr}` in Fn::Sub). */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    const direct = referencedId(v);
    if (direct !== undefined) into.add(direct);
    const sub = (v as { 'Fn::Sub'?: unknown })['Fn::Sub'];
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (text !== undefined) {
      for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}/g)) into.add(m[1]);
    }
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return into;
}

/** A literal value, or undefined when the value is an intrinsic function (unknown until deploy). */
export function literal<T>(value: T): T | undefined {
  return isIntrinsic(value) ? undefined : value;
}

/** A value as a list (CloudFormation allows a single value where a list is expected, e.g. IAM Action). */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Every resource of one stack, resolved once per validation run, for rules that judge one resource against
 * others (a role shared by functions, a queue's visibility timeout against its consumer's timeout). Derived
 * lookups are memoized with `memo`, so a rule builds its map once per stack, not once per resource.
 */
export class StackIndex {
  /** The index of the stack holding `node`. */
  public static of(node: IConstruct): StackIndex {
    const stack = Stack.of(node);
    const hit = indexCache.get(stack);
    if (hit) return hit;
    const value = new StackIndex(stack);
    indexCache.set(stack, value);
    return value;
  }

  /** Resources by logical ID. */
  public readonly byId = new Map<string, ResolvedResource>();
  private readonly memos = new Map<string, unknown>();

  private constructor(public readonly stack: Stack) {
    const visit = (c: IConstruct): void => {
      if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) {
        const r = resolved(c);
        this.byId.set(r.logicalId, r);
      }
      for (const child of c.node.children) {
        // Nested stacks are stacks of their own.
        if (child instanceof Stack && child !== stack) continue;
        visit(child);
      }
    };
    visit(stack);
  }

  /** Resources of one CloudFormation type. */
  public ofType(type: string): ResolvedResource[] {
    return this.memo(`type:${type}`, () => [...this.byId.values()].filter((r) => r.type === type));
  }

  /** A value computed once per stack and run, e.g. a map from role to the functions using it. */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }
}
