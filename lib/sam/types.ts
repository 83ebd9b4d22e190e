/** A template as parsed from JSON or YAML (long-form intrinsics). */
export type SamTemplate = { [key: string]: unknown };

/** Where a generated resource comes from in the SAM file. */
export interface SamSource {
  /** The logical ID of the SAM resource the user wrote (`ProcessOrder`). */
  readonly resource: string;
  /** What part of it the generated resource is (`its generated role`), undefined for the resource itself. */
  readonly part?: string;
  /** Path of the part in the SAM template, for its line (`['Resources', 'F', 'Properties', 'Events', 'E']`). */
  readonly path: readonly string[];
  /** The Globals section the resource's properties merge (`Function`), so a part set there is found there. */
  readonly globalsSection?: string;
  /** Finding key → a more precise source (the event that added an API route). */
  readonly byKey?: { readonly [key: string]: SamSource };
}

/** A warning about something the expansion could not judge: reported, never a silent pass. */
export interface SamNotice {
  /** The SAM resource (or `Globals`) it concerns. */
  readonly resource: string;
  /** Stable key of the finding, e.g. `Policies.MyTemplatePolicy`, `Type` or `Events.Alexa`. */
  readonly key: string;
  readonly message: string;
  readonly path: readonly string[];
}

/** The CloudFormation the SAM transform would produce for what the rules judge, and where each part comes from. */
export interface SamExpansion {
  readonly template: SamTemplate;
  /** Generated logical ID → its SAM source. Resources that were plain CloudFormation map to themselves. */
  readonly sources: Map<string, SamSource>;
  readonly notices: SamNotice[];
}

/** SAM input the transform itself would refuse: names the resource and the property. */
export class SamError extends Error {
  constructor(readonly resource: string, readonly property: string, reason: string) {
    super(`resource ${resource}: ${property} ${reason}`);
    this.name = 'SamError';
    Object.setPrototypeOf(this, SamError.prototype);
  }
}
