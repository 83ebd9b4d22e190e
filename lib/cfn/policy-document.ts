import { asList } from './references';
import { alternatives } from './values';

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
  for (const doc of alternatives(document)) {
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

/** The literal strings of a statement element (Action, Resource...); `unknown` counts the intrinsic entries. */
export function literalsOf(element: unknown): { values: string[]; unknown: number } {
  const values: string[] = [];
  let unknown = 0;
  for (const branch of alternatives(element)) {
    for (const item of asList(branch)) {
      if (typeof item === 'string') values.push(item);
      else if (item !== undefined) unknown++;
    }
  }
  return { values, unknown };
}

/** True when an IAM action pattern covers every action of every service (`*`, `*:*`, `*:Get*`...). */
export function isAllServicesAction(action: string): boolean {
  const [service] = action.split(':');
  return /^\*+$/.test(service);
}

/** True when an IAM action pattern covers every action of one service (`s3:*`), not a partial one (`s3:Get*`). */
export function isWholeServiceAction(action: string): boolean {
  const parts = action.split(':');
  return parts.length === 2 && /^\*+$/.test(parts[1]);
}
