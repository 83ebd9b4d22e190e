import { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { CDK_HANDLER_MARKER_TYPES, cdkOwnerOfTemplateResource } from '../../checks/cdk-owned/recognize';
import { libraryAcknowledgementsOf } from '../../checks/cdk-owned/library-acknowledgements';
import { Template } from '../../cfn/template-shape';

/** A rule acknowledged (with a reason) on one resource of a template. */
export interface Acknowledgement {
  readonly logicalId: string;
  readonly id: string;
  readonly reason: string;
}

const ACK_METADATA = 'aws:cdk:acknowledged-rules';

/**
 * The rule id an acknowledgement names, in the form the packs report it. `cdk synth` prints a plugin's findings as
 * `<plugin>::<rule>` (e.g. `Bulkhead::Bulkhead-UninvokedFunction`) and CDK accepts that form in
 * `Validations.of(c).acknowledge`; the assembly may also record it as `annotation::<id>`.
 */
export function acknowledgedRuleId(id: string): string {
  return id.replace(/^annotation::/i, '').replace(/^[A-Za-z0-9_.-]+::(?=[A-Za-z0-9])/, '');
}

/**
 * Acknowledgements made in CDK code (`Validations.of(c).acknowledge`) are not in the template: the assembly
 * records them per construct path. They cover the construct and everything under it, so each one is spread
 * onto the logical IDs recorded below that path.
 */
export function assemblyAcknowledgements(stack: CloudFormationStackArtifact): Acknowledgement[] {
  const logicalIds = stack
    .findMetadataByType('aws:cdk:logicalId')
    .filter((m) => typeof m.data === 'string')
    .map((m) => ({ path: m.path, logicalId: m.data as string }));
  const result: Acknowledgement[] = [];
  for (const entry of stack.findMetadataByType(ACK_METADATA)) {
    if (typeof entry.data !== 'object' || entry.data === null) continue;
    const rules = Object.entries(entry.data as unknown as { [key: string]: unknown }).map(([key, reason]) => ({
      id: acknowledgedRuleId(key),
      reason: String(reason),
    }));
    for (const { path, logicalId } of logicalIds) {
      if (path !== entry.path && !path.startsWith(`${entry.path}/`)) continue;
      for (const rule of rules) result.push({ logicalId, ...rule });
    }
  }
  return result;
}

/**
 * What the Bulkhead pack accepts on aws-cdk-lib's own deploy-time handlers (their function, role and policies),
 * which no prop of the owning construct can fix: in an app the pack recognizes them in the construct tree; here the
 * same recognition reads the construct paths and markers the assembly recorded, so `check --assembly` agrees with
 * synth.
 */
export function cdkHandlerAcknowledgements(stack: CloudFormationStackArtifact): Acknowledgement[] {
  const markers = new Map<string, string[]>();
  for (const type of CDK_HANDLER_MARKER_TYPES) {
    for (const entry of stack.findMetadataByType(type)) markers.set(entry.path, [...(markers.get(entry.path) ?? []), type]);
  }
  const resources = (stack.template?.Resources ?? {}) as { [id: string]: { Type?: unknown; Properties?: { Description?: unknown } } };
  const result: Acknowledgement[] = [];
  for (const entry of stack.findMetadataByType('aws:cdk:logicalId')) {
    const logicalId = entry.data;
    const resource = typeof logicalId === 'string' ? resources[logicalId] : undefined;
    if (resource === undefined || typeof resource.Type !== 'string') continue;
    const owner = cdkOwnerOfTemplateResource(entry.path, (at) => markers.get(at) ?? [], resource.Properties?.Description);
    if (owner === undefined) continue;
    for (const ack of libraryAcknowledgementsOf(resource.Type, owner)) result.push({ logicalId: logicalId as string, ...ack });
  }
  return result;
}

/**
 * cdk-nag's template convention (`Metadata.cdk_nag.rules_to_suppress`, written by cdk-nag v2 and by v3 with
 * `writeSuppressionsToCloudFormation`): honoured so hand-written templates can record their exceptions too.
 * A suppression without a reason is ignored, as cdk-nag requires one.
 */
export function templateAcknowledgements(template: Template): Acknowledgement[] {
  const result: Acknowledgement[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources as { [id: string]: { Metadata?: unknown } })) {
    const rules = (resource.Metadata as { cdk_nag?: { rules_to_suppress?: unknown } } | undefined)?.cdk_nag?.rules_to_suppress;
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as Array<{ id?: unknown; reason?: unknown; applies_to?: unknown }>) {
      if (typeof rule?.id !== 'string' || typeof rule.reason !== 'string' || rule.reason.trim() === '') continue;
      const findings = Array.isArray(rule.applies_to) ? rule.applies_to.filter((a): a is string => typeof a === 'string') : [];
      const ids = findings.length > 0 ? findings.map((f) => `${rule.id}[${f}]`) : [rule.id];
      for (const id of ids) result.push({ logicalId, id: id as string, reason: rule.reason });
    }
  }
  return result;
}
