import { props } from '../../../cfn/resolve';
import { asList } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, RuleResult, violations } from '../../rule';
import { supportsNoResourceLevelPermissions } from './actions-without-resource-level-permissions';
import { allows, isAllServicesAction, isWholeServiceAction, isWildcardArn, literalsOf, statementsOf } from '../../../cfn/policy-document';
import { alternatives, exactText, textOf, UNKNOWN } from '../../../cfn/values';

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

/** Policy documents held directly by these types (`PolicyDocument`). */
const DOCUMENT_TYPES = new Set([
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
]);

/**
 * IAM statements that allow `*` or `service:*` actions (`?` wildcards too), or `Resource: *` or a wildcard-only ARN
 * (`arn:aws:s3:::*` with `/*`, `...:table/*`) for actions that support resource-level permissions, in documents
 * written as objects or as JSON text (`Fn::Sub` of JSON) (T1).
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
        for (const action of new Set(actions.values.map((a) => a.toLowerCase()))) {
          if (isAllServicesAction(action)) add(`Action::${action}`, `Action "${action}" (every action of every service)`, where);
          else if (isWholeServiceAction(action))
            add(`Action::${action}`, `Action "${action}" (every ${action.split(':')[0]} action)`, where);
        }
        if (statement.NotAction !== undefined) {
          add('NotAction', 'NotAction with Effect Allow (every action except those listed, including services added later)', where);
        }
        const scoped = actions.values.filter((a) => !supportsNoResourceLevelPermissions(a));
        // NotAction allows unlisted actions, so it never qualifies for the no-resource-level exemption.
        const needsScope = scoped.length > 0 || actions.unknown > 0 || statement.NotAction !== undefined;
        if (!needsScope) continue;
        const named =
          scoped.length > 0
            ? `${scoped.slice(0, 3).join(', ')}${scoped.length > 3 ? ` and ${scoped.length - 3} more` : ''}`
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
