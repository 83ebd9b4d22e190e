import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';

/** One violation a rule found on a resource; `key` makes it acknowledgeable on its own as `Rule[key]`. */
export interface Violation {
  /** What exactly is wrong here: the property, the value at fault (never a secret) and the limit. */
  readonly detail: string;
  /** Short id of this violation among several of one resource, e.g. the variable name. */
  readonly key?: string;
}

/** A rule's verdict on one resource: compliant, not applicable, or the violations found. */
export type RuleResult = NagRuleCompliance.COMPLIANT | NagRuleCompliance.NOT_APPLICABLE | Violation[];

/** A rule: a pure function from a CloudFormation resource to a verdict, with the resource types it judges. */
export interface Rule {
  /** The rule's name; its id is `Bulkhead-<name>`. */
  readonly ruleName: string;
  /** CloudFormation types the rule judges (the pack dispatches on them, so no rule sees other types). */
  readonly resourceTypes: readonly string[];
  (node: CfnResource): RuleResult;
}

/** Gives a rule function its name and the resource types it judges. */
export function defineRule(ruleName: string, resourceTypes: readonly string[], check: (node: CfnResource) => RuleResult): Rule {
  return Object.assign((node: CfnResource) => check(node), { ruleName, resourceTypes });
}

/** Shorthands for rule bodies. */
export const COMPLIANT = NagRuleCompliance.COMPLIANT as const;
export const NOT_APPLICABLE = NagRuleCompliance.NOT_APPLICABLE as const;

/** One violation, or compliant when `detail` is undefined. */
export function violationIf(detail: string | undefined, key?: string): RuleResult {
  return detail === undefined ? COMPLIANT : [{ detail, key }];
}

/** Compliant when the list is empty. */
export function violations(list: Violation[]): RuleResult {
  return list.length === 0 ? COMPLIANT : list;
}
