import type * as LambdaSdk from '@aws-sdk/client-lambda';

/** A fault talking to Lambda or reading the assembly: exit 2 with this one-line message. */
export class BreakerFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BreakerFault';
    Object.setPrototypeOf(this, BreakerFault.prototype);
  }
}

/** One attempt plus one retry per call, as verify-account: a throttled Lambda gets a second chance, a hung job does not. */
const MAX_ATTEMPTS = 2;

function oneLine(text: unknown): string {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
}

/** The reason of a failed Lambda call, in one line, naming the operation and the function. */
export function describeLambdaError(e: unknown, operation: string, subject: string, timeoutMs: number): string {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? 'Error';
  const msg = oneLine(err?.message);
  const code = err?.code ?? /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(msg)?.[1] ?? '';
  const status = err?.$metadata?.httpStatusCode;
  const call = `Lambda ${operation} on ${subject}`;
  if (/Could not resolve credentials using profile/.test(msg)) {
    return `the profile gives no credentials (missing from the config and credentials files, or incomplete); no other source is tried: ${msg}`;
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(msg)) {
    return `no AWS credentials found by the standard credential chain (env, SSO, profile, web identity, container/instance role): ${msg}`;
  }
  if (/Region is missing/i.test(msg)) return 'no AWS region: pass --region or set AWS_REGION';
  if (/^ExpiredToken/.test(name) || name === 'RequestExpired') {
    return `the AWS credentials have expired (${name}); refresh them (e.g. aws sso login) and retry: ${msg}`;
  }
  if (name === 'ResourceNotFoundException') return `${call}: no such function in this account and region (${msg})`;
  if (/AccessDenied|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/.test(name))
    return `${call} was refused (${name}): ${msg}`;
  if (/Throttl|TooManyRequests|RequestLimitExceeded/.test(name))
    return `${call} was throttled (${name}) after ${MAX_ATTEMPTS} attempts; retry later`;
  if (name === 'ResourceConflictException') return `${call}: the function is being updated (${name}); retry when the update has finished`;
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'ETIMEDOUT' || /timed? ?out|aborted/i.test(msg)) {
    return `${call}: no answer within ${timeoutMs} ms (${name}); check the network or raise --timeout`;
  }
  if (code) return `Lambda endpoint unreachable (${code}): ${msg}`;
  return `${call} failed (${name}${status ? `, HTTP ${status}` : ''}): ${msg}`;
}

/**
 * Lambda calls with the standard credential chain, each bounded in time (connection and request timeouts, at most
 * two attempts, and an overall timer that aborts it). Every failure becomes a BreakerFault with a one-line reason.
 */
export class LambdaCalls {
  /** Loaded lazily: only `bulkhead breaker` pays for loading the SDK. */
  public readonly sdk: typeof LambdaSdk = require('@aws-sdk/client-lambda');
  private readonly client: LambdaSdk.LambdaClient;

  /** With `profile`, that profile alone (as verify-account: no silent fallback to another source); else the standard chain. */
  constructor(
    region: string | undefined,
    private readonly timeoutMs: number,
    profile?: string,
  ) {
    // The SDK's Node-version notice is about our runtime, not the user's functions: keep it out of their logs.
    if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    }
    this.client = new this.sdk.LambdaClient({
      ...(region ? { region } : {}),
      ...(profile !== undefined
        ? {
            credentials: (require('@aws-sdk/credential-provider-ini') as typeof import('@aws-sdk/credential-provider-ini')).fromIni({
              profile,
            }),
          }
        : {}),
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    });
  }

  /** Sends `command`; `subject` (the function name) appears in the fault message. */
  public async send<T>(command: any, subject: string): Promise<T> {
    const operation = String(command?.constructor?.name ?? 'call').replace(/Command$/, '');
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const overall = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { name: 'TimeoutError' }));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([this.client.send(command, { abortSignal: abort.signal }) as Promise<T>, overall]);
    } catch (e) {
      throw new BreakerFault(describeLambdaError(e, operation, subject, this.timeoutMs));
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  public destroy(): void {
    this.client.destroy();
  }
}
