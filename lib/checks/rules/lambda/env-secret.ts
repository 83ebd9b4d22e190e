import { SecretDetector } from '../../../core/secrets';
import { props } from '../../../cfn/resolve';
import { defineRule, NOT_APPLICABLE, violations, Violation } from '../../rule';
import { alternatives, exactText, ifCondition } from '../../../cfn/values';

/** Every literal map Environment.Variables may be, whichever `Fn::If` branches apply. */
function variableMaps(environment: unknown): { [name: string]: unknown }[] {
  const maps: { [name: string]: unknown }[] = [];
  for (const env of alternatives(environment)) {
    if (typeof env !== 'object' || env === null) continue;
    for (const vars of alternatives((env as { Variables?: unknown }).Variables)) {
      if (typeof vars === 'object' && vars !== null && !Array.isArray(vars)) maps.push(vars as { [name: string]: unknown });
    }
  }
  return maps;
}

/**
 * Environment variables whose values look like secrets (T2). Only values written into the template count: literals,
 * `Fn::Join`/`Fn::Sub` of literals only, and literal branches of `Fn::If`; a Ref, GetAtt or dynamic reference is a
 * reference to where the secret lives.
 */
export const EnvSecret = defineRule('EnvSecret', ['AWS::Lambda::Function'], (node) => {
  const maps = variableMaps(props(node).Environment);
  if (maps.length === 0) return NOT_APPLICABLE;
  const found = new Map<string, Violation>();
  for (const vars of maps) {
    for (const [name, value] of Object.entries(vars)) {
      if (found.has(name)) continue;
      for (const candidate of alternatives(value)) {
        const text = exactText(candidate);
        const reason = text === undefined ? undefined : SecretDetector.reasonFor(name, text);
        if (reason === undefined) continue;
        const how = typeof candidate === 'string' ? '' : ` (built from literals by ${Object.keys(candidate as object)[0]})`;
        const branch = ifCondition(value) !== undefined ? ` in a branch of Fn::If ${ifCondition(value)}` : '';
        found.set(name, { key: name, detail: `Environment.Variables.${name}${branch}: ${reason}${how}` });
        break;
      }
    }
  }
  return violations([...found.values()]);
});
