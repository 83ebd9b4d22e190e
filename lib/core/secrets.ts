/**
 * The one secret detector shared by SecureFunction (synth error) and the Bulkhead-EnvSecret rule (T2).
 * It never returns or logs the value it inspects: callers print the variable name and the reason only.
 */

import {
  isPublicByDesign,
  isWordChain,
  looksLikeSetting,
  MORE_SECRET_FORMATS,
  MORE_SECRET_NAMES,
  namedParts,
  SecretFormat,
} from './secret-formats';

const VALUE_PATTERNS: SecretFormat[] = [
  { reason: 'an AWS access key ID', pattern: /\b(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}\b/ },
  { reason: 'a private key (PEM)', pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { reason: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { reason: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  // Slack tokens carry the workspace's number after the prefix (`xoxb-1234...-`); `xoxb-migration-notices` is a name.
  { reason: 'a Slack token', pattern: /\bxox(e\.xox)?[abposre]-[0-9]+-[A-Za-z0-9-]{10,}\b/ },
  { reason: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/ },
  // Test-mode keys too: they read and write the account's test data and are leaked the same way.
  { reason: 'a Stripe secret key', pattern: /\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}\b/ },
  { reason: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { reason: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { reason: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { reason: 'a Twilio API key', pattern: /\bSK[0-9a-f]{32}\b/ },
  { reason: 'an OpenAI or Anthropic API key', pattern: /\bsk-(ant-|proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { reason: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  // The password must be literal text: a part known only at deploy time (a control character) is a reference.
  // eslint-disable-next-line no-control-regex
  { reason: 'a URL with an embedded password', pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@\x00-\x1f]+@/i },
  ...MORE_SECRET_FORMATS,
];

/** Variable names that announce a secret. */
const SECRET_NAME =
  /(PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|CREDENTIALS?|CLIENT_?SECRET|SIGNING_?KEY)/i;

/** Suffixes that say the variable holds a reference to a secret, not the secret itself. */
const REFERENCE_NAME = /(_ARN|_NAME|_ID|_PATH|_PARAM|_PARAMETER|_REF|_KEY_ID|_TTL|_EXPIRY|_HEADER|_URL|_ENDPOINT|_REGION|_LENGTH|_FILE)$/i;

/** Values that are references or settings, never literal secrets. */
const REFERENCE_VALUE = /^(arn:aws[a-z-]*:|\{\{resolve:|\/|\$\{|alias\/|true$|false$|none$|null$|enabled?$|disabled?$)/i;

/** Names that hold passwords: a phrase of plain words is exactly what such a value may be. */
const PASSWORD_NAME = /(PASSWORD|PASSWD|PASSPHRASE|PWD)/i;

/** A value that reads as a resource name: two or more lowercase words of letters joined by -, _ or . (`orders-tokens-dev`). */
const RESOURCE_NAME_VALUE = /^[a-z]{2,}([-_.][a-z]{2,})+$/;

/** A Secrets Manager or SSM name written as a path of lowercase words (`prod/smtp`, `orders/db-credentials`). */
const SECRET_PATH_VALUE = /^[a-z0-9]+([-_.][a-z0-9]+)*(\/[a-z0-9]+([-_.][a-z0-9]+)*)+$/;

/** `{{resolve:...}}` dynamic references: where a secret lives, resolved by CloudFormation at deploy time. */
const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/g;

/** The minimum length and Shannon entropy (bits per character) for a literal under a secret-looking name. */
const MIN_LITERAL_LENGTH = 8;
const MIN_LITERAL_ENTROPY = 2.5;

/** Shannon entropy of a string, in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** True when the string looks like an AWS secret access key: 40 base64 characters of high entropy. */
function looksLikeAwsSecretKey(value: string): boolean {
  return /^[A-Za-z0-9/+]{40}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value) && entropy(value) >= 4.2;
}

/**
 * Detects environment variable values that look like secrets (threat T2).
 *
 * Reasons never contain the inspected value, so they are safe to print.
 */
export class SecretDetector {
  /**
   * Why the value of environment variable `name` looks like a secret, or `undefined` when it does not.
   *
   * @param name the environment variable name
   * @param value the literal value (unresolved tokens and intrinsic functions are references: pass them as undefined)
   */
  public static reasonFor(name: string, value?: string): string | undefined {
    // A dynamic reference inside a value (a URL's password) is a reference: judged as a part known at deploy time.
    const v = value?.replace(DYNAMIC_REFERENCE, (ref) => (ref === value.trim() ? ref : '\u0000'));
    return SecretDetector._reasonByValue(v) ?? SecretDetector._reasonByName(name, v);
  }

  /**
   * Why the value itself is a secret whatever its variable is called (a known key format, or a secret-named part inside
   * it such as a JSON password or a connection string's credentials): certain, so no
   * acknowledgement can let it through.
   * @internal
   */
  public static _reasonByValue(value?: string): string | undefined {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return undefined;
    for (const { reason, pattern } of VALUE_PATTERNS) {
      const match = pattern.exec(trimmed);
      if (match && !isWordChain(match[0])) return `its value looks like ${reason}`;
    }
    if (looksLikeAwsSecretKey(trimmed)) return 'its value looks like an AWS secret access key';
    // A secret inside a JSON value, a connection string or a header, judged by the part's own name.
    const part = SecretDetector.partReason(trimmed);
    if (part !== undefined) return part;
    return undefined;
  }

  /**
   * Why a literal under a secret-looking name may be a secret: the detector is unsure here, so SecureFunction's
   * `environmentNotSecret` can vouch for the value, with a reason.
   * @internal
   */
  public static _reasonByName(name: string, value?: string): string | undefined {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return undefined;
    // Header and JSON names write words with hyphens (X-Api-Key, DD-API-KEY), code writes them in camelCase (dbPass).
    const key = name.replace(/-/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2');
    if (
      (SECRET_NAME.test(key) || MORE_SECRET_NAMES.test(key)) &&
      !REFERENCE_NAME.test(key) &&
      SecretDetector.isLiteralSecret(key, trimmed) &&
      !looksLikeSetting(key, trimmed)
    ) {
      return `its name suggests a secret and its value is a literal (${trimmed.length} characters), not a reference`;
    }
    return undefined;
  }

  /** A secret inside a JSON value, a connection string or a header, judged by the part's own name. */
  private static partReason(value: string): string | undefined {
    for (const [key, part] of namedParts(value)) {
      if (part.length >= value.length) continue;
      const reason = SecretDetector.reasonFor(key, part);
      if (reason !== undefined) return `its part "${key}": ${reason}`;
    }
    return undefined;
  }

  /** True when a value under a secret-looking name is a literal secret rather than a reference, a setting or a resource name. */
  private static isLiteralSecret(name: string, value: string): boolean {
    if (REFERENCE_VALUE.test(value)) return false;
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(value)) return false;
    // `TOKEN_TABLE: orders-tokens-dev` names a table; under a password's name, plain words may be a passphrase.
    if (RESOURCE_NAME_VALUE.test(value) && !PASSWORD_NAME.test(name)) return false;
    if (SECRET_PATH_VALUE.test(value) || isPublicByDesign(value)) return false;
    return value.length >= MIN_LITERAL_LENGTH && entropy(value) >= MIN_LITERAL_ENTROPY;
  }
}
