import { CfnResource } from 'aws-cdk-lib';
import { possibleTexts } from './possible-texts';
import { asList } from './references';
import { alternatives, textOf, UNKNOWN } from './values';

/**
 * Statements of IAM policy documents as templates hold them: a single statement or a list, parts possibly behind
 * `Fn::If`. Shared by the IAM rules and the TLS-only rules of SQS and SNS.
 */

/** One statement, with where it sits for details ("statement 2 (Sid X) of policy Y"). */
export interface PolicyStatement {
  readonly statement: { [key: string]: any };
  /** Human-readable position, e.g. `statement 1 (Sid ReadData)`. */
  readonly where: string;
}

/** Every statement a document may hold, whichever `Fn::If` branches apply. */
export function statementsOf(document: unknown): PolicyStatement[] {
  const found: PolicyStatement[] = [];
  for (const written of alternatives(document)) {
    const doc = documentFromText(written) ?? written;
    if (typeof doc !== 'object' || doc === null) continue;
    let n = 0;
    for (const branch of alternatives((doc as { Statement?: unknown }).Statement)) {
      for (const item of asList(branch)) {
        for (const s of alternatives(item)) {
          if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
          n++;
          const sid = typeof (s as { Sid?: unknown }).Sid === 'string' ? ` (Sid ${(s as { Sid: string }).Sid})` : '';
          found.push({ statement: s as { [key: string]: any }, where: `statement ${n}${sid}` });
        }
      }
    }
  }
  return found;
}

/** True unless the statement's Effect is literally `Deny` (an intrinsic Effect may be Allow). */
export function allows(statement: { [key: string]: any }): boolean {
  return statement.Effect !== 'Deny';
}

/** True when the statement's Effect is literally `Deny`. */
export function denies(statement: { [key: string]: any }): boolean {
  return statement.Effect === 'Deny';
}

/**
 * The literal strings of a statement element (Action, Resource...); `unknown` counts the intrinsic entries. Given
 * the resource holding the policy (`node`), an intrinsic entry also yields the texts its template decides (a
 * parameter's Default, a mapping, a Sub of literals), so `Action: !Ref Actions` with Default `iam:*` is judged
 * like the literal; it still counts as unknown when the deployer may pass something else.
 */
export function literalsOf(element: unknown, node?: CfnResource): { values: string[]; unknown: number } {
  const values: string[] = [];
  let unknown = 0;
  for (const branch of alternatives(element)) {
    for (const item of asList(branch)) {
      if (typeof item === 'string') values.push(item);
      else if (item === undefined) continue;
      else if (node === undefined) unknown++;
      else {
        const texts = possibleTexts(node, item);
        values.push(...texts.filter((t) => !t.includes(UNKNOWN)));
        if (texts.some((t) => t.includes(UNKNOWN))) unknown++;
      }
    }
  }
  return { values, unknown };
}

/** True when a pattern part is wildcards only with at least one `*` (`*`, `?*`, `*?*`): it matches any name. */
function anyName(part: string): boolean {
  return /^[*?]+$/.test(part) && part.includes('*');
}

/** True when an IAM action pattern covers every action of every service (`*`, `*:*`, `?*:Get*`...). */
export function isAllServicesAction(action: string): boolean {
  const [service] = action.split(':');
  return anyName(service);
}

/** True when an IAM action pattern covers every action of one service (`s3:*`, `s3:?*`), not a partial one (`s3:Get*`). */
export function isWholeServiceAction(action: string): boolean {
  const parts = action.split(':');
  return parts.length === 2 && anyName(parts[1]);
}

/** Services whose ARNs name the resource directly after the account, with no resource-type word. */
const UNTYPED_ARN_SERVICES = new Set(['s3', 'execute-api']);

/** `arn:<partition>:<service>:<region>:<account>:<resource>`, parts possibly deploy-time (`UNKNOWN`). */
const ARN = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/s;

/**
 * True when a resource ARN names every resource of its type: the name part is wildcards only (every object of
 * every bucket, `arn:aws:s3:::*` with `/*`; `...:table/*`, `...:function:*`, `...:secret:*`, `arn:aws:s3:::??????/*`). A leading resource-type word
 * (`table`, `function`, `secret`, `log-group`; S3 has none) is skipped; a named resource with a wildcard suffix (`bucket/*`,
 * `log-group:/aws/lambda/fn:*`) is scoped.
 */
export function isWildcardArn(text: string): boolean {
  const m = ARN.exec(text);
  if (!m) return false;
  const segments = m[2].split(/[/:]/).filter((s) => s !== '');
  // S3 (`bucket/key`) and execute-api (`api-id/stage/VERB/path`) ARNs have no resource-type word: the first
  // segment is the name, even when it looks like one (a lower-case API id such as `a1b2c3d4e5`).
  if (!UNTYPED_ARN_SERVICES.has(m[1]) && segments.length > 1 && /^[a-z][a-z0-9-]*$/.test(segments[0])) segments.shift();
  return segments.length > 0 && /^[*?]+$/.test(segments[0]);
}

/**
 * A policy document written as JSON text: a string, or a Fn::Sub/Fn::Join of JSON (`Fn::Sub: '{"Statement": ...}'`),
 * read as CloudFormation reads it once the deploy-time parts are in (they stay `UNKNOWN` inside strings). Undefined
 * when it is not such text or does not parse.
 */
function documentFromText(value: unknown): unknown {
  const isText =
    typeof value === 'string' ||
    (typeof value === 'object' && value !== null && ('Fn::Sub' in value || 'Fn::Join' in value) && Object.keys(value).length === 1);
  if (!isText) return undefined;
  const text = textOf(value);
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    return JSON.parse(text.split(UNKNOWN).join('\\u0000'));
  } catch {
    return undefined;
  }
}
