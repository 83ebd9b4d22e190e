import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, IApplyRule, NagPack, ServerlessChecks } from 'cdk-nag';
import { BULKHEAD_RULES } from '../checks/wiring';

let cached: ReadonlySet<string> | undefined;

/**
 * Every rule id the blueprint's packs can report: the Bulkhead pack's, and those of cdk-nag's AwsSolutions and
 * Serverless packs. cdk-nag lists no rule ids, so each of its packs is shown one resource with its `applyRule`
 * (protected API, fenced here and tested in test/blueprint/known-rule-ids.test.ts) replaced by a recorder: a pack
 * applies every rule to every resource and lets each rule decide what it judges.
 */
export function knownRuleIds(): ReadonlySet<string> {
  if (cached) return cached;
  const ids = new Set(BULKHEAD_RULES.map((w) => `Bulkhead-${w.rule.ruleName}`));
  const probe = new CfnResource(new Stack(new App({ autoSynth: false }), 'RuleIdProbe'), 'Probe', {
    type: 'AWS::CloudFormation::WaitConditionHandle',
  });
  for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()] as NagPack[]) {
    const recorder = pack as unknown as { applyRule(p: IApplyRule): void; checkResource(n: CfnResource): void; readPackName: string };
    recorder.applyRule = (p: IApplyRule) => ids.add(`${recorder.readPackName}-${p.ruleSuffixOverride ?? p.rule.name}`);
    recorder.checkResource(probe);
  }
  cached = ids;
  return ids;
}

/** The rule part of a finding id: `Bulkhead-EnvSecret[DB_PASSWORD]` is `Bulkhead-EnvSecret`. */
export function baseRuleId(findingId: string): string {
  return findingId.replace(/\[.*$/, '');
}
