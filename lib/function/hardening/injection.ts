import { PropertyInjectors } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { invalidProp } from '../../core/errors';
import { runtimeDeprecation } from '../../core/runtime-deprecations';
import { BulkheadToday } from '../../core/today';

/**
 * The props after the nearest PropertyInjector registered for `uniqueId`, as aws-cdk-lib's own `@propertyInjectable`
 * classes apply them (that decorator is not public API), so validation runs on what will be built.
 */
export function injectedProps<T>(uniqueId: string, props: T, scope: Construct, id: string): T {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (!PropertyInjectors.hasPropertyInjectors(c)) continue;
    const injector = PropertyInjectors.of(c).for(uniqueId);
    if (injector) return injector.inject(props, { scope, id });
  }
  return props;
}

/**
 * A hardened function constructs a lambda.Function, so a PropertyInjector registered for lambda.Function runs after
 * its checks. The engine rewrites the key, the DLQ, the ceiling, memory and tracing after that; the runtime it
 * leaves, so it is read back and refused when AWS no longer patches it (T8). `runtimeGiven`: whether the props set
 * one; without it the runtime is the library's default, and the refusal says so (no injector is to blame).
 */
export function refuseInjectedRuntime(fn: lambda.Function, ownInjectionId: string, runtimeGiven: boolean): void {
  const runtime = fn.runtime.name;
  const deprecation = runtimeDeprecation(runtime, BulkheadToday.of(fn));
  if (deprecation && !runtimeGiven && runtime === lambda.Runtime.NODEJS_LATEST.name) {
    throw invalidProp(
      fn,
      "runtime (the default, aws-cdk-lib's Runtime.NODEJS_LATEST)",
      runtime,
      `a runtime AWS still patches (T8: deprecated on ${deprecation.deprecated}, judged as of ${BulkheadToday.of(fn)})`,
      'set runtime to a newer Node.js runtime AWS supports, or upgrade aws-cdk-lib so that its NODEJS_LATEST moves on',
    );
  }
  if (deprecation) {
    throw invalidProp(
      fn,
      'runtime (injected for lambda.Function)',
      runtime,
      `a runtime AWS still patches (T8: deprecated on ${deprecation.deprecated})`,
      `remove the PropertyInjector for lambda.Function that sets it, or register it for ${ownInjectionId} so its props are checked`,
    );
  }
}

/** Functions the engine is building itself, by scope and id: a blueprint's injector leaves their props alone. */
const ENGINE_BUILDS = new WeakMap<IConstruct, Set<string>>();

/** Called by SecureFunction and SecureNodejsFunction before their super call. */
export function announceEngineBuild(scope: IConstruct, id: string): void {
  const ids = ENGINE_BUILDS.get(scope) ?? new Set<string>();
  ids.add(id);
  ENGINE_BUILDS.set(scope, ids);
}

const OFFERED_TOPICS = new WeakMap<IConstruct, Map<string, sns.ITopic>>();

/**
 * A blueprint's alarm topic for a function the engine builds itself (its injector sees the build, not the
 * settings): the engine uses it when the function and its profile name no topic of their own.
 */
export function offerAlarmTopic(scope: IConstruct, id: string, topic: sns.ITopic): void {
  const ids = OFFERED_TOPICS.get(scope) ?? new Map<string, sns.ITopic>();
  ids.set(id, topic);
  OFFERED_TOPICS.set(scope, ids);
}

/** The alarm topic a blueprint offered for `fn`, if any. */
export function offeredAlarmTopic(fn: IConstruct): sns.ITopic | undefined {
  const scope = fn.node.scope;
  return scope ? OFFERED_TOPICS.get(scope)?.get(fn.node.id) : undefined;
}

/** True while (and after) SecureFunction or SecureNodejsFunction builds `id` in `scope`. */
export function isEngineBuild(scope: IConstruct, id: string): boolean {
  return ENGINE_BUILDS.get(scope)?.has(id) ?? false;
}
