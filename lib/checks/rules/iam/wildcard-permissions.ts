import { props } from '../../../cfn/resolve';
import { asList } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, RuleResult, violations } from '../../rule';
import { grantedOnStar } from './actions-without-resource-level-permissions';
import { actionsGranted, AWS_ACTIONS_SOURCE } from './data/aws-actions';
import { allows, isAllServicesAction, isWholeServiceAction, isWildcardArn, literalsOf, statementsOf } from '../../../cfn/policy-document';
import { alternatives, exactText, textOf, UNKNOWN } from '../../../cfn/values';
import { hasWildcard } from '../../../cfn/wildcard-match';

/** Resource ARNs (literal, Sub or Join) whose name part is wildcards only, shown with `${…}` for deploy-time parts. */
function wildcardArns(resource: unknown): string[] {
  const found: string[] = [];
  for (const branch of alternatives(resource)) {
    for (const item of asList(branch)) {
      const text = textOf(item);
      if (text !== '*' && isWildcardArn(text)) found.push(text.split(UNKNOWN).join('${…}'));
    }
  }
  return found;
}

/** Up to three names, then how many more; a hostile pattern thousands of characters long is shown by its start. */
function few(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => (n.length > 100 ? `${n.slice(0, 60)}... (${n.length} characters)` : n));
  return `${shown.join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
}

/**
 * True when an `Action` entry (name or pattern) grants an action that can be scoped to a resource, so `Resource: "*"`
 * grants it on every resource. An entry of a service the data does not know cannot be judged and is not reported; one
 * of a known service that matches no action of the data is judged as scopable, since it may be newer than the data.
 */
function needsResourceScope(entry: string): boolean {
  const grant = actionsGranted(entry);
  if (!grant.serviceKnown) return false;
  return grant.actions.length === 0 || grant.actions.some((a) => !grantedOnStar(a));
}

/** Policy documents held directly by these types (`PolicyDocument`). */
const DOCUMENT_TYPES = new Set([
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
]);

/**
 * IAM statements that allow `*` or `service:*` actions (`?` wildcards too), action patterns that reach
 * permissions-management actions, or `Resource: *` or a wildcard-only ARN (`arn:aws:s3:::*` with `/*`, `...:table/*`)
 * for actions that take a resource by AWS's action data, in documents written as objects or as JSON text (T1).
 */
export const WildcardPermissions = defineRule(
  'WildcardPermissions',
  [...DOCUMENT_TYPES, 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  (node): RuleResult => {
    const p = props(node);
    const documents: { name?: string; document: unknown }[] = [];
    if (DOCUMENT_TYPES.has(node.cfnResourceType)) {
      documents.push({ document: p.PolicyDocument });
    } else {
      // Roles, users and groups: inline Policies only (the trust policy grants nothing to the role itself).
      for (const list of alternatives(p.Policies)) {
        for (const item of asList(list)) {
          for (const policy of alternatives(item)) {
            if (typeof policy !== 'object' || policy === null) continue;
            const name = exactText((policy as { PolicyName?: unknown }).PolicyName);
            documents.push({
              name: name ?? '(name known at deploy time)',
              document: (policy as { PolicyDocument?: unknown }).PolicyDocument,
            });
          }
        }
      }
    }
    if (documents.length === 0) return NOT_APPLICABLE;

    // One finding per kind of wildcard, listing every statement with it, so `[Action::s3:*]` acknowledges them together.
    const byKey = new Map<string, { what: string; where: string[] }>();
    const add = (key: string, what: string, where: string): void => {
      const entry = byKey.get(key) ?? { what, where: [] };
      entry.where.push(where);
      byKey.set(key, entry);
    };
    for (const { name, document } of documents) {
      for (const { statement, where: position } of statementsOf(document)) {
        if (!allows(statement)) continue;
        const where = name === undefined ? position : `${position} of inline policy ${name}`;
        const actions = literalsOf(statement.Action);
        // IAM matches actions case-insensitively, so S3:* and s3:* are one finding.
        const written = [...new Map(actions.values.map((a) => [a.toLowerCase(), a])).values()];
        for (const spelt of written) {
          const action = spelt.toLowerCase();
          if (isAllServicesAction(action)) add(`Action::${action}`, `Action "${action}" (every action of every service)`, where);
          else if (isWholeServiceAction(action))
            add(`Action::${action}`, `Action "${action}" (every ${action.split(':')[0]} action)`, where);
          else if (hasWildcard(action)) {
            // A pattern reaching actions that change who may do what grants more than its writer likely listed.
            const managing = actionsGranted(action).actions.filter((a) => a.permissionsManagement);
            if (managing.length > 0) {
              add(
                `Action::${action}`,
                `Action "${spelt}" (a pattern that also grants permissions-management actions: ${few(managing.map((a) => a.action))}; list the actions meant instead)`,
                where,
              );
            }
          }
        }
        if (statement.NotAction !== undefined) {
          add('NotAction', 'NotAction with Effect Allow (every action except those listed, including services added later)', where);
        }
        const scoped = written.filter(needsResourceScope);
        // NotAction allows unlisted actions, so it never qualifies for the no-resource-level exemption.
        const needsScope = scoped.length > 0 || actions.unknown > 0 || statement.NotAction !== undefined;
        if (!needsScope) continue;
        const named =
          scoped.length > 0
            ? few(scoped.map((a) => (actionsGranted(a).actions.length === 0 ? `${a} (matches no action in ${AWS_ACTIONS_SOURCE})` : a)))
            : actions.unknown > 0
              ? 'actions only known at deploy time'
              : 'the actions NotAction leaves';
        if (literalsOf(statement.Resource).values.includes('*')) {
          add('Resource::*', `Resource "*" for actions that support resource-level permissions (${named})`, where);
        }
        for (const arn of wildcardArns(statement.Resource)) {
          add(`Resource::${arn}`, `Resource "${arn}" (every resource of its type) for ${named}`, where);
        }
        if (statement.NotResource !== undefined) {
          add('NotResource', `NotResource with Effect Allow (every resource except those listed) for ${named}`, where);
        }
      }
    }
    return violations(
      [...byKey].map(([key, { what, where }]) => ({
        key,
        detail: `${where.join('; ')} ${where.length > 1 ? 'allow' : 'allows'} ${what}`,
      })),
    );
  },
);
