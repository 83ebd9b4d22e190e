import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { libraryAcknowledgements } from '../checks/cdk-owned/library-acknowledgements';
import { acknowledgementsOn } from '../core/acknowledgements';
import { AcknowledgedBy } from '../core/rule-acknowledgement';
import { SecureFunction } from '../function/secure-function';
import { BlueprintAcknowledgementRecord } from './report-types';

/** What the blueprint's `acknowledge` recorded on a construct (an expired one is recorded but never applied). */
export interface DatedAcknowledgement {
  readonly id: string;
  readonly reason: string;
  readonly expires: string;
  readonly expired: boolean;
}

const DATED = Symbol.for('cdk-bulkhead.DatedAcknowledgements');

export function recordDated(scope: IConstruct, ack: DatedAcknowledgement): void {
  const list: DatedAcknowledgement[] = (scope as any)[DATED] ?? ((scope as any)[DATED] = []);
  list.push(ack);
}

export function datedOn(scope: IConstruct): DatedAcknowledgement[] {
  return (scope as any)[DATED] ?? [];
}

export const NO_EXPIRY = 'no expiry';

/**
 * Every acknowledgement under `root`, stages included: the team's (dated ones with their expiry, expired ones too),
 * and the library's own (on the parts cdk-bulkhead makes, and on aws-cdk-lib's handlers).
 */
export function collectAcknowledgements(root: IConstruct): BlueprintAcknowledgementRecord[] {
  const found: BlueprintAcknowledgementRecord[] = [];
  const seen = new Set<string>();
  const add = (r: BlueprintAcknowledgementRecord): void => {
    const key = `${r.path}\u0000${r.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(r);
  };
  for (const c of root.node.findAll()) {
    const dated = datedOn(c);
    for (const d of dated) add({ id: d.id, path: c.node.path, reason: d.reason, expires: d.expires, by: 'team' });
    for (const a of acknowledgementsOn(c)) {
      const library =
        a.by === AcknowledgedBy.LIBRARY ||
        madeBySecureFunction(c) ||
        a.reason.startsWith(LIBRARY_PREFIX) ||
        // aws-cdk-lib acknowledges its own template-schema findings (e.g. W3045 on access-log buckets) and nothing else.
        a.id.startsWith('CloudFormation-Validate::');
      add({ id: a.id, path: c.node.path, reason: a.reason, expires: NO_EXPIRY, by: library ? 'library' : 'team' });
    }
    if (CfnResource.isCfnResource(c)) {
      for (const a of libraryAcknowledgements(c)) add({ id: a.id, path: c.node.path, reason: a.reason, expires: NO_EXPIRY, by: 'library' });
    }
  }
  return found;
}

/** The start of every reason `libraryAcknowledgements` writes. */
const LIBRARY_PREFIX = 'Acknowledged by cdk-bulkhead:';

/** SecureFunction acknowledges findings on its own DLQ and on the event source mappings it adds. */
function madeBySecureFunction(c: IConstruct): boolean {
  const scope = c.node.scope;
  if (scope instanceof SecureFunction) return true;
  return scope !== undefined && scope.node.children.some((s) => s instanceof SecureFunction && s.failureQueue === c);
}
