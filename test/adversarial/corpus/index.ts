import { AdversarialCase } from './case';
import { MORE_LOOKALIKES } from './more-lookalikes';
import { REDTEAM_A_CASES } from './redteam-a';
import { REDTEAM_B_CASES } from './redteam-b';
import { ROBUSTNESS_CASES } from './robustness';
import { T1_CASES } from './t1-iam';
import { T1_DATA_CASES } from './t1-iam-data';
import { T1_SHARED_ROLE_CASES } from './t1-shared-role';
import { T2_CASES } from './t2-secrets';
import { T45_CASES } from './t45-failure';
import { T6_CASES } from './t6-code';
import { T7_CASES } from './t7-public';

export type { AdversarialCase } from './case';
export { KNOWN_GAPS } from './known-gaps';

/** Every case of the corpus. */
export const CASES: readonly AdversarialCase[] = [
  ...ROBUSTNESS_CASES,
  ...T1_CASES,
  ...T1_DATA_CASES,
  ...T1_SHARED_ROLE_CASES,
  ...T2_CASES,
  ...T45_CASES,
  ...T6_CASES,
  ...T7_CASES,
  ...MORE_LOOKALIKES,
  ...REDTEAM_A_CASES,
  ...REDTEAM_B_CASES,
];
