/**
 * What the secret detector (secrets.ts) knows beyond its first list, kept apart so each part stays reviewable:
 * more vendors' token formats, abbreviated secret names, values that are settings whatever their name says, and
 * structured values (JSON, `key=value` connection strings, headers) whose parts are judged by their own names.
 * Nothing here returns or logs the value it inspects.
 */

/** A value pattern that is a secret whatever the variable is called. */
export interface SecretFormat {
  readonly reason: string;
  readonly pattern: RegExp;
}

export const MORE_SECRET_FORMATS: readonly SecretFormat[] = [
  // A control character stands for a part known only at deploy time: never a literal password.
  // eslint-disable-next-line no-control-regex
  { reason: 'a URL with an embedded password', pattern: /^[a-z][a-z0-9+.-]*:\/\/:[^/\s@\x00-\x1f]+@/i },
  { reason: 'a New Relic key', pattern: /\b(NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|[A-Za-z0-9]{36}NRAL)\b/ },
  { reason: 'a Shopify access token', pattern: /\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}\b/ },
  { reason: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { reason: 'a HashiCorp Vault token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}\b/ },
  { reason: 'a Telegram bot token', pattern: /\b[0-9]{8,10}:AA[A-Za-z0-9_-]{32,}\b/ },
  { reason: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
  { reason: 'a Discord webhook URL', pattern: /discord(app)?\.com\/api\/webhooks\/[0-9]+\/[A-Za-z0-9_-]{40,}/ },
  { reason: 'a PyPI token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/ },
  { reason: 'a Grafana token', pattern: /\bgl(c|sa)_[A-Za-z0-9+/=_-]{32,}/ },
  { reason: 'a Databricks token', pattern: /\bdapi[a-f0-9]{32}\b/ },
  { reason: 'a Mailgun API key', pattern: /\bkey-[a-f0-9]{32}\b/ },
  { reason: 'a Square access token', pattern: /\bEAAA[A-Za-z0-9_-]{60}\b|\bsq0(atp|csp)-[A-Za-z0-9_-]{22,}/ },
  {
    reason: 'a Linear, Postman or Doppler token',
    pattern: /\b(lin_api_[A-Za-z0-9]{32,}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|dp\.(st|ct|pt|sa)\.[A-Za-z0-9_-]{40,})/,
  },
  { reason: 'a bearer token', pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{20,}=*/ },
];

/** Names that announce a secret in abbreviated or qualified form (DB_PASS, SMTP_PW, APP_ENCRYPTION_KEY, REDIS_AUTH, GITHUB_PAT...). */
export const MORE_SECRET_NAMES =
  /((^|_)(PASS|PW|PSWD)$|(ENCRYPTION|ADMIN|MASTER|HMAC|SESSION|LICENSE|INGEST|SERVICE|WRITE|ROOT|DEPLOY|APP|CLIENT|SERVER|WEBHOOK|SHARED)_?KEY$|(^|_)HMAC(_|$)|CONNECTION_?STRING|(^|_)DSN$|INSERT_?KEY$|(^|_)AUTHORIZATION$|(^|_)HONEYCOMB_TEAM$|(^|_)(AUTH|PAT|PEPPER|SALT)$)/i;

/** Name endings that say the value is a setting about secrets (how tokens are checked, where mail comes from). */
const SETTING_NAME =
  /(_ALGORITHM|_ALG|_ISSUER|_AUDIENCE|_SENDER|_FROM|_COOKIE|_SCOPES?|_POLICY|_MODE|_STRATEGY|_LOCATION|_SOURCE|_TYPE|_FORMAT|_PREFIX|_HOST|_EMAIL|_ADDRESS|_ENABLED|_LEVEL|_VERSION|_ALIAS|_KID|_TEMPLATE|_DIR|_LENGTH|_DAYS|_SECONDS|_TTL|_TIMEOUT|_COUNT|_LIMIT|_NAMESPACE)$/i;

/**
 * True when a value under a secret-sounding name is a setting by its structure or by what the name ends in: a URL
 * without credentials, an email address, words separated by spaces (scopes, a sentence), or a name ending in
 * `_ISSUER`, `_AUDIENCE`, `_ALGORITHM`, `_COOKIE`... Formats (secrets.ts patterns and the ones above) are judged
 * before this, so a token in a URL or a key under `*_PREFIX` is still found.
 */
export function looksLikeSetting(name: string, value: string): boolean {
  if (SETTING_NAME.test(name)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+(:[0-9]+)?(\/\S*)?$/i.test(value)) return true;
  if (/^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value)) return true;
  return /\s/.test(value) && !/[=:]/.test(value);
}

/**
 * True when what a token format matched is a chain of short lowercase words (`sk-orders-service-cache-prefix-v2`):
 * a resource or cache name that happens to start like a vendor prefix. Real tokens carry a long random segment.
 */
export function isWordChain(match: string): boolean {
  const words = match.split(/[-_.]/).filter((w) => w !== '');
  return words.length >= 3 && words.every((w) => /^[a-z0-9]{1,12}$/.test(w));
}

/**
 * Values their vendor documents as safe to publish, whatever the variable is called: a Sentry DSN without a secret
 * (it only lets events be sent), a Stripe publishable key. Formats are judged first, so a DSN carrying the legacy
 * secret (`https://public:secret@...`) is still a URL with an embedded password.
 */
export function isPublicByDesign(value: string): boolean {
  return /^https:\/\/[a-f0-9]{32}@[a-z0-9.-]*\.?sentry\.io\/[0-9]+$/.test(value) || /^pk_(live|test)_[A-Za-z0-9]{16,}$/.test(value);
}

/** Values written as JSON, `k=v;k=v` or `k=v&k=v` (connection strings, query strings) or a `Name: value` header. */
export function namedParts(value: string): Array<[string, string]> {
  const parts: Array<[string, string]> = [];
  const text = value.trim();
  if (/^[{[]/.test(text)) {
    try {
      collectJson(JSON.parse(text), '', parts, 0);
      return parts;
    } catch {
      // not JSON: read it as pairs below
    }
  }
  // `Name: value`, with the space HTTP writers put after the colon (ARNs and URLs have none).
  const header = /^([A-Za-z][A-Za-z0-9-]{1,63}):\s+(\S.*)$/.exec(text);
  if (header) parts.push([header[1], header[2]]);
  // `k=v,k=v` too: OpenTelemetry's OTEL_EXPORTER_OTLP_HEADERS carries vendors' ingest keys that way.
  for (const pair of text.split(/[;&?,]/)) {
    const eq = pair.indexOf('=');
    if (eq > 0 && eq < pair.length - 1) parts.push([pair.slice(0, eq).trim().replace(/\s+/g, '_'), pair.slice(eq + 1).trim()]);
  }
  return parts;
}

function collectJson(value: unknown, key: string, into: Array<[string, string]>, depth: number): void {
  if (depth > 20 || into.length > 200) return;
  if (typeof value === 'string') {
    if (key !== '') into.push([key, value]);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) collectJson(v, Array.isArray(value) ? key : k, into, depth + 1);
}
