/**
 * The adversarial corpus (issue 13): CloudFormation templates written from THREATS.md and from how attackers and
 * hurried engineers write templates, each labelled with its threat, class, whether it is clean, and the rule ids
 * that must fire. Scored through `bulkhead check --format json` only, so it survives refactors of the rules.
 */

/** One labelled template. */
export interface AdversarialCase {
  /** File name (without extension); unique. */
  readonly id: string;
  /** THREATS.md row, e.g. `T2`; `robustness` for the must-never-happen classes. */
  readonly threat: string;
  /** The evasion or look-alike class, e.g. `secret-in-join`. */
  readonly class: string;
  /** A clean look-alike: no error finding may be raised on it. */
  readonly clean: boolean;
  /** Rule ids (`Bulkhead-<Rule>`) that must each report at least one finding; empty for clean cases. */
  readonly expect: readonly string[];
  /** The template: an object is written as JSON, a string as YAML (short-form intrinsics allowed). */
  readonly template: object | string;
  /**
   * More templates of the same app, by name (written as `<id>.<name>.json|yaml`), checked in one `bulkhead check`
   * with `template` and judged together (a role used in two of them is shared); the case's findings are those of
   * all its templates. Cases without them are checked `--separately`, so cases never judge each other.
   */
  readonly otherTemplates?: { readonly [name: string]: object | string };
  /** Files next to the template, relative to `<id>.assets/` (code assets referenced by `aws:asset:path`). */
  readonly assets?: { readonly [file: string]: string };
  /**
   * Run alone with a broken output: `closed-pipe` (the reader goes away, as with `| head`) must end quietly or with
   * one line, `full-disk` (`--output /dev/full`) with exit 2 and one line; never a trace, never exit 1.
   */
  readonly io?: 'closed-pipe' | 'full-disk';
  /**
   * A template CloudFormation itself rejects (an invalid logical ID, a cycle, hostile YAML...): run alone, `bulkhead
   * check` must refuse it with exit 2 and one line that says what is wrong with the template (not a JavaScript error
   * such as `x is not a function`), never a trace, never a hang.
   */
  readonly refused?: boolean;
}

/**
 * The day the labels hold for: dated rules (a deprecated runtime) are judged as of it (`bulkhead check --today`), so a
 * clean case on nodejs22.x stays clean after AWS deprecates it.
 */
export const CORPUS_DATE = '2026-11-30';

export const ACCOUNT = '111111111111';
export const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee`;
export const DLQ_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dlq`;
export const SAFE_JS = 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });';

type Props = { [key: string]: unknown };

/**
 * A function hardened the way THREATS.md asks (own role, ceiling, customer-managed key, DLQ, current runtime),
 * with `over` replacing properties (`undefined` removes one). Cases change only what they are about.
 */
export function fn(name: string, over: Props = {}): Props {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
      Code: { ZipFile: SAFE_JS },
      MemorySize: 256,
      Timeout: 10,
      ReservedConcurrentExecutions: 5,
      KmsKeyArn: KEY_ARN,
      DeadLetterConfig: { TargetArn: DLQ_ARN },
      ...over,
    },
  };
}

/** A hardened function with these environment variables. */
export function envFn(vars: Props, over: Props = {}): Props {
  return fn('env', { Environment: { Variables: vars }, ...over });
}

/** A template around these resources (and other sections: Parameters, Mappings, Conditions...). */
export function tpl(resources: Props, sections: Props = {}): object {
  return { AWSTemplateFormatVersion: '2010-09-09', ...sections, Resources: resources };
}

/** A dirty case: every rule of `expect` must report it. */
export function bad(
  id: string,
  threat: string,
  cls: string,
  expect: string[],
  template: object | string,
  assets?: AdversarialCase['assets'],
): AdversarialCase {
  return { id, threat, class: cls, clean: false, expect: expect.map((r) => `Bulkhead-${r}`), template, assets };
}

/** A template CloudFormation rejects: `bulkhead check` must refuse it with exit 2 and one line saying why. */
export function refused(id: string, cls: string, template: object | string): AdversarialCase {
  return { id, threat: 'robustness', class: cls, clean: true, expect: [], template, refused: true };
}

/** A clean look-alike: no error finding may be raised. */
export function clean(
  id: string,
  threat: string,
  cls: string,
  template: object | string,
  assets?: AdversarialCase['assets'],
): AdversarialCase {
  return { id, threat, class: cls, clean: true, expect: [], template, assets };
}

/** A case of several templates judged together as one app (see `otherTemplates`). */
export function badApp(
  id: string,
  threat: string,
  cls: string,
  expect: string[],
  template: object | string,
  otherTemplates: { [name: string]: object | string },
): AdversarialCase {
  return { ...bad(id, threat, cls, expect, template), otherTemplates };
}

/** A clean look-alike of several templates judged together as one app. */
export function cleanApp(
  id: string,
  threat: string,
  cls: string,
  template: object | string,
  otherTemplates: { [name: string]: object | string },
): AdversarialCase {
  return { ...clean(id, threat, cls, template), otherTemplates };
}
