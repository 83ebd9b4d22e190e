/** Who acknowledged a finding. */
export enum AcknowledgedBy {
  /** cdk-bulkhead, on a part it created (the reason says why the part is safe). */
  LIBRARY = 'library',
  /** The app's own code (`Validations.of(construct).acknowledge`). */
  TEAM = 'team',
}

/** One acknowledgement of a rule on a construct and everything under it. */
export interface RuleAcknowledgement {
  /** The acknowledged id, e.g. `Bulkhead-FunctionUrlAuth` or `AwsSolutions-IAM5[Resource::*]`. */
  readonly id: string;
  /** Construct path where it was made; it covers every resource under that path. */
  readonly constructPath: string;
  /** The reason given. */
  readonly reason: string;
  /** Who made it. */
  readonly by: AcknowledgedBy;
}
