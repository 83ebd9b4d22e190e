import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Stored on the construct under a Symbol.for key, so several loaded copies of the library agree. */
const BY_LIBRARY = Symbol.for('cdk-bulkhead.LibraryAcknowledgements');

/**
 * Acknowledges a finding on a part cdk-bulkhead itself made, and remembers that the library made it: reports tell
 * these apart from a team's acknowledgements, and an org's mandatory rules do not apply to them.
 */
export function acknowledgeForLibrary(scope: IConstruct, ack: { id: string; reason: string }): void {
  Validations.of(scope).acknowledge(ack);
  const ids: Set<string> = (scope as any)[BY_LIBRARY] ?? ((scope as any)[BY_LIBRARY] = new Set<string>());
  ids.add(ack.id);
}

/** True when `acknowledgeForLibrary` made the acknowledgement `id` on `scope`. */
export function isLibraryAcknowledgement(scope: IConstruct, id: string): boolean {
  const ids = (scope as any)[BY_LIBRARY] as Set<string> | undefined;
  return ids !== undefined && ids.has(id);
}
