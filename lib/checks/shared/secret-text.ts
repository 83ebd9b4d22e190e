import { SecretDetector } from '../../core/secrets';
import { UNKNOWN } from '../../cfn/values';

/** The shortest literal start of a partly deploy-time value that is judged under the variable's name. */
const MIN_PREFIX = 8;

/**
 * Why a text a value may evaluate to (possible-texts.ts) holds a secret, or undefined (T2). A fully literal text is
 * judged as SecretDetector judges any value. A text with deploy-time parts (`UNKNOWN`), such as a connection URL
 * around a GetAtt of the endpoint, is judged by its formats and named parts (a password in the URL, `Password=` in a
 * connection string) and, under a secret-sounding name, by its literal start: `Sub: "hunter2-${Suffix}"` still
 * writes `hunter2-` into the template. A value that only ends in a literal (`${Prefix}-secret`) is a reference.
 */
export function secretInText(name: string, written: string): string | undefined {
  // A dynamic reference inside a value (`postgres://u:{{resolve:...}}@${Db.Endpoint.Address}`) is a reference too.
  const text = written.trim().startsWith('{{resolve:') ? written : written.replace(/\{\{resolve:[^}]*\}\}/g, UNKNOWN);
  if (!text.includes(UNKNOWN)) return SecretDetector.reasonFor(name, text);
  const byFormat = SecretDetector.reasonFor('', text);
  if (byFormat !== undefined) return byFormat;
  const prefix = text.slice(0, text.indexOf(UNKNOWN));
  return prefix.length >= MIN_PREFIX ? SecretDetector.reasonFor(name, prefix) : undefined;
}
