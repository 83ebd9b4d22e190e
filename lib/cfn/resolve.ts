import { CfnMapping, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { renderedFragment } from '../core/cdk-private';

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
let runScopes: readonly IConstruct[] | undefined;
let runScopesVersion = 0;
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
 * Nested runs share the outermost one, and what it judges together: the stage (or app) holding `scope`, whose
 * stacks deploy together (a role used by functions in two of them is shared), however narrow `scope` is; without
 * a scope, the whole app of each resource.
 */
export function validationRun<T>(body: () => T, scope?: IConstruct): T {
  if (depth === 0) {
    forget();
    judgeTogether(scope === undefined ? [] : [Stage.isStage(scope) ? scope : (Stage.of(scope) ?? scope.node.root)]);
  }
  depth++;
  try {
    return body();
  } finally {
    depth--;
    if (depth === 0) {
      forget();
      judgeTogether([]);
    }
  }
}

/**
 * Inside a run, makes `scopes` what it judges together, e.g. the stacks of every template one `bulkhead check`
 * reads, each included in an app of its own. Call it before any rule runs.
 */
export function judgeTogether(scopes: readonly IConstruct[]): void {
  runScopes = scopes.length === 0 ? undefined : [...scopes];
  runScopesVersion++;
}

/**
 * What the current run judges together with `node`: the run's scopes, else the app holding `node`, with a key
 * that changes whenever they do (for caches of cross-stack lookups).
 */
export function judgedWith(node: IConstruct): { scopes: readonly IConstruct[]; key: string | IConstruct } {
  return runScopes !== undefined
    ? { scopes: runScopes, key: `run:${runScopesVersion}` }
    : { scopes: [node.node.root], key: node.node.root };
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

const constructsByScope = new RunCache<IConstruct, IConstruct[]>();

/** Every construct under `scope` (itself included), walked once per validation run however many readers need it. */
export function constructsUnder(scope: IConstruct): IConstruct[] {
  return constructsByScope.get(scope, () => scope.node.findAll());
}

/** The resolved resource (logical ID, type, properties). */
export function resolved(node: CfnResource): ResolvedResource {
  const hit = resourceCache.get(node);
  if (hit) return hit;
  const stack = Stack.of(node);
  const logicalId = String(stack.resolve(node.logicalId));
  const rendered = stack.resolve(renderedFragment(node));
  const body = rendered?.Resources?.[logicalId] ?? {};
  const value: ResolvedResource = { logicalId, type: node.cfnResourceType, properties: body.Properties ?? {}, node };
  resourceCache.set(node, value);
  return value;
}

/** The resolved properties of a resource. */
export function props(node: CfnResource): { [key: string]: any } {
  return resolved(node).properties;
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
    for (const c of stack.node.findAll()) {
      // Resources of nested stacks belong to the nested stack's own index.
      if (!CfnResource.isCfnResource(c) || Stack.of(c) !== stack) continue;
      const r = resolved(c);
      this.byId.set(r.logicalId, r);
    }
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

/** A template's Mappings section: map name → top-level key → second-level key → value. */
export type TemplateMappings = Map<string, { [key: string]: { [key: string]: unknown } }>;

const mappingsByStack = new RunCache<Stack, TemplateMappings>();

/**
 * The Mappings of one stack (CfnMapping constructs, including those CfnInclude makes), rendered the way the
 * template holds them, once per validation run. CfnMapping has no public accessor for its contents: rendered
 * through the fenced private API (lib/core/cdk-private.ts), as `resolved` renders resources.
 */
export function stackMappings(stack: Stack): TemplateMappings {
  return mappingsByStack.get(stack, () => {
    const map: TemplateMappings = new Map();
    for (const c of stack.node.findAll()) {
      if (!(c instanceof CfnMapping) || Stack.of(c) !== stack) continue;
      const rendered = stack.resolve(renderedFragment(c))?.Mappings ?? {};
      for (const name of Object.keys(rendered)) map.set(name, rendered[name]);
    }
    return map;
  });
}
