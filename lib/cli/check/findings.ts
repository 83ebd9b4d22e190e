/** Severity as the CLI reports it. */
export type Level = 'error' | 'warning';

/** One finding as a pack reports it, before it is tied to a template. */
export interface PackFinding {
  readonly rule: string;
  /** The id that acknowledges exactly this finding, e.g. `Bulkhead-EnvSecret[DB_PASSWORD]`. */
  readonly id: string;
  readonly level: Level;
  /** Construct path of the violating resource in the checking app. */
  readonly constructPath: string;
  /** The resource's logical ID when the pack knows it. */
  readonly logicalId?: string;
  readonly message: string;
  /** What the rule checks, in one line (SARIF rule description). */
  readonly ruleDescription: string;
  readonly helpUri: string;
  /**
   * The acknowledgement hiding this finding, when the pack reports acknowledged findings too (SARIF shows them
   * as suppressed results); an acknowledged finding never counts towards the exit code.
   */
  readonly acknowledgement?: FindingAcknowledgement;
}

/** An acknowledgement as reports show it. */
export interface FindingAcknowledgement {
  readonly id: string;
  readonly reason: string;
}

/** Where a reviewer can open the code that made a resource: the file and line CDK recorded. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** One finding as every output format reports it. */
export interface Finding {
  readonly rule: string;
  /** The id that acknowledges exactly this finding (the rule id, or `Rule[key]`). */
  readonly id: string;
  readonly level: Level;
  /** Logical ID of the resource in the template (for SAM: the SAM resource the finding's resource is generated from). */
  readonly resource: string;
  /** SAM templates: which generated part of `resource` the finding is on (`its generated role`). */
  readonly part?: string;
  /** SAM templates: the logical ID of the generated resource, when it differs from `resource`. */
  readonly generatedId?: string;
  /** The template's path as shown to the user. */
  readonly template: string;
  /** The stack's name, when the template comes from a cloud assembly. */
  readonly stack?: string;
  readonly message: string;
  /** 1-based line of the resource in the template file, when found. */
  readonly line?: number;
  readonly ruleDescription: string;
  readonly helpUri: string;
  /** Construct path of the resource in the app that synthesized the template (its `aws:cdk:path`), when known. */
  readonly constructPath?: string;
  /** The source line that created the resource, when CDK recorded stack traces (`cdk synth --debug`). */
  readonly source?: SourceLocation;
  /** Set on acknowledged findings: reported (SARIF suppressions), never counted. */
  readonly acknowledgement?: FindingAcknowledgement;
}

/** How reports name a finding's resource: `ProcessOrder`, or `ProcessOrder (its generated role)`. */
export function resourceLabel(f: Finding): string {
  return f.part !== undefined ? `${f.resource} (${f.part})` : f.resource;
}

/** Per-template outcome, kept so reports can say "no findings" for clean templates. */
export interface TemplateResult {
  readonly template: string;
  readonly stack?: string;
  readonly resources: number;
  readonly findings: Finding[];
  /** Findings hidden by an acknowledgement (each with it), for reports that show them. */
  readonly acknowledged: Finding[];
}

export interface Summary {
  readonly templates: number;
  readonly resources: number;
  readonly errors: number;
  readonly warnings: number;
}

export function summarize(results: TemplateResult[]): Summary {
  const all = results.flatMap((r) => r.findings);
  return {
    templates: results.length,
    resources: results.reduce((n, r) => n + r.resources, 0),
    errors: all.filter((f) => f.level === 'error').length,
    warnings: all.filter((f) => f.level === 'warning').length,
  };
}

/** Stable order: template, then resource, then rule, so reports diff cleanly between runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.template.localeCompare(b.template) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    a.resource.localeCompare(b.resource) ||
    (a.part ?? '').localeCompare(b.part ?? '') ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
