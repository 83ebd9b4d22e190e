import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgedBy, RuleAcknowledgement } from './rule-acknowledgement';

/** Metadata recording that cdk-bulkhead itself made an acknowledgement, so reports can say who made each one. */
export const LIBRARY_ACKNOWLEDGEMENT_METADATA = 'cdk-bulkhead:acknowledged-by-library';

/** `Validations.of(scope).acknowledge(...)`, marked as made by the library. */
export function acknowledgeByLibrary(scope: IConstruct, rule: { id: string; reason: string }): void {
  Validations.of(scope).acknowledge(rule);
  scope.node.addMetadata(LIBRARY_ACKNOWLEDGEMENT_METADATA, rule.id);
}

/** CDK may qualify annotation ids (`annotation::...`); reports show them as the user wrote them. */
function plainId(key: string): string {
  return key.replace(/^annotation::/i, '');
}

/** The acknowledgements made on `node` itself. */
export function acknowledgementsOn(node: IConstruct): RuleAcknowledgement[] {
  const byLibrary = new Set(
    node.node.metadata.filter((m) => m.type === LIBRARY_ACKNOWLEDGEMENT_METADATA).map((m) => plainId(String(m.data))),
  );
  const result: RuleAcknowledgement[] = [];
  for (const entry of node.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
    for (const [key, reason] of Object.entries(entry.data as { [id: string]: unknown })) {
      const id = plainId(key);
      result.push({
        id,
        constructPath: node.node.path,
        reason: String(reason),
        by: byLibrary.has(id) ? AcknowledgedBy.LIBRARY : AcknowledgedBy.TEAM,
      });
    }
  }
  return result;
}
