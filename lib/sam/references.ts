import { isMap, JsonMap } from './values';

/**
 * SAM lets templates name generated resources by `<Resource>.<Part>` (`!Ref ProcessOrder.Alias`,
 * `!GetAtt MyApi.Stage`...). Rewrites those names to the generated logical IDs, in one walk over the template.
 */
export function rewriteGeneratedNames(value: unknown, names: Map<string, string>): unknown {
  if (names.size === 0) return value;
  const rename = (name: string): string => names.get(name) ?? name;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isMap(v)) return v;
    const out: JsonMap = {};
    for (const [key, child] of Object.entries(v)) {
      if (key === 'Ref' && typeof child === 'string') out[key] = rename(child);
      else if (key === 'Fn::GetAtt' && Array.isArray(child) && typeof child[0] === 'string') out[key] = [rename(child[0]), ...child.slice(1).map(walk)];
      else if (key === 'Fn::Sub' && (typeof child === 'string' || Array.isArray(child))) {
        const text = typeof child === 'string' ? child : child[0];
        const replaced = typeof text === 'string' ? text.replace(/\$\{([A-Za-z0-9]+\.[A-Za-z]+)\}/g, (m, n: string) => (names.has(n) ? `\${${names.get(n)}}` : m)) : text;
        out[key] = typeof child === 'string' ? replaced : [replaced, ...child.slice(1).map(walk)];
      } else out[key] = walk(child);
    }
    return out;
  };
  return walk(value);
}
