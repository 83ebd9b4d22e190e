/**
 * CfnInclude (aws-cdk-lib) looks template names up in plain objects, so a resource, parameter, mapping or condition
 * named like a property of Object.prototype (`constructor`, `toString`, `hasOwnProperty`...) is found where it is
 * not, and a reference to it crashes the include. Such names are valid CloudFormation, so they are renamed to unique
 * aliases for the include and every finding is mapped back to the name the template uses.
 */

const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));
const SECTIONS = ['Resources', 'Parameters', 'Mappings', 'Conditions', 'Outputs'];

type Json = { [key: string]: unknown };

/** The template the include reads, and how to map its names back. */
export interface SafeNames {
  readonly template: unknown;
  /** The template's own name for a (possibly renamed) logical ID. */
  original(id: string): string;
  /** The include's name for a logical ID of the template. */
  alias(id: string): string;
  /** Text (a finding's message) with every alias replaced by the template's name. */
  restore(text: string): string;
}

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a key as an own property, even `__proto__`. */
function put(map: Json, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function own(map: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/** Renames reserved names; the template is returned as is (same object) when it has none. */
export function withSafeNames(template: Json): SafeNames {
  const names = new Set<string>();
  for (const section of SECTIONS) {
    const map = template[section];
    if (isMap(map)) for (const name of Object.keys(map)) names.add(name);
  }
  const renamed = new Map<string, string>();
  for (const name of names) {
    if (!RESERVED.has(name)) continue;
    let n = 0;
    let alias: string;
    do alias = `BulkheadAlias${n++}${name.replace(/[^A-Za-z0-9]/g, '')}`;
    while (names.has(alias));
    renamed.set(name, alias);
    names.add(alias);
  }
  const back = new Map([...renamed].map(([k, v]) => [v, k]));
  if (renamed.size === 0) {
    return { template, original: (id) => id, alias: (id) => id, restore: (text) => text };
  }
  const to = (name: unknown): unknown => (typeof name === 'string' && renamed.has(name) ? renamed.get(name) : name);
  const subText = (text: string, bound: Json): string =>
    text.replace(/\$\{([^}!.]+)((?:\.[^}]*)?)\}/g, (m, name: string, attr: string) =>
      renamed.has(name) && !own(bound, name) ? '${' + renamed.get(name) + attr + '}' : m,
    );
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isMap(value)) return value;
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' || key === 'Condition' || key === 'DependsOn') put(out, key, Array.isArray(v) ? v.map(to) : to(v));
      else if (key === 'Fn::GetAtt' && typeof v === 'string')
        put(
          out,
          key,
          v.replace(/^[^.]+/, (id) => String(to(id))),
        );
      else if ((key === 'Fn::GetAtt' || key === 'Fn::FindInMap' || key === 'Fn::If') && Array.isArray(v))
        put(out, key, [to(v[0]), ...v.slice(1).map(rewrite)]);
      else if (key === 'Fn::Sub' && typeof v === 'string') put(out, key, subText(v, {}));
      else if (key === 'Fn::Sub' && Array.isArray(v) && typeof v[0] === 'string')
        put(out, key, [subText(v[0], isMap(v[1]) ? v[1] : {}), ...v.slice(1).map(rewrite)]);
      else put(out, key, rewrite(v));
    }
    return out;
  };
  const safe: Json = {};
  for (const [key, value] of Object.entries(template)) {
    if (!SECTIONS.includes(key) || !isMap(value)) {
      put(safe, key, rewrite(value));
      continue;
    }
    const section: Json = {};
    for (const [name, body] of Object.entries(value)) put(section, String(to(name)), key === 'Mappings' ? body : rewrite(body));
    put(safe, key, section);
  }
  const pattern = new RegExp([...back.keys()].join('|'), 'g');
  return {
    template: safe,
    original: (id) => back.get(id) ?? id,
    alias: (id) => renamed.get(id) ?? id,
    restore: (text) => text.replace(pattern, (alias) => back.get(alias) ?? alias),
  };
}
