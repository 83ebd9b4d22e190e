import { FindingLevel } from './levels';
import { BULKHEAD_RULES } from './wiring';

/** RULES.md is generated from the wiring table, so the documented rules cannot drift from the enforced ones. */
export function renderRulesMarkdown(): string {
  const rows = BULKHEAD_RULES.map((w) => {
    const id = `Bulkhead-${w.rule.ruleName}`;
    const threats = w.threat
      .split(/,\s*/)
      .map((t) => `[${t}](THREATS.md)`)
      .join(', ');
    const level = w.level === FindingLevel.ERROR ? 'error' : 'warning';
    const types = w.rule.resourceTypes.map((t) => `\`${t}\``).join(', ');
    return `| <a id="${id.toLowerCase()}"></a>\`${id}\` | ${level} | ${threats} | ${types} | ${w.info}. ${w.explanation} | ${w.fix}. |`;
  });
  return `# Bulkhead rules

<!-- Generated from lib/checks/wiring.ts by \`npm run rules-doc\`; a test fails when this file is stale. -->

Every rule of the \`BulkheadChecks\` pack, the threat in [THREATS.md](THREATS.md) it enforces, what it flags and how
to fix it. Rules live one per file in \`lib/checks/rules/<service>/\`. Error-level findings fail \`cdk synth\` and make
\`bulkhead check\` exit 1; warning-level findings are reported and fail only with \`failOn: FailOn.WARNING\`
(\`--fail-on warning\` on the CLI).

Acknowledge a finding you accept, with a reason, on the resource or any construct above it:

\`\`\`ts
Validations.of(construct).acknowledge({ id: 'Bulkhead-ReservedConcurrency', reason: 'throttled by the API in front of it' });
\`\`\`

Rules that can report several findings on one resource give each its own id, \`Bulkhead-<Rule>[<key>]\` (for example
\`Bulkhead-EnvSecret[DB_PASSWORD]\`), so one finding can be acknowledged alone; acknowledging \`Bulkhead-<Rule>\`
covers them all. In templates checked with \`bulkhead check\`, cdk-nag's \`Metadata.cdk_nag.rules_to_suppress\` is honoured.

The functions aws-cdk-lib adds to an app itself (the S3 notifications handler, the \`autoDeleteObjects\` provider,
\`BucketDeployment\`'s handler, \`AwsCustomResource\`'s singleton, \`LogRetention\`, the custom-resource \`Provider\`
framework, and every handler aws-cdk-lib marks as a custom-resource singleton or provider), with their roles and
policies, are recognized in a CDK app: findings no prop of theirs can fix (EnvironmentEncryption, ReservedConcurrency,
AsyncFailureHandling, WildcardPermissions, DynamicCode, UnscannedCode, AssetLockfile, UninvokedFunction) are
acknowledged by the library, with a reason naming the aws-cdk-lib construct. DeprecatedRuntime is not: upgrading
aws-cdk-lib fixes it. See [docs/blueprint.md](docs/blueprint.md#aws-cdk-libs-own-functions).

| Rule | Level | Threat | Resources | What it flags | How to fix |
|---|---|---|---|---|---|
${rows.join('\n')}

Intrinsic functions (\`Ref\`, \`Fn::GetAtt\`, \`Fn::Sub\`, \`Fn::Join\`, \`Fn::If\`, parameters) are understood: a value
known only at deploy time is not reported as a violation unless the rule's safety depends on it, as each rule's
doc comment says.

How well the rules hold against evasions is measured on an adversarial corpus of 717 cases (456 to detect, 244
clean look-alikes, 13 malformed templates that must be refused with a reason): recall 100% (455/456), no false error
on the clean ones, no crash, hang or trace. Independent red-team passes found, before their fixes, 86% recall and 6%
false errors on T1, T7 and T4/T5, and 93% recall and 12% false errors on secrets and dynamic code. Per threat and
class in [docs/detection.md](docs/detection.md) (\`npm run detection\`).
`;
}
