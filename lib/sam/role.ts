import { ExpansionContext } from './context';
import { managedPolicyArn, managedPolicyReference } from './managed-policies';
import { expandPolicyTemplate } from './policy-templates';
import { SamError } from './types';
import { isIntrinsic, isMap, JsonMap } from './values';

/** The permissions a generated role collects: from `Policies`, and from what the resource's other parts need. */
export class RolePolicies {
  public readonly managed: unknown[] = [];
  /** Inline policies, each `{ PolicyName, PolicyDocument }` (or an Fn::If between such entries). */
  public readonly inline: unknown[] = [];

  constructor(private readonly roleId: string) {}

  /** An AWS managed policy by name, once. */
  public addManaged(name: string): void {
    const arn = managedPolicyArn(name);
    if (!this.managed.some((m) => JSON.stringify(m) === JSON.stringify(arn))) this.managed.push(arn);
  }

  /** An inline policy SAM adds for a part (a DLQ, a destination), named as SAM names it. */
  public addStatement(name: string, action: string | string[], resource: unknown): void {
    this.inline.push({
      PolicyName: name,
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] },
    });
  }

  /** An inline policy of several statements SAM adds for a part. */
  public addStatements(name: string, statements: JsonMap[]): void {
    this.inline.push({ PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: statements } });
  }

  /** The next `<Role>Policy<n>` name, as SAM numbers the statements and templates of `Policies`. */
  public nextPolicyName(): string {
    return `${this.roleId}Policy${this.inline.length}`;
  }
}

type Classified = { kind: 'managed'; value: unknown } | { kind: 'inline'; document: unknown } | { kind: 'skip' };

/**
 * Reads a `Policies` property (a managed policy name or ARN, an inline policy document, a policy template, or a list
 * of them; `Fn::If` between them) into `into`. An unknown policy template is reported as not judged, by name; a
 * template missing a parameter is refused naming it, as the transform refuses it.
 */
export function readPolicies(
  ctx: ExpansionContext,
  resource: string,
  path: readonly string[],
  policies: unknown,
  into: RolePolicies,
): void {
  const items = typeof policies === 'string' || isMap(policies) ? [policies] : policies;
  if (!Array.isArray(items))
    throw new SamError(resource, 'Policies', 'must be a policy name or ARN, a policy document, a policy template, or a list of them');
  items.forEach((item, i) => {
    const where = `Policies[${i}]`;
    const classified = classify(ctx, resource, where, [...path, String(i)], item);
    if (classified.kind === 'managed') into.managed.push(classified.value);
    else if (classified.kind === 'inline') into.inline.push(entryOrIf(into, classified.document));
  });
}

/** An inline entry; an Fn::If of documents becomes an Fn::If of entries, as SAM writes it. */
function entryOrIf(into: RolePolicies, document: unknown): unknown {
  const name = into.nextPolicyName();
  const ifArgs = isMap(document) ? document['Fn::If'] : undefined;
  if (Array.isArray(ifArgs) && ifArgs.length === 3) {
    const branch = (d: unknown): unknown => (isMap(d) && d.Ref === 'AWS::NoValue' ? d : { PolicyName: name, PolicyDocument: d });
    return { 'Fn::If': [ifArgs[0], branch(ifArgs[1]), branch(ifArgs[2])] };
  }
  return { PolicyName: name, PolicyDocument: document };
}

function classify(ctx: ExpansionContext, resource: string, where: string, path: readonly string[], item: unknown): Classified {
  if (typeof item === 'string') return { kind: 'managed', value: managedPolicyReference(item) };
  if (!isMap(item)) throw new SamError(resource, where, 'must be a policy name or ARN, a policy document or a policy template');
  const ifArgs = item['Fn::If'];
  if (Array.isArray(ifArgs) && ifArgs.length === 3) {
    const branches = [ifArgs[1], ifArgs[2]].map((b) =>
      isMap(b) && b.Ref === 'AWS::NoValue' ? undefined : classify(ctx, resource, where, path, b),
    );
    const kinds = new Set(branches.filter((b) => b !== undefined && b.kind !== 'skip').map((b) => b!.kind));
    if (kinds.size === 1) {
      const kind = [...kinds][0];
      const pick = (b: Classified | undefined): unknown =>
        b === undefined || b.kind === 'skip'
          ? { Ref: 'AWS::NoValue' }
          : b.kind === 'managed'
            ? b.value
            : (b as { document: unknown }).document;
      return kind === 'managed'
        ? { kind, value: { 'Fn::If': [ifArgs[0], pick(branches[0]), pick(branches[1])] } }
        : { kind: 'inline', document: { 'Fn::If': [ifArgs[0], pick(branches[0]), pick(branches[1])] } };
    }
    if (kinds.size > 1) {
      ctx.notice(resource, where, `${where} is an Fn::If between a managed policy and a policy document; neither branch is judged`, path);
    }
    return { kind: 'skip' };
  }
  if (isIntrinsic(item)) return { kind: 'managed', value: item }; // a Ref or Sub naming a managed policy ARN
  if ('Statement' in item) return { kind: 'inline', document: item };
  const names = Object.keys(item);
  if (names.length !== 1)
    throw new SamError(
      resource,
      where,
      'must be a policy document (with Statement) or one policy template ({ TemplateName: { parameters } })',
    );
  const name = names[0];
  const expanded = expandPolicyTemplate(name, item[name]);
  if (expanded.kind === 'unknown') {
    ctx.notice(
      resource,
      `Policies.${name}`,
      `policy template ${name} is not one this check knows, so the permissions it grants are not judged`,
      path,
    );
    return { kind: 'skip' };
  }
  if (expanded.kind === 'missing') {
    throw new SamError(
      resource,
      `${where}.${name}.${expanded.parameter}`,
      `is missing; policy template ${name} needs ${expanded.expected.join(', ')}`,
    );
  }
  return { kind: 'inline', document: expanded.document };
}

/** The generated execution role, as SAM writes it: `<Resource>Role`. */
export function roleResource(assumeRole: unknown, policies: RolePolicies, extra: JsonMap): JsonMap {
  const properties: JsonMap = {
    AssumeRolePolicyDocument: assumeRole,
    ManagedPolicyArns: policies.managed,
    ...extra,
  };
  if (policies.inline.length > 0) properties.Policies = policies.inline;
  return { Type: 'AWS::IAM::Role', Properties: properties };
}

/** The trust policy SAM writes for a service's role. */
export function trustPolicy(service: string): JsonMap {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
  };
}
