import { CfnResource } from 'aws-cdk-lib';
import { props } from '../../../cfn/resolve';
import { asList, isIntrinsic } from '../../../cfn/references';
import { defineRule, NOT_APPLICABLE, RuleResult, violations } from '../../rule';
import { grantedOnStar } from './actions-without-resource-level-permissions';
import { actionsGranted, AWS_ACTIONS_SOURCE } from './data/aws-actions';
import { allows, isAllServicesAction, isWholeServiceAction, isWildcardArn, literalsOf, statementsOf } from '../../../cfn/policy-document';
import { possibleTexts } from '../../../cfn/possible-texts';
import { alternatives, exactText, UNKNOWN } from '../../../cfn/values';
import { hasWildcard } from '../../../cfn/wildcard-match';

/**
 * Resource ARNs (literal, Sub, Join, or decided by a parameter's Default or a mapping) whose name part is wildcards
 * only, shown with `${…}` for deploy-time parts.
 */
function wildcardArns(resource: unknown, node: CfnResource): string[] {
  const found: string[] = [];
  for (const branch of alternatives(resource)) {
    for (const item of asList(branch)) {
      for (const text of possibleTexts(node, item)) {
        if (text !== '*' && isWildcardArn(text)) found.push(text.split(UNKNOWN).join('${…}'));
      }
    }
  }
  return found;
}

/** Condition keys that tie a `*` principal to an organization, account, principal or source: they narrow it. */
const NARROWING_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

/** True when a condition value names something: not wildcards only (`*`, `?*`), which any principal matches. */
function conditionNames(value: unknown): boolean {
  return asList(value).some((v) => typeof v !== 'string' || !/^[*?]*$/.test(v));
}

/** True when a statement's Condition has a key (lower-cased, under any operator) that `matches`, naming something. */
function conditionNaming(condition: unknown, matches: (key: string) => boolean): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  return Object.values(condition).some(
    (keys) =>
      typeof keys === 'object' && keys !== null && Object.entries(keys).some(([k, v]) => matches(k.toLowerCase()) && conditionNames(v)),
  );
}

/** True when a statement's Condition names an organization, account, principal ARN or source (not by `*`). */
function narrowed(condition: unknown): boolean {
  return conditionNaming(condition, (k) => NARROWING_KEYS.has(k));
}

/** True when the Condition, or one operator's block of it, is an intrinsic function (its keys are known at deploy time only). */
function deployTimeCondition(condition: unknown): boolean {
  if (isIntrinsic(condition)) return true;
  if (typeof condition !== 'object' || condition === null) return false;
  return Object.values(condition).some((keys) => isIntrinsic(keys));
}

/** One way a trust policy lets a stranger assume the role. */
interface OpenTrust {
  readonly key: string;
  readonly what: string;
  readonly where: string;
}

const COGNITO = 'cognito-identity.amazonaws.com';

/**
 * A web identity trust (`Federated` principal, `sts:AssumeRoleWithWebIdentity`) without the condition that picks whose
 * tokens count: any identity pool of any account (Cognito without `cognito-identity.amazonaws.com:aud`), or any
 * subject of the provider (an OIDC provider without a `<provider>:sub` condition: any GitHub repository, any
 * Kubernetes service account of the cluster).
 */
function openWebIdentity(statement: { [key: string]: unknown }, federated: string[]): string | undefined {
  const actions = asList(statement.Action).filter((a): a is string => typeof a === 'string');
  const webIdentity = actions.some((a) => /^(\*|sts:\*|sts:assumerolewithwebidentity)$/i.test(a));
  if (!webIdentity) return undefined;
  // Conditions built at deploy time (CDK's CfnJson, as aws-eks service accounts write them: the keys hold the
  // cluster's issuer) cannot be read here; judging them would flag every such trust.
  if (deployTimeCondition(statement.Condition)) return undefined;
  if (federated.some((f) => f.toLowerCase() === COGNITO)) {
    return conditionNaming(statement.Condition, (k) => k === `${COGNITO}:aud`)
      ? undefined
      : `Federated "${COGNITO}" without a ${COGNITO}:aud condition naming the identity pool (any pool of any account may assume the role)`;
  }
  if (federated.some((f) => /:saml-provider\//i.test(f))) return undefined;
  return conditionNaming(statement.Condition, (k) => k.endsWith(':sub'))
    ? undefined
    : 'a web identity (OIDC provider) without a <provider>:sub condition (any subject the provider signs for, e.g. any GitHub repository, may assume the role)';
}

/**
 * Statements of a trust policy that let any principal assume the role: an Allow with `Principal: "*"` or
 * `{"AWS": "*"}` / `{"Federated": "*"}` (a parameter's Default too), or `NotPrincipal`, without a condition naming an
 * organization, account, principal or source; and web identity trusts that do not say whose tokens count.
 * `sts:ExternalId` does not narrow it: it is a shared value, not an identity.
 */
function openTrust(document: unknown, node: CfnResource): OpenTrust[] {
  const found: OpenTrust[] = [];
  for (const { statement, where } of statementsOf(document)) {
    if (!allows(statement)) continue;
    const at = `${where} of the trust policy (AssumeRolePolicyDocument)`;
    const principal = statement.Principal;
    const member = (name: string): unknown =>
      typeof principal === 'object' && principal !== null && !Array.isArray(principal)
        ? (principal as { [key: string]: unknown })[name]
        : undefined;
    const federated = literalsOf(member('Federated'), node).values;
    const star =
      literalsOf(principal, node).values.includes('*') ||
      literalsOf(member('AWS'), node).values.includes('*') ||
      federated.includes('*') ||
      statement.NotPrincipal !== undefined;
    if (star && !narrowed(statement.Condition)) {
      found.push({
        key: 'Principal::*',
        what: 'Principal "*" to assume the role (any principal of any AWS account gets its permissions)',
        where: at,
      });
      continue;
    }
    if (member('Federated') === undefined) continue;
    const open = openWebIdentity(statement, federated);
    if (open) found.push({ key: 'Principal::Federated', what: `${open} to assume the role`, where: at });
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
 * for actions that take a resource by AWS's action data, in documents written as objects or as JSON text (`Fn::Sub`
 * of JSON), with values a parameter's Default or a mapping decides judged like literals; and role trust policies
 * that let any principal (`*`) assume the role (T1).
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
    const trust = node.cfnResourceType === 'AWS::IAM::Role' ? openTrust(p.AssumeRolePolicyDocument, node) : [];
    if (documents.length === 0 && trust.length === 0) return NOT_APPLICABLE;

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
        const actions = literalsOf(statement.Action, node);
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
        if (literalsOf(statement.Resource, node).values.includes('*')) {
          add('Resource::*', `Resource "*" for actions that support resource-level permissions (${named})`, where);
        }
        for (const arn of wildcardArns(statement.Resource, node)) {
          add(`Resource::${arn}`, `Resource "${arn}" (every resource of its type) for ${named}`, where);
        }
        if (statement.NotResource !== undefined) {
          add('NotResource', `NotResource with Effect Allow (every resource except those listed) for ${named}`, where);
        }
      }
    }
    for (const { key, what, where } of trust) add(key, what, where);
    return violations(
      [...byKey].map(([key, { what, where }]) => ({
        key,
        detail: `${where.join('; ')} ${where.length > 1 ? 'allow' : 'allows'} ${what}`,
      })),
    );
  },
);
