import * as fs from 'fs';
import * as path from 'path';
import { hasWildcard, wildcardMatcher } from '../../../../cfn/wildcard-match';
import { AWS_ACTIONS_DATE, AWS_ACTIONS_FILE } from './aws-actions.generated';

export { AWS_ACTIONS_DATE, AWS_ACTIONS_SOURCE_VERSION } from './aws-actions.generated';

/** One IAM action as AWS's Service Authorization Reference describes it. */
export interface AwsAction {
  /** `service:Name`, as AWS spells it. */
  readonly action: string;
  /** No resource type: the action can only be granted on `*`. */
  readonly noResourceType: boolean;
  /** Access level "Permissions management": the action changes who may do what. */
  readonly permissionsManagement: boolean;
}

/** What one `Action` entry (a name or a pattern) grants by the reference. */
export interface ActionGrant {
  /** False when no service prefix of the data can match the entry: it cannot be judged by the data. */
  readonly serviceKnown: boolean;
  /** The actions of the data it matches (none for a misspelt action or one newer than the data). */
  readonly actions: readonly AwsAction[];
}

// The data is a few hundred KB: read on the first policy judged, and a service's actions parsed when a policy names it.
let serviceIndex: Map<string, string> | undefined;
/** A service's actions, with their `service:name` in lower case, as patterns are matched against. */
interface Parsed {
  readonly actions: AwsAction[];
  readonly lower: string[];
}
const parsed = new Map<string, Parsed>();

function services(): Map<string, string> {
  if (serviceIndex === undefined) {
    const rows = JSON.parse(fs.readFileSync(path.join(__dirname, AWS_ACTIONS_FILE), 'utf8')) as [string, string][];
    serviceIndex = new Map(rows);
  }
  return serviceIndex;
}

function actionsOf(service: string): Parsed | undefined {
  const cached = parsed.get(service);
  if (cached !== undefined) return cached;
  const text = services().get(service);
  if (text === undefined) return undefined;
  const actions = text.split(' ').map((entry) => {
    const name = entry.replace(/^[*!]+/, '');
    const flags = entry.slice(0, entry.length - name.length);
    return { action: `${service}:${name}`, noResourceType: flags.includes('*'), permissionsManagement: flags.includes('!') };
  });
  const result = { actions, lower: actions.map((a) => a.action.toLowerCase()) };
  parsed.set(service, result);
  return result;
}

/**
 * Grants of entries seen before: a template repeats its patterns. Capped, and keyed with runs of `*` collapsed, so
 * that a template of thousands of distinct patterns cannot hold thousands of expansions at once.
 */
const grants = new Map<string, ActionGrant>();
const MAX_CACHED = 256;

/**
 * What an IAM `Action` entry grants, by AWS's data: an exact name (IAM compares case-insensitively) or a pattern with
 * `*` and `?` anywhere, even across the colon (`s3*Object`), expanded against the real action names with the linear
 * matcher of lib/cfn/wildcard-match.ts (never a RegExp built from the template).
 */
export function actionsGranted(entry: string): ActionGrant {
  const key = entry.toLowerCase().replace(/\*+/g, '*');
  const cached = grants.get(key);
  if (cached !== undefined) return cached;
  const grant = expand(key);
  if (grants.size >= MAX_CACHED) grants.clear();
  grants.set(key, grant);
  return grant;
}

/** The actions of one service whose lower-case `service:name` the test accepts. */
function select(service: Parsed, test: (lower: string) => boolean): AwsAction[] {
  const found: AwsAction[] = [];
  for (let i = 0; i < service.lower.length; i++) if (test(service.lower[i])) found.push(service.actions[i]);
  return found;
}

function expand(entry: string): ActionGrant {
  const firstWildcard = hasWildcard(entry) ? Math.min(...['*', '?'].map((c) => entry.indexOf(c)).filter((i) => i >= 0)) : entry.length;
  const literal = entry.slice(0, firstWildcard);
  const colon = literal.indexOf(':');
  // Names and the entry are both lower case here, so the matcher compares them as they are.
  if (colon >= 0) {
    // The service is spelt out: only its actions can match.
    const service = actionsOf(literal.slice(0, colon));
    if (service === undefined) return { serviceKnown: false, actions: [] };
    if (firstWildcard === entry.length) return { serviceKnown: true, actions: select(service, (name) => name === entry) };
    return { serviceKnown: true, actions: select(service, wildcardMatcher(entry, false)) };
  }
  if (firstWildcard === entry.length) return { serviceKnown: false, actions: [] };
  // A wildcard in the service part: every service whose `prefix:` can start the entry.
  const matches = wildcardMatcher(entry, false);
  const found: AwsAction[] = [];
  let serviceKnown = false;
  for (const name of services().keys()) {
    if (!`${name}:`.startsWith(literal)) continue;
    serviceKnown = true;
    found.push(...select(actionsOf(name)!, matches));
  }
  return { serviceKnown, actions: found };
}

/** Where the data comes from, for messages and docs. */
export const AWS_ACTIONS_SOURCE = `AWS's Service Authorization Reference of ${AWS_ACTIONS_DATE}`;
