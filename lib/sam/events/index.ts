import { ExpansionContext } from '../context';
import { FunctionTarget, SamError } from '../types';
import { describe, isIntrinsic, isMap, JsonMap } from '../values';
import { expandApiEvent } from './api-events';
import { expandPushEvent, PUSH_EVENT_TYPES } from './push-events';
import { expandPollingEvent, POLLING_EVENT_TYPES } from './polling-events';

/** Every event type SAM documents for functions; an event of any other Type is refused, as the transform refuses it. */
const EVENT_TYPES = [...POLLING_EVENT_TYPES, ...PUSH_EVENT_TYPES, 'Api', 'HttpApi'];

/** A function's `Events`: each becomes the resources SAM generates for it (mappings, permissions, rules, routes). */
export function expandFunctionEvents(ctx: ExpansionContext, fn: FunctionTarget, events: unknown, at: readonly string[]): void {
  if (events === undefined || events === null) return;
  if (!isMap(events) || isIntrinsic(events))
    throw new SamError(fn.id, 'Events', `must be a map of event names to events, not ${describe(events)}`);
  for (const [name, event] of Object.entries(events)) {
    const where = `Events.${name}`;
    if (!/^[A-Za-z0-9]+$/.test(name))
      throw new SamError(fn.id, where, 'has a name that is not alphanumeric (SAM builds logical IDs from it)');
    if (!isMap(event) || isIntrinsic(event))
      throw new SamError(fn.id, where, `must be a map with Type and Properties, not ${describe(event)}`);
    const type = event.Type;
    if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
      throw new SamError(
        fn.id,
        `${where}.Type`,
        `${typeof type === 'string' ? `'${type}' ` : ''}is not an event type SAM knows; types: ${EVENT_TYPES.join(', ')}`,
      );
    }
    const p = event.Properties ?? {};
    if (!isMap(p) || isIntrinsic(p)) throw new SamError(fn.id, `${where}.Properties`, `must be a map, not ${describe(p)}`);
    const path = [...at, name];
    if (POLLING_EVENT_TYPES.includes(type)) expandPollingEvent(ctx, fn, name, type, p as JsonMap, path);
    else if (type === 'Api' || type === 'HttpApi') expandApiEvent(ctx, fn, name, type, p as JsonMap, path);
    else expandPushEvent(ctx, fn, name, type, p as JsonMap, path);
  }
}
