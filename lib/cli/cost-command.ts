import * as fs from 'fs';
import * as path from 'path';
import { AssetManifestArtifact, CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { costSettings, CostSettings, DEFAULT_ACCOUNT_CONCURRENCY, reportOf, templateFigures } from '../billing/function-cost';
import { WorstCaseCost, WorstCaseCostReport } from '../billing/worst-case-cost';
import { openAssembly } from './check/assembly-reader';
import { CliIo, EXIT_FINDINGS, EXIT_OK, oneOf, parseCliArgs, UsageError } from './io';
import { displayPath, usd } from '../core/display';

export const COST_USAGE = `Usage: bulkhead cost [--assembly cdk.out] [options]

Prints the worst-case monthly Lambda compute cost of each stage of a synthesized cloud assembly: every function
running its reserved concurrency (or, without one, the account limit) all month at its memory and architecture.
A stage is a nested cloud assembly (its own nested stages included); stacks outside any stage form the group
'(app)', so a flat app is one group.

Options:
  --assembly <dir>               cloud assembly directory (default: cdk.out)
  --format text|json             report format (default: text)
  --budget <usd>                 exit 1 when any stage's worst case exceeds this many USD per month
  --account-concurrency <n>      concurrency counted for functions without reserved concurrency (default: ${DEFAULT_ACCOUNT_CONCURRENCY})
  -h, --help                     show this help

Exit codes: 0 every stage within --budget (or no --budget), 1 a stage over it, 2 unusable input or options.
`;

const FORMATS = ['text', 'json'];
const APP_GROUP = '(app)';

interface CostOptions {
  readonly assembly: string;
  readonly format: string;
  readonly budget?: number;
  readonly accountConcurrencyLimit: number;
  readonly help: boolean;
}

/** A stage's cost: its stacks and the report over all their functions. */
interface StageCost {
  readonly stage: string;
  readonly stacks: string[];
  readonly report: WorstCaseCostReport;
}

function parseOptions(args: string[]): CostOptions {
  const parsed = parseCliArgs({
    args,
    allowPositionals: false,
    options: {
      'assembly': { type: 'string' },
      'format': { type: 'string' },
      'budget': { type: 'string' },
      'account-concurrency': { type: 'string' },
      'help': { type: 'boolean', short: 'h' },
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
  return {
    assembly: (v.assembly as string | undefined) ?? 'cdk.out',
    format,
    budget,
    accountConcurrencyLimit: Number(limitText),
    help: v.help === true,
  };
}

/** Stacks outside any stage, then every stage at any depth; a stage's nested stages count in it too. */
function groupsOf(assembly: CloudAssembly): Array<{ id: string; stacks: CloudFormationStackArtifact[] }> {
  const groups: Array<{ id: string; stacks: CloudFormationStackArtifact[] }> = [];
  if (assembly.stacks.length > 0) groups.push({ id: APP_GROUP, stacks: assembly.stacks });
  const visit = (asm: CloudAssembly): void => {
    for (const nested of asm.nestedAssemblies) {
      groups.push({ id: nested.displayName || nested.id, stacks: nested.nestedAssembly.stacksRecursively });
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
      out.push({ label: `${label}/${source.replace(/\.nested\.template\.json$/, '')}`, template: readJson(file, 'a nested stack template') });
    }
  }
  return out;
}

function stageCost(group: { id: string; stacks: CloudFormationStackArtifact[] }, settings: CostSettings): StageCost {
  const figures = group.stacks.flatMap((stack) => templatesOf(stack).flatMap(({ label, template }) => templateFigures(template, label, settings)));
  return { stage: group.id, stacks: group.stacks.map((s) => s.hierarchicalId || s.stackName), report: reportOf(figures) };
}

function renderText(costs: StageCost[], options: CostOptions): string {
  const head = 'Worst-case monthly Lambda compute cost: every function at its concurrency ceiling all month '
    + `(functions without reserved concurrency at the account limit, ${options.accountConcurrencyLimit}).`;
  const parts = [head, ''];
  for (const c of costs) {
    parts.push(`Stage ${c.stage} (${c.stacks.length} stack${c.stacks.length === 1 ? '' : 's'})`);
    parts.push(WorstCaseCost.formatTable(c.report).trimEnd());
    if (options.budget !== undefined) {
      const over = c.report.totalMonthlyUsd > options.budget;
      parts.push(`${over ? 'OVER BUDGET' : 'within budget'}: ${usd(c.report.totalMonthlyUsd)} USD ${over ? '>' : '<='} ${usd(options.budget)} USD`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

function renderJson(costs: StageCost[], options: CostOptions): string {
  return `${JSON.stringify({
    accountConcurrencyLimit: options.accountConcurrencyLimit,
    budgetUsd: options.budget ?? null,
    stages: costs.map((c) => ({
      stage: c.stage,
      stacks: c.stacks,
      totalMonthlyUsd: c.report.totalMonthlyUsd,
      overBudget: options.budget !== undefined && c.report.totalMonthlyUsd > options.budget,
      functions: c.report.functions,
    })),
  }, null, 2)}\n`;
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
  const settings = costSettings('bulkhead cost', { accountConcurrencyLimit: options.accountConcurrencyLimit });
  const costs = groups.map((g) => stageCost(g, settings));
  io.out(options.format === 'json' ? renderJson(costs, options) : renderText(costs, options));
  const budget = options.budget;
  if (budget === undefined) return EXIT_OK;
  const over = costs.filter((c) => c.report.totalMonthlyUsd > budget);
  if (over.length === 0) return EXIT_OK;
  io.err(`bulkhead cost: ${over.length} stage${over.length === 1 ? '' : 's'} over the budget of ${usd(budget)} USD per month: `
    + `${over.map((c) => `${c.stage} (${usd(c.report.totalMonthlyUsd)} USD)`).join(', ')}\n`);
  return EXIT_FINDINGS;
}
