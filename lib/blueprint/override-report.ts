import { CfnResource } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { cdkOwnerOf } from '../checks/cdk-owned/recognize';
import { SecureFunction } from '../function/secure-function';
import { SecureNodejsFunction } from '../function/secure-nodejs-function';
import { BlueprintAcknowledgementRecord, BlueprintFunctionEntry, BlueprintReport } from './report-types';
import { BlueprintHardening } from './hardening';

/** The file the blueprint writes into the cloud assembly directory at synth. */
export const BLUEPRINT_REPORT_FILE = 'bulkhead-blueprint.json';

export function buildReport(
  scope: IConstruct,
  hardening: BlueprintHardening,
  acknowledgements: BlueprintAcknowledgementRecord[],
): BlueprintReport {
  const functions: BlueprintFunctionEntry[] = [];
  for (const c of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== 'AWS::Lambda::Function') continue;
    const fn = c.node.scope instanceof lambda.Function ? c.node.scope : undefined;
    const path = (fn ?? c).node.path;
    const owner = cdkOwnerOf(c);
    const hardened = fn ? hardening.recordOf(fn) : undefined;
    const kind =
      fn instanceof SecureFunction
        ? 'SecureFunction'
        : fn instanceof SecureNodejsFunction
          ? 'SecureNodejsFunction'
          : (hardened?.kind ?? (owner ? 'CDK-owned' : 'plain (not hardened)'));
    functions.push({ path, kind, ...(owner ? { owner: owner.construct } : {}), overrides: hardened?.overrides ?? [] });
  }
  return { functions, acknowledgements };
}
