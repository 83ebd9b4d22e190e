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
const parsed = new Map<string, AwsAction[]>();

function services(): Map<string, string> {
  if (serviceIndex === undefined) {
    const rows = JSON.parse(fs.readFileSync(path.join(__dirname, AWS_ACTIONS_FILE), 'utf8')) as [string, string][];
    serviceIndex = new Map(rows);
  }
  return serviceIndex;
}

function actionsOf(service: string): AwsAction[] | undefined {
  const cached = parsed.get(service);
  if (cached !== undefined) return cached;
  const text = services().get(service);
  if (text === undefined) return undefined;
  const actions = text.split(' ').map((entry) => {
    const name = entry.replace(/^[*!]+/, '');
    const flags = entry.slice(0, entry.length - name.length);
    return { action: `${service}:${name}`, noResourceType: flags.includes('*'), permissionsManagement: flags.includes('!') };
  });
  parsed.set(service, actions);
  return actions;
}

/** Grants of patterns seen before: a template repeats its patterns, and a cap keeps a hostile one from filling memory. */
const grants = new Map<string, ActionGrant>();
const MAX_CACHED = 2000;

/**
 * What an IAM `Action` entry grants, by AWS's data: an exact name (IAM compares case-insensitively) or a pattern with
 * `*` and `?` anywhere, even across the colon (`s3*Object`), expanded against the real action names with the linear
 * matcher of lib/cfn/wildcard-match.ts (never a RegExp built from the template).
 */
export function actionsGranted(entry: string): ActionGrant {
  const key = entry.toLowerCase();
  const cached = grants.get(key);
  if (cached !== undefined) return cached;
  const grant = expand(key);
  if (grants.size >= MAX_CACHED) grants.clear();
  grants.set(key, grant);
  return grant;
}

function expand(entry: string): ActionGrant {
  const firstWildcard = hasWildcard(entry) ? Math.min(...['*', '?'].map((c) => entry.indexOf(c)).filter((i) => i >= 0)) : entry.length;
  const literal = entry.slice(0, firstWildcard);
  const colon = literal.indexOf(':');
  if (colon >= 0) {
    // The service is spelt out: only its actions can match.
    const actions = actionsOf(literal.slice(0, colon));
    if (actions === undefined) return { serviceKnown: false, actions: [] };
    const name = entry.slice(colon + 1);
    if (firstWildcard === entry.length) return { serviceKnown: true, actions: actions.filter((a) => a.action.toLowerCase() === entry) };
    const matches = wildcardMatcher(name);
    return { serviceKnown: true, actions: actions.filter((a) => matches(a.action.slice(colon + 1))) };
  }
  if (firstWildcard === entry.length) return { serviceKnown: false, actions: [] };
  // A wildcard in the service part: every service whose `prefix:` can start the entry.
  const matches = wildcardMatcher(entry);
  const found: AwsAction[] = [];
  let serviceKnown = false;
  for (const service of services().keys()) {
    if (!`${service}:`.startsWith(literal)) continue;
    serviceKnown = true;
    for (const a of actionsOf(service)!) if (matches(a.action)) found.push(a);
  }
  return { serviceKnown, actions: found };
}

/** Where the data comes from, for messages and docs. */
export const AWS_ACTIONS_SOURCE = `AWS's Service Authorization Reference of ${AWS_ACTIONS_DATE}`;
