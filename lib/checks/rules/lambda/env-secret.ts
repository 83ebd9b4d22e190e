import { possibleTexts } from '../../../cfn/possible-texts';
import { props } from '../../../cfn/resolve';
import { alternatives, describeIntrinsic, exactText, ifCondition } from '../../../cfn/values';
import { defineRule, NOT_APPLICABLE, violations, Violation } from '../../rule';
import { secretInText } from '../../shared/secret-text';

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
 * Environment variables whose values look like secrets (T2). Every text the template itself writes into a value
 * counts: literals, both sides of `Fn::If`, `Fn::Join`/`Fn::Sub` (their literal parts too when other parts are only
 * known at deploy time, e.g. a password in a URL around a GetAtt), `Fn::Base64`, `Fn::FindInMap` over the
 * template's Mappings, and a parameter's Default and AllowedValues. A Ref to a resource, an import or a dynamic
 * reference (`{{resolve:...}}`) is a reference to where the secret lives.
 */
export const EnvSecret = defineRule('EnvSecret', ['AWS::Lambda::Function'], (node) => {
  const maps = variableMaps(props(node).Environment);
  if (maps.length === 0) return NOT_APPLICABLE;
  const found = new Map<string, Violation>();
  for (const vars of maps) {
    for (const [name, value] of Object.entries(vars)) {
      if (found.has(name)) continue;
      for (const text of possibleTexts(node, value)) {
        const reason = secretInText(name, text);
        if (reason === undefined) continue;
        const how =
          typeof value === 'string' || ifCondition(value) !== undefined
            ? ''
            : exactText(value) !== undefined
              ? ` (built from literals by ${describeIntrinsic(value)})`
              : ` (written into the template through ${describeIntrinsic(value)})`;
        const branch = ifCondition(value) !== undefined ? ` in a branch of Fn::If ${ifCondition(value)}` : '';
        found.set(name, { key: name, detail: `Environment.Variables.${name}${branch}: ${reason}${how}` });
        break;
      }
    }
  }
  return violations([...found.values()]);
});
