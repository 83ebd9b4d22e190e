import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The regions aws-cdk-lib knows (commercial, GovCloud, China, ISO and sovereign partitions), taken from the installed
 * aws-cdk-lib's `RegionInfo.regions` so the list grows with the library instead of going stale here. With aws-cdk-lib
 * 2.276.0 that is 47 regions (af-south-1 ... us-west-2, cn-north-1, cn-northwest-1, us-gov-east-1, us-gov-west-1,
 * eusc-de-east-1, us-iso*). A region newer than the installed library can be allowed with `additionalRegions`.
 */
export function knownRegions(additional: readonly string[] = []): Set<string> {
  return new Set([...RegionInfo.regions.map((r) => r.name), ...additional]);
}

/** Region shape (`xx-name-1`, `us-gov-west-1`, `us-isob-east-1`); used to vet `additionalRegions` entries. */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
