import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { AssetManifestArtifact, CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { cents, centsOf } from '../billing/cost-table';
import {
  costSettings,
  CostSettings,
  DEFAULT_ACCOUNT_CONCURRENCY,
  DEFAULT_MINIMUM_DURATION_MS,
  MAX_DURATION_MS,
  MIN_DURATION_MS,
  reportOf,
  templateFigures,
  TemplateProvenance,
} from '../billing/function-cost';
import { STAGE_METADATA } from '../stages/assembly-stages';
import { WorstCaseCost, WorstCaseCostReport } from '../billing/worst-case-cost';
import { CDK_HANDLER_MARKER_TYPES } from '../checks/cdk-owned/recognize';
import { openAssembly } from './check/assembly-reader';
import { CliIo, EXIT_FINDINGS, EXIT_OK, oneOf, parseCliArgs, UsageError } from './io';
import { displayPath, usd } from '../core/display';

export const COST_USAGE = `Usage: bulkhead cost [--assembly cdk.out] [options]

Prints the worst-case monthly cost of each stage of a synthesized cloud assembly: every function running its
reserved concurrency (or, without one, the account limit) all month at its memory and architecture (compute),
each environment starting an invocation every minimum duration (requests), provisioned concurrency always on,
and the stage's KMS keys and CloudWatch alarms (fixed). A stage is a nested cloud assembly (its own nested stages
included); stacks outside any stage form the group '(app)', so a flat app is one group.

Options:
  --assembly <dir>               cloud assembly directory (default: cdk.out)
  --format text|json             report format (default: text)
  --budget <usd>                 exit 1 when any stage's worst case exceeds this many USD per month
                                 (default: each stage's own monthlyBudgetUsd, recorded in the assembly)
  --account-concurrency <n>      concurrency counted for functions without reserved concurrency (default: ${DEFAULT_ACCOUNT_CONCURRENCY})
  --minimum-duration-ms <n>      shortest invocation of functions that record none (default: ${DEFAULT_MINIMUM_DURATION_MS})
  -h, --help                     show this help

Exit codes: 0 every stage within its budget (or none), 1 a stage over it, 2 unusable input or options.
`;

/** Version of the JSON output's shape. */
export const COST_SCHEMA_VERSION = 1;

const FORMATS = ['text', 'json'];
const APP_GROUP = '(app)';

interface CostOptions {
  readonly assembly: string;
  readonly format: string;
  readonly budget?: number;
  readonly accountConcurrencyLimit: number;
  readonly minimumDurationMs: number;
  readonly help: boolean;
}

/** A stage's cost: its stacks, the report over all their functions, and its own budget when it recorded one. */
interface StageCost {
  readonly stage: string;
  readonly stacks: string[];
  readonly report: WorstCaseCostReport;
  readonly ownBudgetUsd?: number;
}

function parseOptions(args: string[]): CostOptions {
  const parsed = parseCliArgs({
    args,
    allowPositionals: false,
    options: {
      assembly: { type: 'string' },
      format: { type: 'string' },
      budget: { type: 'string' },
      'account-concurrency': { type: 'string' },
      'minimum-duration-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const v = parsed.values;
  const format = oneOf('format', (v.format as string | undefined) ?? 'text', FORMATS);
  const budgetText = v.budget as string | undefined;
  let budget: number | undefined;
  if (budgetText !== undefined) {
    budget = /^\d+(\.\d+)?$/.test(budgetText.trim()) ? Number(budgetText) : NaN;
    if (!Number.isFinite(budget) || budget <= 0) {
      throw new UsageError(`--budget must be a number of USD per month above 0, e.g. --budget 500; got '${budgetText}'`);
    }
  }
  const limitText = (v['account-concurrency'] as string | undefined) ?? String(DEFAULT_ACCOUNT_CONCURRENCY);
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1) {
    throw new UsageError(`--account-concurrency must be a whole number of concurrent executions, at least 1; got '${limitText}'`);
  }
  const durationText = (v['minimum-duration-ms'] as string | undefined) ?? String(DEFAULT_MINIMUM_DURATION_MS);
  if (!/^\d+$/.test(durationText) || Number(durationText) < MIN_DURATION_MS || Number(durationText) > MAX_DURATION_MS) {
    throw new UsageError(
      `--minimum-duration-ms must be a whole number of milliseconds from ${MIN_DURATION_MS} to ${MAX_DURATION_MS}; got '${durationText}'`,
    );
  }
  return {
    assembly: (v.assembly as string | undefined) ?? 'cdk.out',
    format,
    budget,
    accountConcurrencyLimit: Number(limitText),
    minimumDurationMs: Number(durationText),
    help: v.help === true,
  };
}

interface Group {
  readonly id: string;
  readonly stacks: CloudFormationStackArtifact[];
  /** The budget the stage recorded on its own stacks (its nested stages record theirs). */
  readonly ownBudgetUsd?: number;
}

/** The budget a BulkheadStage recorded with itself on its stacks' metadata, if any. */
function recordedBudget(stacks: CloudFormationStackArtifact[]): number | undefined {
  for (const stack of stacks) {
    for (const entry of stack.findMetadataByType(STAGE_METADATA)) {
      const budget = (entry.data as unknown as { monthlyBudgetUsd?: unknown } | undefined)?.monthlyBudgetUsd;
      if (typeof budget === 'number' && Number.isFinite(budget) && budget > 0) return budget;
    }
  }
  return undefined;
}

/** Stacks outside any stage, then every stage at any depth; a stage's nested stages count in it too. */
function groupsOf(assembly: CloudAssembly): Group[] {
  const groups: Group[] = [];
  if (assembly.stacks.length > 0) groups.push({ id: APP_GROUP, stacks: assembly.stacks });
  const visit = (asm: CloudAssembly): void => {
    for (const nested of asm.nestedAssemblies) {
      groups.push({
        id: nested.displayName || nested.id,
        stacks: nested.nestedAssembly.stacksRecursively,
        ownBudgetUsd: recordedBudget(nested.nestedAssembly.stacks),
      });
      visit(nested.nestedAssembly);
    }
  };
  visit(assembly);
  return groups;
}

function readJson(file: string, what: string): { [key: string]: any } {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${displayPath(file)}: cannot read ${what}: ${String((e as Error).message ?? e).split('\n')[0]}`);
  }
}

/**
 * The templates of a stack: its own, and those of its CDK nested stacks, which the assembly holds as file assets
 * (`*.nested.template.json`) of the stack's asset manifest; a function in a nested stack costs the same.
 */
function templatesOf(stack: CloudFormationStackArtifact): Array<{ label: string; template: { [key: string]: any } }> {
  const label = stack.hierarchicalId || stack.stackName;
  const out = [{ label, template: readJson(stack.templateFullPath, `the template of stack ${label}`) }];
  for (const dep of stack.dependencies) {
    if (!(dep instanceof AssetManifestArtifact)) continue;
    const files = (readJson(dep.file, 'an asset manifest').files ?? {}) as { [id: string]: { source?: { path?: string } } };
    for (const asset of Object.values(files)) {
      const source = asset?.source?.path;
      if (typeof source !== 'string' || !source.endsWith('.nested.template.json')) continue;
      const file = path.join(path.dirname(dep.file), source);
      out.push({
        label: `${label}/${source.replace(/\.nested\.template\.json$/, '')}`,
        template: readJson(file, 'a nested stack template'),
      });
    }
  }
  return out;
}

/** The construct paths and metadata the assembly recorded for a stack's own template. */
function provenanceOf(stack: CloudFormationStackArtifact): TemplateProvenance {
  const paths = new Map<string, string>();
  for (const entry of stack.findMetadataByType(cxschema.ArtifactMetadataEntryType.LOGICAL_ID)) {
    if (typeof entry.data === 'string') paths.set(entry.data, entry.path);
  }
  const markers = new Map<string, string[]>();
  for (const type of CDK_HANDLER_MARKER_TYPES) {
    for (const entry of stack.findMetadataByType(type)) markers.set(entry.path, [...(markers.get(entry.path) ?? []), type]);
  }
  return { pathOf: (logicalId) => paths.get(logicalId), markersAt: (at) => markers.get(at) ?? [] };
}

function stageCost(group: Group, settings: CostSettings): StageCost {
  const results = group.stacks.flatMap((stack) =>
    // Nested stacks' logical ids are their own: only the stack's own template takes the assembly's paths.
    templatesOf(stack).map(({ label, template }, i) =>
      templateFigures(template, label, settings, i === 0 ? provenanceOf(stack) : undefined),
    ),
  );
  const report = reportOf(
    results.flatMap((r) => r.figures),
    results.reduce((n, r) => n + r.otherFixedMonthlyUsd, 0),
  );
  return { stage: group.id, stacks: group.stacks.map((s) => s.hierarchicalId || s.stackName), report, ownBudgetUsd: group.ownBudgetUsd };
}

/** The budget a stage is held to here: --budget when given, else its own. */
function budgetOf(c: StageCost, options: CostOptions): number | undefined {
  return options.budget ?? c.ownBudgetUsd;
}

function renderText(costs: StageCost[], options: CostOptions): string {
  const head =
    'Worst-case monthly cost: every function at its concurrency ceiling all month (functions without reserved ' +
    `concurrency at the account limit, ${options.accountConcurrencyLimit}), an invocation per environment every minimum ` +
    'duration, provisioned concurrency always on, and fixed costs (KMS keys, alarm metrics).';
  const parts = [head, ''];
  for (const c of costs) {
    parts.push(`Stage ${c.stage} (${c.stacks.length} stack${c.stacks.length === 1 ? '' : 's'})`);
    parts.push(WorstCaseCost.formatTable(c.report).trimEnd());
    const budget = budgetOf(c, options);
    if (budget !== undefined) {
      const over = c.report.totalMonthlyUsd > budget;
      const source = options.budget !== undefined ? '--budget' : "the stage's monthlyBudgetUsd";
      parts.push(
        `${over ? 'OVER BUDGET' : 'within budget'}: ${usd(c.report.totalMonthlyUsd)} USD ${over ? '>' : '<='} ${usd(budget)} USD (${source})`,
      );
    } else {
      parts.push('no budget (StageSpec.monthlyBudgetUsd, or --budget)');
    }
    parts.push('');
  }
  return parts.join('\n');
}

function renderJson(costs: StageCost[], options: CostOptions): string {
  return `${JSON.stringify(
    {
      schemaVersion: COST_SCHEMA_VERSION,
      accountConcurrencyLimit: options.accountConcurrencyLimit,
      minimumDurationMs: options.minimumDurationMs,
      budgetUsd: options.budget ?? null,
      stages: costs.map((c) => {
        const budget = budgetOf(c, options);
        return {
          stage: c.stage,
          stacks: c.stacks,
          monthlyBudgetUsd: c.ownBudgetUsd ?? null,
          totalMonthlyUsd: cents(c.report.totalMonthlyUsd),
          fixedMonthlyUsd: cents(c.report.fixedMonthlyUsd),
          otherFixedMonthlyUsd: cents(c.report.otherFixedMonthlyUsd),
          // Against --budget when given, else the stage's own; null when there is neither, never a reassuring false.
          overBudget: budget === undefined ? null : c.report.totalMonthlyUsd > budget,
          functions: c.report.functions.map((f) => centsOf(f)),
        };
      }),
    },
    null,
    2,
  )}\n`;
}

/** `bulkhead cost`: resolves to 0 (within --budget or none), 1 (a stage over --budget); throws UsageError (2). */
export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  if (options.help) {
    io.out(COST_USAGE);
    return EXIT_OK;
  }
  const assembly = openAssembly(options.assembly);
  const groups = groupsOf(assembly);
  if (groups.every((g) => g.stacks.length === 0)) {
    throw new UsageError(`--assembly ${displayPath(path.resolve(options.assembly))}: the assembly has no stacks`);
  }
  const settings = costSettings('bulkhead cost', {
    accountConcurrencyLimit: options.accountConcurrencyLimit,
    minimumInvocationDuration: Duration.millis(options.minimumDurationMs),
  });
  const costs = groups.map((g) => stageCost(g, settings));
  io.out(options.format === 'json' ? renderJson(costs, options) : renderText(costs, options));
  const over = costs.filter((c) => {
    const budget = budgetOf(c, options);
    return budget !== undefined && c.report.totalMonthlyUsd > budget;
  });
  if (over.length === 0) return EXIT_OK;
  io.err(
    `bulkhead cost: ${over.length} stage${over.length === 1 ? '' : 's'} over budget: ` +
      `${over.map((c) => `${c.stage} (${usd(c.report.totalMonthlyUsd)} USD > ${usd(budgetOf(c, options)!)} USD)`).join(', ')}\n`,
  );
  return EXIT_FINDINGS;
}
