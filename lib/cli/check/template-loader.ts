import * as path from 'path';
import { UsageError } from '../io';
import { SamExpansion } from '../../sam';
import { expandSamFile } from './sam-template';
import { Acknowledgement, templateAcknowledgements } from './acknowledgements';
import { SourceLocation } from './findings';
import { TemplateFileError } from '../../cfn/template-error';
import { readTemplateFile, withAbsoluteAssetPaths } from '../../cfn/template-file';
import { assertTemplateShape, Template } from '../../cfn/template-shape';

/** A template read from disk, normalized to CloudFormation's long (JSON) form. */
export interface LoadedTemplate {
  /** The path as reports show it: relative to the working directory when inside it. */
  readonly file: string;
  readonly absolutePath: string;
  readonly template: Template;
  /** The stack the template belongs to, when it comes from a cloud assembly. */
  readonly stackName?: string;
  /** Where the stack deploys, as its cloud assembly states it (`group`: the assembly or stage holding it). */
  readonly deployment?: { readonly account: string; readonly region: string; readonly stackName: string; readonly group: string };
  /** Rules acknowledged on resources (template metadata, or the assembly's record of CDK acknowledgements). */
  readonly acknowledgements: Acknowledgement[];
  /** 1-based line of a resource's logical ID in the source file, when it can be found. */
  lineOf(logicalId: string): number | undefined;
  /** The app source that created a resource, when the assembly recorded it. */
  sourceOf?(logicalId: string): SourceLocation | undefined;
  /** The construct path of a resource, when the assembly recorded it. */
  constructPathOf?(logicalId: string): string | undefined;
  /** 1-based line of the key at a path of the source file (YAML), when it can be found. */
  lineAt?(path: readonly string[]): number | undefined;
  /** For a SAM file: where each generated resource comes from, and what was not judged. */
  readonly sam?: Omit<SamExpansion, 'template'>;
}

/**
 * Reads a JSON or YAML template (short-form intrinsics included) with lib/cfn's reader, expands SAM, and refuses
 * with a one-line UsageError anything that is not a template the packs can judge.
 */
export function loadTemplateFile(fileArg: string, stackName?: string, extraAcknowledgements: Acknowledgement[] = []): LoadedTemplate {
  try {
    const parsed = readTemplateFile(fileArg);
    const { file, absolutePath } = parsed;
    // SAM is expanded into the CloudFormation its transform would produce; the rest of the check is unchanged.
    const sam = expandSamFile(file, parsed.value, path.dirname(absolutePath));
    const template = withAbsoluteAssetPaths(assertTemplateShape(file, sam?.template ?? parsed.value), path.dirname(absolutePath));
    const acknowledgements = [...templateAcknowledgements(template), ...extraAcknowledgements];
    return {
      file,
      absolutePath,
      template,
      stackName,
      acknowledgements,
      lineOf: parsed.lineOf,
      lineAt: parsed.lineAt,
      sam: sam && { sources: sam.sources, notices: sam.notices },
    };
  } catch (e) {
    if (e instanceof TemplateFileError) throw new UsageError(e.message);
    throw e;
  }
}
