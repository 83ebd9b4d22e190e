/** One acknowledgement as the override report lists it. */
export interface BlueprintAcknowledgementRecord {
  /** The rule or finding id. */
  readonly id: string;
  /** Construct path it was made on (it covers everything below). */
  readonly path: string;
  /** Why. */
  readonly reason: string;
  /** The last day it holds (YYYY-MM-DD), or `no expiry` for a plain `Validations.of(c).acknowledge`. */
  readonly expires: string;
  /** `team`, or `library` for those cdk-bulkhead makes on its own parts and on aws-cdk-lib's handlers. */
  readonly by: string;
}

/** A blueprint default a team overrode on one function. */
export interface BlueprintOverride {
  /** The prop, e.g. `reservedConcurrentExecutions`. */
  readonly prop: string;
  /** What the blueprint would have set. */
  readonly blueprint: string;
  /** What the team set. */
  readonly value: string;
}

/** One Lambda function of the app in the override report. */
export interface BlueprintFunctionEntry {
  /** Construct path of the function. */
  readonly path: string;
  /** `SecureFunction`, `SecureNodejsFunction`, `hardened plain`, `CDK-owned` or `plain (not hardened)`. */
  readonly kind: string;
  /** The aws-cdk-lib construct a CDK-owned function belongs to. */
  readonly owner?: string;
  /** The blueprint defaults the team overrode on it. */
  readonly overrides: BlueprintOverride[];
}

/** The override report: where teams deviate from the blueprint. */
export interface BlueprintReport {
  /** Every Lambda function, Stages included. */
  readonly functions: BlueprintFunctionEntry[];
  /** Every acknowledgement, the team's and the library's. */
  readonly acknowledgements: BlueprintAcknowledgementRecord[];
}
