import { HardeningSettings } from './settings';

/**
 * The props a secure function hands its base class (lambda.Function or NodejsFunction) from the engine's settings.
 * The engine makes the key, DLQ, destinations, async bounds, log group and X-Ray grant itself, as the function's
 * children, so the props that would make the base class create or wire them are left out; without this the base
 * class would, for one, put its X-Ray `Resource: *` grant in the default policy, where the engine puts it inline.
 */
export function engineOwnedProps(settings: HardeningSettings, functionName: string | undefined, environment: { [key: string]: string }) {
  return {
    memorySize: settings.memorySize,
    reservedConcurrentExecutions: settings.reservedConcurrentExecutions,
    recursiveLoop: settings.recursiveLoop,
    functionName,
    environment,
    environmentEncryption: undefined,
    deadLetterQueue: undefined,
    deadLetterQueueEnabled: undefined,
    tracing: undefined,
    logRetention: undefined,
    onFailure: undefined,
    onSuccess: undefined,
    retryAttempts: undefined,
    maxEventAge: undefined,
  };
}
