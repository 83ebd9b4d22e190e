import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BulkheadToday } from '../../core/today';
import { withoutUndefined } from '../../core/without-undefined';
import { FUNCTION_DEFAULTS } from '../defaults';
import { FunctionProfile, FunctionProfiles } from '../profile';
import { SecureFunctionProps } from '../props';
import { claimRole } from '../role';
import { engineOwnedProps } from './base-props';
import { harden, HardenedParts } from './harden';
import { announceEngineBuild, offeredAlarmTopic, refuseInjectedRuntime } from './injection';
import { profileFunctionName } from './profile-name';
import { HardeningSettings, resolveSettings } from './settings';
import { validateHardeningProps } from './validate';

/** How a function comes to be hardened: by its own constructor (SecureFunction, SecureNodejsFunction) or by a blueprint. */
export interface HardeningStartOptions {
  /** The profile the settings come from; a blueprint passes its own, merged with the scope's. */
  readonly profile?: FunctionProfile;
  /**
   * True when the function's own class runs the engine: the profile may name it, its role is claimed now, the
   * blueprint's injector is told to keep out, and secrets become environment variables.
   */
  readonly ownConstructor: boolean;
  /** The date runtimes are judged by (YYYY-MM-DD); a blueprint passes its own `today`. @default BulkheadToday.of(scope) */
  readonly today?: string;
}

/** What the base class's constructor needs, and what the engine needs after it. */
export interface HardeningStart<P> {
  /** The construct path the function will have. */
  readonly at: string;
  readonly settings: HardeningSettings;
  /** `props` for the base class, without what the engine makes itself (key, DLQ, async config, tracing, logs). */
  readonly baseProps: P;
}

/**
 * The one way into the engine before a hardened function's base class is constructed: checks every prop at once
 * (naming the future path), applies the profile and the secure defaults, and leaves out of the base class's props
 * what the engine makes as the function's children. `props` are the props after any PropertyInjector.
 */
export function startHardening<P extends object>(
  scope: Construct,
  id: string,
  props: P,
  options: HardeningStartOptions,
): HardeningStart<P> {
  // The engine reads SecureFunction's props; a NodejsFunction's or a plain function's are the same names.
  const asSecure = props as unknown as SecureFunctionProps;
  const at = `${scope.node.path ? scope.node.path + '/' : ''}${id}`;
  const profile = options.profile ?? FunctionProfiles.of(scope) ?? {};
  const functionName = options.ownConstructor
    ? (asSecure.functionName ?? profileFunctionName(profile.serviceName, profile.stageName, id))
    : asSecure.functionName;
  validateHardeningProps(at, asSecure, profile, functionName, options.today ?? BulkheadToday.of(scope));
  // Before anything is created: a shared role is refused cleanly (a blueprint's function claims it in the engine).
  if (options.ownConstructor && asSecure.role) claimRole(at, asSecure.role);
  const settings = resolveSettings(asSecure, profile);
  if (options.ownConstructor) announceEngineBuild(scope, id);
  const secretEnv: { [name: string]: string } = {};
  for (const [name, ref] of Object.entries(settings.secrets)) secretEnv[name] = ref.reference;
  const baseProps = withoutUndefined({
    ...props,
    timeout: asSecure.timeout ?? FUNCTION_DEFAULTS.timeout,
    ...engineOwnedProps(settings, functionName, { ...asSecure.environment, ...secretEnv }),
  }) as P;
  return { at, settings, baseProps };
}

/**
 * The one way out, once the function's own constructor has run: refuses a runtime a PropertyInjector for
 * lambda.Function slipped in (or a default runtime AWS no longer patches; `runtimeGiven`: whether the props set one), then runs the engine; alarms go to a blueprint's topic when the function and its
 * profile name none (an org's alarm e-mails reach every hardened function's alarms).
 */
export function finishHardening(
  fn: lambda.Function,
  settings: HardeningSettings,
  ownInjectionId: string,
  runtimeGiven: boolean,
): HardenedParts {
  refuseInjectedRuntime(fn, ownInjectionId, runtimeGiven);
  return harden(fn, { ...settings, alarmTopic: settings.alarmTopic ?? offeredAlarmTopic(fn) });
}
