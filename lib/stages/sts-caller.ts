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
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
}

/** Temporary credentials of an assumed role. */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** Turns an SDK/network error into the one-line reason of a fault (exit 2). */
export function describeStsError(e: unknown, timeoutMs: number, operation = 'GetCallerIdentity'): string {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? 'Error';
  const msg = oneLine(err?.message).replace(/^AWS SDK error wrapper for \w*Error: /, '');
  const code = err?.code ?? /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(msg)?.[1] ?? '';
  const status = err?.$metadata?.httpStatusCode;
  if (/Could not resolve credentials using profile/.test(msg)) {
    return `the profile gives no credentials (missing from the config and credentials files, or incomplete); no other source is tried: ${msg}`;
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(msg)) {
    return `no AWS credentials found by the standard credential chain (env, SSO, profile, web identity, container/instance role): ${msg}`;
  }
  if (operation.startsWith('AssumeRole') && /AccessDenied|InvalidClientTokenId|NoSuchEntity|ValidationError|RegionDisabled/.test(name)) {
    return `STS refused ${operation} (${name}); is the stage account bootstrapped to trust this account (cdk bootstrap --trust)? ${msg}`;
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
  return `STS ${operation} failed (${name}${status ? `, HTTP ${status}` : ''}): ${msg}`;
}

type Sts = typeof import('@aws-sdk/client-sts');

function loadSts(): Sts {
  // The SDK's Node-version notice is about our runtime, not the user's deployment: keep it out of their CI log.
  if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  // Loaded lazily: only verify-account pays for loading the SDK.
  return require('@aws-sdk/client-sts') as Sts;
}

/**
 * Where the guard's own credentials come from: with a profile, that profile alone (the SDK's default chain would
 * fall through to the next source, e.g. a container role, when the profile is missing); else the standard chain.
 */
export type CredentialSource = { profile: string } | { session: SessionCredentials } | undefined;

function credentialsFor(source: CredentialSource): unknown {
  if (source === undefined) return undefined;
  if ('session' in source) return source.session;
  const ini = require('@aws-sdk/credential-provider-ini') as typeof import('@aws-sdk/credential-provider-ini');
  return ini.fromIni({ profile: source.profile });
}

/**
 * Sends one STS command bounded in time: connection and request timeouts on the HTTP handler, at most two attempts,
 * and an overall timer that aborts the call. Any failure is a DeployGuardFault with a one-line reason.
 */
async function send<T>(
  region: string,
  timeoutMs: number,
  source: CredentialSource,
  operation: string,
  command: (sts: Sts) => unknown,
): Promise<T> {
  const sts = loadSts();
  const client = new sts.STSClient({
    region,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    ...(source ? { credentials: credentialsFor(source) as any } : {}),
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
    return await Promise.race([client.send(command(sts) as any, { abortSignal: abort.signal }) as Promise<T>, overall]);
  } catch (e) {
    if (e instanceof DeployGuardFault) throw e;
    throw new DeployGuardFault(describeStsError(e, timeoutMs, operation));
  } finally {
    if (timer) clearTimeout(timer);
    client.destroy();
  }
}

/** Calls STS GetCallerIdentity (bounded, see `send`); an account that is not 12 digits is a fault too. */
export async function getCallerIdentity(region: string, timeoutMs: number, source?: CredentialSource): Promise<CallerIdentity> {
  const reply = await send<{ Account?: string; Arn?: string }>(
    region,
    timeoutMs,
    source,
    'GetCallerIdentity',
    (sts) => new sts.GetCallerIdentityCommand({}),
  );
  const account = reply.Account;
  if (typeof account !== 'string' || !/^\d{12}$/.test(account)) {
    throw new DeployGuardFault(
      `STS returned a malformed reply: account ${account === undefined ? 'missing' : JSON.stringify(oneLine(account).slice(0, 40))} is not 12 digits`,
    );
  }
  return { account, arn: reply.Arn ?? '' };
}

/**
 * Assumes `roleArn` (bounded, see `send`) and returns its temporary credentials. Every failure, a reply without
 * credentials included, is a fault: the guard never goes on with the credentials it started with.
 */
export async function assumeRole(
  roleArn: string,
  region: string,
  timeoutMs: number,
  source?: CredentialSource,
): Promise<SessionCredentials> {
  const reply = await send<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }>(
    region,
    timeoutMs,
    source,
    `AssumeRole of ${roleArn}`,
    (sts) => new sts.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bulkhead-verify-account', DurationSeconds: 900 }),
  );
  const c = reply.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
    throw new DeployGuardFault(`STS returned a malformed reply to AssumeRole of ${roleArn}: no complete credentials`);
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}
