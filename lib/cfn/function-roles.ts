import { possibleTextsIn } from './possible-texts';
import { isIntrinsic, referencedId, referencedIds } from './references';
import { StackIndex } from './resolve';
import { describeIntrinsic, textOf, UNKNOWN } from './values';

/** Which functions of a stack run with which execution role (the function/role part of the graph). */

/** `arn:<partition>:iam::<account>:role/<path/name>`, any part before the name possibly deploy-time. */
const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\/(.+)$/;

/** The role's path and name as its ARN ends (`service/orders-api`), when the template states them. */
function roleName(index: StackIndex, id: string): string | undefined {
  const role = index.byId.get(id);
  if (role?.type !== 'AWS::IAM::Role' || typeof role.properties.RoleName !== 'string') return undefined;
  const rolePath = typeof role.properties.Path === 'string' ? role.properties.Path.replace(/^\//, '') : '';
  return `${rolePath}${role.properties.RoleName}`;
}

/**
 * How a function's Role is written, reduced to an identity: the role resource, the role's path and name, or the
 * exact expression. A function's role is in its own account, so one name is one role: `GetAtt Role.Arn` of a role
 * named `orders-api`, the literal `arn:aws:iam::111111111111:role/orders-api`, a `Fn::Sub` or `Fn::Join` of
 * `...:role/orders-api` or of `...:role/${Role}` are all one role (given the stack, `index`).
 */
export function roleIdentity(role: unknown, index?: StackIndex): { key: string; label: string } | undefined {
  if (role === undefined || role === null) return undefined;
  const byName = (name: string, label: string): { key: string; label: string } => ({ key: `name:${name.toLowerCase()}`, label });
  // A role the template itself decides (a mapping, a parameter's Default) is the role its one text names: the
  // Default is what deploys unless the deployer passes another role.
  const ref = referencedId(role);
  if (index && isIntrinsic(role) && (ref === undefined || !index.byId.has(ref))) {
    const known = [...new Set(possibleTextsIn(index.stack, role).filter((t) => !t.includes(UNKNOWN)))];
    if (known.length === 1 && ROLE_ARN.test(known[0])) return roleIdentity(known[0], index);
  }
  const id = ref;
  // GetAtt X.Arn and GetAtt [X, Arn] (and a Ref to a parameter) name the same role however they are spelled.
  if (id !== undefined) {
    const name = index && roleName(index, id);
    return name !== undefined ? byName(name, id) : { key: `id:${id}`, label: id };
  }
  const arnName = ROLE_ARN.exec(textOf(role))?.[1];
  if (arnName !== undefined && !arnName.includes(UNKNOWN)) return byName(arnName, typeof role === 'string' ? role : `role/${arnName}`);
  if (arnName === UNKNOWN && index) {
    // `role/${Role}`: the name is the Ref of a role resource of the stack.
    const roles = [...referencedIds(role)].filter((r) => index.byId.get(r)?.type === 'AWS::IAM::Role');
    if (roles.length === 1) return roleIdentity({ 'Fn::GetAtt': [roles[0], 'Arn'] }, index);
  }
  if (typeof role === 'string') return { key: `arn:${role}`, label: role };
  return { key: `expr:${JSON.stringify(role)}`, label: `the same ${describeIntrinsic(role)} expression` };
}

/** Role identity → logical IDs of the functions of the stack that run with it, built once per stack. */
export function functionsByRole(index: StackIndex): Map<string, string[]> {
  return index.memo('cfn:functions-by-role', () => {
    const map = new Map<string, string[]>();
    for (const fn of index.ofType('AWS::Lambda::Function')) {
      const identity = roleIdentity(fn.properties.Role, index);
      if (!identity) continue;
      const list = map.get(identity.key) ?? [];
      list.push(fn.logicalId);
      map.set(identity.key, list);
    }
    return map;
  });
}
