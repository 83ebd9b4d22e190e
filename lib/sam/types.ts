/** A template as parsed from JSON or YAML (long-form intrinsics). */
export type SamTemplate = { [key: string]: unknown };

type JsonMap = { [key: string]: unknown };

/** What an event or a part of a function points at when it invokes it: the alias when there is one. */
export interface FunctionTarget {
  readonly id: string;
  /** The function, or its alias (`Ref` gives an ARN usable as FunctionName). */
  readonly invokeRef: JsonMap;
  /** The ARN to put in targets and subscriptions. */
  readonly invokeArn: JsonMap;
  readonly roleId?: string;
  /** The generated role's permissions, which events add to; undefined when the function has a Role of its own. */
  readonly policies?: {
    addManaged(name: string): void;
    addStatement(name: string, action: string | string[], resource: unknown): void;
    addStatements(name: string, statements: JsonMap[]): void;
  };
  readonly properties: JsonMap;
  readonly samResource: JsonMap;
}

/** One route an event adds to an API. */
export interface ApiRoute {
  readonly kind: 'Api' | 'HttpApi';
  readonly path: string;
  /** Lower-case HTTP method, or `x-amazon-apigateway-any-method`. */
  readonly method: string;
  readonly functionId: string;
  readonly eventName: string;
  /** The event's Auth.Authorizer, when it sets one (`NONE`, `AWS_IAM` or an authorizer's name). */
  readonly authorizer?: unknown;
  readonly apiKeyRequired?: unknown;
  readonly authorizationScopes?: unknown;
  readonly invokeArn: unknown;
  /** Where the event is in the SAM template. */
  readonly eventPath: readonly string[];
}

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
  constructor(
    readonly resource: string,
    readonly property: string,
    reason: string,
  ) {
    super(`resource ${resource}: ${property} ${reason}`);
    this.name = 'SamError';
    Object.setPrototypeOf(this, SamError.prototype);
  }
}
