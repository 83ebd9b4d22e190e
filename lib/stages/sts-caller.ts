import { DeployGuardFault } from './assembly-stages';

/** Who the credentials in hand belong to. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/** One attempt plus one retry: a throttled or flaky STS gets a second chance, a hung CI job does not. */
const MAX_ATTEMPTS = 2;

/** One line, no stack trace; credentials never appear in SDK error messages, but keep it short anyway. */
function oneLine(text: unknown): string {
  return String(text ?? '').split('\n')[0].slice(0, 300);
}

/** Turns an SDK/network error into the one-line reason of a fault (exit 2). */
export function describeStsError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? 'Error';
  const msg = oneLine(err?.message).replace(/^AWS SDK error wrapper for \w*Error: /, '');
  const code = err?.code ?? /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(msg)?.[1] ?? '';
  const status = err?.$metadata?.httpStatusCode;
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(msg)) {
    return `no AWS credentials found by the standard credential chain (env, SSO, profile, web identity, container/instance role): ${msg}`;
  }
  if (/^ExpiredToken/.test(name) || name === 'RequestExpired') {
    return `the AWS credentials have expired (${name}); refresh them (e.g. aws sso login) and retry: ${msg}`;
  }
  if (/AccessDenied|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/.test(name)) {
    return `STS refused the credentials (${name}): ${msg}`;
  }
  if (/Throttl|RequestLimitExceeded|TooManyRequests/.test(name)) {
    return `STS throttled the request (${name}) after ${MAX_ATTEMPTS} attempts; retry later: ${msg}`;
  }
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'ETIMEDOUT' || /timed? ?out|aborted/i.test(msg)) {
    return `STS did not answer within ${timeoutMs} ms (${name}); check the network or raise --timeout`;
  }
  if (code && code !== 'ETIMEDOUT') {
    return `STS endpoint unreachable (${code}): ${msg}`;
  }
  if (/parse error|Deserializ|unexpected content|Unexpected end/i.test(msg)) {
    return `STS returned a malformed reply${status ? ` (HTTP ${status})` : ''}: ${msg}`;
  }
  return `STS GetCallerIdentity failed (${name}${status ? `, HTTP ${status}` : ''}): ${msg}`;
}

/**
 * Calls STS GetCallerIdentity with the standard credential chain, bounded in time: connection and request timeouts on
 * the HTTP handler, at most two attempts, and an overall timer that aborts the call. Any failure is a
 * DeployGuardFault with a one-line reason; an account that is not 12 digits is a fault too.
 */
export async function getCallerIdentity(region: string, timeoutMs: number): Promise<CallerIdentity> {
  // The SDK's Node-version notice is about our runtime, not the user's deployment: keep it out of their CI log.
  if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  // Loaded lazily: only verify-account pays for loading the SDK.
  const sts = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const client = new sts.STSClient({
    region,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
  });
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const overall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' }));
    }, timeoutMs);
  });
  try {
    const reply = await Promise.race([client.send(new sts.GetCallerIdentityCommand({}), { abortSignal: abort.signal }), overall]);
    const account = reply.Account;
    if (typeof account !== 'string' || !/^\d{12}$/.test(account)) {
      throw new DeployGuardFault(`STS returned a malformed reply: account ${account === undefined ? 'missing' : JSON.stringify(oneLine(account).slice(0, 40))} is not 12 digits`);
    }
    return { account, arn: reply.Arn ?? '' };
  } catch (e) {
    if (e instanceof DeployGuardFault) throw e;
    throw new DeployGuardFault(describeStsError(e, timeoutMs));
  } finally {
    if (timer) clearTimeout(timer);
    client.destroy();
  }
}
