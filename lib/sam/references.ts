import { JsonMap } from './values';

/**
 * SAM lets templates name generated resources by `<Resource>.<Part>` (`!Ref ProcessOrder.Alias`,
 * `!GetAtt MyApi.Stage`...). Rewrites those names to the generated logical IDs, in one walk over the template;
 * only what changes is copied, so the input is never modified and unchanged parts are shared.
 */
export function rewriteGeneratedNames(value: unknown, names: Map<string, string>): unknown {
  if (names.size === 0) return value;
  const renameSub = (text: unknown): unknown =>
    typeof text === 'string'
      ? text.replace(/\$\{([A-Za-z0-9]+\.[A-Za-z]+)\}/g, (m, n: string) => (names.has(n) ? `\${${names.get(n)}}` : m))
      : text;
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const next = walk(v[i]);
        if (next !== v[i]) (copy ??= [...v])[i] = next;
      }
      return copy ?? v;
    }
    let copy: JsonMap | undefined;
    const map = v as JsonMap;
    // for...in, not Object.entries: no array per object, which is most of the walk's cost on large templates.
    for (const key in map) {
      const child = map[key];
      let next: unknown;
      if (key === 'Ref' && typeof child === 'string') next = names.get(child) ?? child;
      else if (key === 'Fn::GetAtt' && Array.isArray(child) && typeof child[0] === 'string' && names.has(child[0]))
        next = [names.get(child[0]), ...child.slice(1)];
      else if (key === 'Fn::Sub' && typeof child === 'string') next = renameSub(child);
      else if (key === 'Fn::Sub' && Array.isArray(child)) {
        const text = renameSub(child[0]);
        const rest = walk(child.slice(1)) as unknown[];
        next = text === child[0] && rest.every((x, i) => x === child[i + 1]) ? child : [text, ...rest];
      } else next = walk(child);
      if (next !== child) (copy ??= { ...map })[key] = next;
    }
    return copy ?? v;
  };
  return walk(value);
}
