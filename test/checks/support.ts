import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { BulkheadChecks, BulkheadFinding } from '../../lib/checks';

/** A stack with a concrete account and region, as rule tests need. */
export function newStack(id = 'Test'): Stack {
  return new Stack(new App(), id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The date rule tests judge against, so a dated verdict (a deprecated runtime) does not change with the calendar. */
export const TEST_TODAY = '2026-11-30';

/** Every unacknowledged finding of the Bulkhead pack under `scope`, judged as of TEST_TODAY. */
export function findings(scope: IConstruct): BulkheadFinding[] {
  return new BulkheadChecks(undefined, { today: TEST_TODAY }).findingsFor(scope);
}

/** The findings of one rule (by name, e.g. `SharedRole`) under `scope`. */
export function findingsOf(scope: IConstruct, ruleName: string): BulkheadFinding[] {
  return findings(scope).filter((f) => f.ruleId === `Bulkhead-${ruleName}`);
}

/** Logical IDs of the resources one rule flags under `scope`, sorted. */
export function flagged(scope: IConstruct, ruleName: string): string[] {
  return [...new Set(findingsOf(scope, ruleName).map((f) => f.logicalId))].sort();
}
