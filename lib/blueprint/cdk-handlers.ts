import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { libraryAcknowledgements } from '../checks/cdk-owned/library-acknowledgements';
import { cdkOwnerOf } from '../checks/cdk-owned/recognize';
import { acknowledgeByLibrary } from '../core/acknowledgements';
import { baseRuleId } from './known-rule-ids';

/** A pack that can judge a subtree: cdk-nag's packs. */
export interface ScopeValidator {
  validateScope(scope: IConstruct): PolicyValidationPluginReport;
}

/**
 * Acknowledges, for cdk-nag's packs, what no prop of aws-cdk-lib's own handlers can fix (the Bulkhead pack
 * recognizes them itself). cdk-nag v3 matches acknowledgements by exact finding id (`AwsSolutions-IAM5[Action::s3:List*]`),
 * so each pack is run over the handlers first and each finding of a rule the library accepts is acknowledged by
 * its id. Runs at synth, so handlers in Stages made after `applyTo` are covered.
 */
export function applyCdkHandlerAcknowledgements(scope: IConstruct, packs: ScopeValidator[]): void {
  const roots = new Set<IConstruct>();
  for (const c of scope.node.findAll()) {
    if (CfnResource.isCfnResource(c)) {
      const owner = cdkOwnerOf(c);
      if (owner) roots.add(owner.root);
    }
  }
  const byPath = new Map<string, CfnResource>();
  for (const root of roots) for (const c of root.node.findAll()) if (CfnResource.isCfnResource(c)) byPath.set(c.node.path, c);
  for (const pack of packs) {
    for (const root of roots) {
      for (const v of pack.validateScope(root).violations) {
        for (const r of v.violatingResources) {
          const resource = r.constructPath ? byPath.get(r.constructPath) : undefined;
          if (!resource) continue;
          const ack = libraryAcknowledgements(resource).find((a) => a.id === baseRuleId(v.ruleName));
          if (ack) acknowledgeByLibrary(resource, { id: v.ruleName, reason: ack.reason });
        }
      }
    }
  }
}
