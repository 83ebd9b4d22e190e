import { Finding } from './findings';
import { LoadedTemplate } from './template-loader';

/** How findings on SAM input read: rule `Bulkhead-SamNotJudged`, documented in docs/cli.md. */
export const SAM_NOT_JUDGED = 'Bulkhead-SamNotJudged';
const SAM_HELP = 'https://github.com/cdk-bulkhead/cdk-bulkhead/blob/main/docs/cli.md#sam-templates';

/** Where a finding on a generated resource points in the SAM file: the resource the user wrote, the part, the line. */
export interface SamLocation {
  readonly resource: string;
  readonly part?: string;
  readonly line?: number;
}

/**
 * The SAM source of a finding on `logicalId`; `findingId` (`Rule[key]`) picks a more precise source when one part
 * of a generated resource comes from elsewhere (an API route added by a function's event). Undefined for plain files.
 */
export function samLocation(loaded: LoadedTemplate, logicalId: string, findingId: string): SamLocation | undefined {
  const source = loaded.sam?.sources.get(logicalId);
  if (!source) return undefined;
  const key = /\[(.*)\]$/.exec(findingId)?.[1];
  const precise = key !== undefined ? (source.byKey?.[key] ?? source) : source;
  return {
    resource: precise.resource,
    part: precise.part,
    line: lineOf(loaded, precise.resource, precise.path, precise.globalsSection ?? source.globalsSection),
  };
}

/** The line of a part: where the resource sets it, else where Globals sets it, else the resource's own line. */
function lineOf(loaded: LoadedTemplate, resource: string, path: readonly string[], section: string | undefined): number | undefined {
  const own = loaded.lineAt?.(path);
  if (own !== undefined) return own;
  const fromGlobals =
    section !== undefined && path[0] === 'Resources' && path[2] === 'Properties' && path.length > 3
      ? loaded.lineAt?.(['Globals', section, ...path.slice(3)])
      : undefined;
  return fromGlobals ?? loaded.lineOf(resource);
}

/** What the expansion could not judge, as warning findings on the SAM resource (acknowledgeable there, like any finding). */
export function samNoticeFindings(loaded: LoadedTemplate): Finding[] {
  const acknowledged = new Set(loaded.acknowledgements.map((a) => `${a.logicalId}\u0000${a.id}`));
  return (loaded.sam?.notices ?? [])
    .filter(
      (n) =>
        !acknowledged.has(`${n.resource}\u0000${SAM_NOT_JUDGED}`) && !acknowledged.has(`${n.resource}\u0000${SAM_NOT_JUDGED}[${n.key}]`),
    )
    .map((n) => ({
      rule: SAM_NOT_JUDGED,
      id: `${SAM_NOT_JUDGED}[${n.key}]`,
      level: 'warning' as const,
      resource: n.resource,
      template: loaded.file,
      stack: loaded.stackName,
      message: `Part of the SAM template is not judged: ${n.message}. Fix: review it by hand (or check the template it deploys) and acknowledge ${SAM_NOT_JUDGED}[${n.key}] with the reason.`,
      line: loaded.lineAt?.(n.path) ?? loaded.lineOf(n.resource),
      ruleDescription: 'Part of a SAM template that bulkhead check does not expand, so it is not judged',
      helpUri: SAM_HELP,
    }));
}
