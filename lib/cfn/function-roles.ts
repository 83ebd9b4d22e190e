import { referencedId } from './references';
import { StackIndex } from './resolve';
import { describeIntrinsic } from './values';

/** Which functions of a stack run with which execution role (the function/role part of the graph). */

/** How a function's Role is written, reduced to an identity: the role resource, or the exact expression. */
export function roleIdentity(role: unknown): { key: string; label: string } | undefined {
  if (role === undefined || role === null) return undefined;
  if (typeof role === 'string') return { key: `arn:${role}`, label: role };
  const id = referencedId(role);
  // GetAtt X.Arn and GetAtt [X, Arn] (and a Ref to a parameter) name the same role however they are spelled.
  if (id !== undefined) return { key: `id:${id}`, label: id };
  return { key: `expr:${JSON.stringify(role)}`, label: `the same ${describeIntrinsic(role)} expression` };
}

/** Role identity → logical IDs of the functions of the stack that run with it, built once per stack. */
export function functionsByRole(index: StackIndex): Map<string, string[]> {
  return index.memo('cfn:functions-by-role', () => {
    const map = new Map<string, string[]>();
    for (const fn of index.ofType('AWS::Lambda::Function')) {
      const identity = roleIdentity(fn.properties.Role);
      if (!identity) continue;
      const list = map.get(identity.key) ?? [];
      list.push(fn.logicalId);
      map.set(identity.key, list);
    }
    return map;
  });
}
