import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { BULKHEAD_VERSION } from '../version';
import { judgeTogether, validationRun } from '../cfn/resolve';
import { recordStackOrigin } from '../cfn/stack-origin';
import { isIsoDate } from '../core/clock';
import { readAssembly } from './check/assembly-reader';
import { compareFindings, Finding, PackFinding, summarize, TemplateResult } from './check/findings';
import { renderJson } from './check/formats/json';
import { renderSarif } from './check/formats/sarif';
import { renderText } from './check/formats/text';
import { failedSynthResults } from './check/failed-synth';
import { includeTemplate, IncludedTemplate } from './check/include-template';
import { CheckPack, PACK_NAMES, resolvePacks } from './check/packs';
import { samLocation, samNoticeFindings } from './check/sam-findings';
import { loadTemplateFile, LoadedTemplate } from './check/template-loader';
import { CliIo, EXIT_FINDINGS, EXIT_OK, oneOf, parseCliArgs, UsageError } from './io';

const FORMATS = ['text', 'json', 'sarif'];
const FAIL_ON = ['error', 'warning'];

export const CHECK_USAGE = `Usage: bulkhead check <template.json|yaml>... [options]
       bulkhead check --assembly cdk.out [options]

Checks CloudFormation templates (JSON or YAML, short-form intrinsics included; SAM templates are expanded
offline first) or every stack of a synthesized cloud assembly (stages included) against the rule packs.

Options:
  --format text|json|sarif   report format (default: text)
  --packs <list>             comma-separated packs: ${PACK_NAMES.join(', ')} (default: bulkhead)
  --assembly <dir>           check every stack of a cloud assembly (cdk.out)
  --fail-on error|warning    lowest level that makes the exit code 1 (default: error)
  --today YYYY-MM-DD         judge dated rules (deprecated runtimes) as of this day (default: the
                             cdk-bulkhead:today context, else today, UTC)
  --output <file>            write the report to a file instead of standard output
  --separately               judge each template on its own (templates of unrelated apps or accounts); by
                             default the templates of one run are one app: a role that functions in two of
                             them use is shared
  -h, --help                 show this help

Exit codes: 0 no error findings, 1 findings at or above --fail-on, 2 unusable input.
`;

interface CheckOptions {
  readonly files: string[];
  readonly format: string;
  readonly packs: CheckPack[];
  readonly packNames: string[];
  readonly assembly?: string;
  readonly failOn: string;
  readonly output?: string;
  readonly separately: boolean;
  readonly help: boolean;
}

function parseOptions(args: string[]): CheckOptions {
  const parsed = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      packs: { type: 'string' },
      assembly: { type: 'string' },
      'fail-on': { type: 'string' },
      today: { type: 'string' },
      output: { type: 'string', short: 'o' },
      separately: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const v = parsed.values;
  const help = v.help === true;
  const packList = (v.packs as string | undefined) ?? 'bulkhead';
  const today = v.today as string | undefined;
  if (today !== undefined && !isIsoDate(today)) {
    throw new UsageError(`--today '${today}' is not a date; pass YYYY-MM-DD (e.g. --today 2026-11-30) or omit it for today (UTC)`);
  }
  const options: CheckOptions = {
    files: parsed.positionals,
    format: oneOf('format', (v.format as string | undefined) ?? 'text', FORMATS),
    packs: help ? [] : resolvePacks(packList, today),
    packNames: packList
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== ''),
    assembly: v.assembly as string | undefined,
    failOn: oneOf('fail-on', (v['fail-on'] as string | undefined) ?? 'error', FAIL_ON),
    output: v.output as string | undefined,
    separately: v.separately === true,
    help,
  };
  if (!help) {
    if (options.assembly === undefined && options.files.length === 0) {
      throw new UsageError('no templates given; pass template files or --assembly <cdk.out>');
    }
    if (options.assembly !== undefined && options.files.length > 0) {
      throw new UsageError('pass template files or --assembly, not both');
    }
  }
  return options;
}

/** A pack that breaks on a template is a fault, reported like bad input (exit 2, one line), never a trace. */
function packFindings(pack: CheckPack, scope: IConstruct, file: string): PackFinding[] {
  try {
    return pack.findings(scope);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(`${file}: the ${pack.name} pack could not check this template: ${message.split('\n')[0]}`);
  }
}

/** One validation run per template (`--separately`): the loader's rendering of each resource is what the Bulkhead pack reads. */
function checkTemplate(loaded: LoadedTemplate, packs: CheckPack[]): TemplateResult {
  return validationRun(() => checkIncluded(loaded, includeTemplate(loaded), packs));
}

/**
 * One validation run for all the templates, judged together as the stacks of one app (a role used by functions in
 * two of them is shared); templates an assembly places in different accounts or stages stay apart.
 */
function checkTogether(templates: LoadedTemplate[], packs: CheckPack[]): TemplateResult[] {
  return validationRun(() => {
    const included = templates.map((loaded) => {
      const one = includeTemplate(loaded);
      recordStackOrigin(one.stack, {
        ...loaded.deployment,
        group: loaded.deployment?.group ?? '',
        nameOf: (logicalId) => {
          const original = one.restore(logicalId);
          return constructPathOf(loaded, original) ?? `${original} (${loaded.stackName ?? loaded.file})`;
        },
      });
      return one;
    });
    judgeTogether(included.map((one) => one.stack));
    return templates.map((loaded, i) => checkIncluded(loaded, included[i], packs));
  });
}

/** The construct path of a resource, from its template metadata or the assembly's manifest. */
function constructPathOf(loaded: LoadedTemplate, logicalId: string): string | undefined {
  const resources = loaded.template.Resources as { [id: string]: { Metadata?: { [key: string]: unknown } } };
  // Logical IDs may be Object.prototype names (constructor, toString): read own properties only.
  const metadataPath = Object.prototype.hasOwnProperty.call(resources, logicalId)
    ? resources[logicalId]?.Metadata?.['aws:cdk:path']
    : undefined;
  return typeof metadataPath === 'string' ? metadataPath : loaded.constructPathOf?.(logicalId);
}

function checkIncluded(loaded: LoadedTemplate, included: IncludedTemplate, packs: CheckPack[]): TemplateResult {
  const findings: Finding[] = [];
  const acknowledged: Finding[] = [];
  const seen = new Set<string>();
  const resources = loaded.template.Resources as { [id: string]: { Metadata?: { [key: string]: unknown } } };
  for (const pack of packs) {
    for (const f of packFindings(pack, included.stack, loaded.file)) {
      const logicalId =
        included.logicalIds.get(f.constructPath) ?? included.restore(f.logicalId ?? (f.constructPath.split('/').pop() || '(template)'));
      const message = included.restore(f.message);
      const key = `${f.rule}\u0000${logicalId}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sam = samLocation(loaded, logicalId, f.id);
      const cdkPath = constructPathOf(loaded, logicalId);
      const source = loaded.sourceOf?.(logicalId);
      (f.acknowledgement ? acknowledged : findings).push({
        rule: f.rule,
        id: included.restore(f.id),
        level: f.level,
        resource: sam?.resource ?? logicalId,
        template: loaded.file,
        stack: loaded.stackName,
        message,
        line: sam ? sam.line : loaded.lineOf(logicalId),
        ruleDescription: f.ruleDescription,
        helpUri: f.helpUri,
        ...(sam?.part !== undefined ? { part: sam.part } : {}),
        ...(sam !== undefined && sam.resource !== logicalId ? { generatedId: logicalId } : {}),
        ...(typeof cdkPath === 'string' ? { constructPath: cdkPath } : {}),
        ...(source ? { source } : {}),
        ...(f.acknowledgement ? { acknowledgement: f.acknowledgement } : {}),
      });
    }
  }
  findings.push(...samNoticeFindings(loaded));
  findings.sort(compareFindings);
  acknowledged.sort(compareFindings);
  return {
    template: loaded.file,
    stack: loaded.stackName,
    resources: Object.keys(resources).length,
    findings,
    acknowledged,
  };
}

function writeReport(report: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    io.out(report);
    return;
  }
  try {
    fs.writeFileSync(path.resolve(output), report);
  } catch (e) {
    throw new UsageError(`--output ${output}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** `bulkhead check`: resolves to 0 (no error findings), 1 (findings at or above --fail-on); throws UsageError (2). */
export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  if (options.help) {
    io.out(CHECK_USAGE);
    return EXIT_OK;
  }
  // Every input is read and validated before any is checked: one unusable file fails the run fast.
  const failed = options.assembly !== undefined ? failedSynthResults(options.assembly) : undefined;
  if (failed) {
    io.err(
      `bulkhead check: the latest cdk synth failed and wrote no templates; reporting the Bulkhead findings it recorded in ${failed.file}\n`,
    );
  }
  const templates = failed
    ? []
    : options.assembly !== undefined
      ? readAssembly(options.assembly)
      : options.files.map((file) => loadTemplateFile(file));
  const results =
    failed?.results ??
    (options.separately ? templates.map((t) => checkTemplate(t, options.packs)) : checkTogether(templates, options.packs));
  const summary = summarize(results);
  const report =
    options.format === 'json'
      ? renderJson(results, summary)
      : options.format === 'sarif'
        ? renderSarif(results, BULKHEAD_VERSION)
        : renderText(results, summary, options.packNames);
  writeReport(report, options.output, io);
  if (options.output !== undefined) {
    io.err(`bulkhead check: ${summary.errors} errors, ${summary.warnings} warnings; report written to ${options.output}\n`);
  }
  const failing = summary.errors + (options.failOn === 'warning' ? summary.warnings : 0);
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
}
