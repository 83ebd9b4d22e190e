import * as http from 'http';
import { AddressInfo } from 'net';

/** What the fake STS answers to GetCallerIdentity. */
export type StsBehaviour =
  | { kind: 'identity'; account: string; arn?: string }
  | { kind: 'error'; status: number; code: string; message: string; type?: 'Sender' | 'Receiver' }
  | { kind: 'slow'; delayMs: number; account: string }
  | { kind: 'raw'; status: number; body: string; contentType?: string };

/** What the fake STS answers to AssumeRole. */
export type AssumeRoleBehaviour = { kind: 'grant' } | { kind: 'refuse'; status: number; code: string; message: string };

/** A request the fake STS received. */
export interface StsRequest {
  readonly method: string;
  readonly url: string;
  readonly form: URLSearchParams;
  readonly authorization: string | undefined;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A loopback STS (127.0.0.1, ephemeral port) speaking the query protocol: POST form body
 * `Action=GetCallerIdentity&Version=2011-06-15` → `GetCallerIdentityResponse` XML; errors as `ErrorResponse` XML with
 * Code/Message and the HTTP status STS uses. Point the SDK at it with `AWS_ENDPOINT_URL_STS = endpoint.url`.
 * `Action=AssumeRole` follows `assumeRole` (refused with AccessDenied unless set to grant): a granted session's
 * key, when it signs GetCallerIdentity, is answered with the role's own account, as STS does.
 */
export class StsEndpoint {
  public static async start(behaviour: StsBehaviour): Promise<StsEndpoint> {
    const endpoint = new StsEndpoint(behaviour);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  public behaviour: StsBehaviour;
  public assumeRole: AssumeRoleBehaviour = {
    kind: 'refuse',
    status: 403,
    code: 'AccessDenied',
    message: 'User is not authorized to perform: sts:AssumeRole',
  };
  public readonly requests: StsRequest[] = [];
  private readonly sessions = new Map<string, { account: string; arn: string }>();
  private readonly server: http.Server;
  private readonly sockets = new Set<import('net').Socket>();

  private constructor(behaviour: StsBehaviour) {
    this.behaviour = behaviour;
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', form, authorization: req.headers.authorization });
      const requestId = `req-${this.requests.length}`;
      if (req.method === 'POST' && form.get('Action') === 'AssumeRole' && form.get('Version') === '2011-06-15') {
        return this.assume(res, form, requestId);
      }
      const session = /Credential=(\w+)\//.exec(req.headers.authorization ?? '')?.[1];
      if (session && this.sessions.has(session) && form.get('Action') === 'GetCallerIdentity') {
        const s = this.sessions.get(session)!;
        return this.identity(res, s.account, s.arn, requestId);
      }
      if (req.method !== 'POST' || form.get('Action') !== 'GetCallerIdentity' || form.get('Version') !== '2011-06-15') {
        return this.error(
          res,
          400,
          'InvalidAction',
          `Could not find operation ${form.get('Action')} for version ${form.get('Version')}`,
          'Sender',
          requestId,
        );
      }
      const b = this.behaviour;
      switch (b.kind) {
        case 'identity':
          return this.identity(res, b.account, b.arn, requestId);
        case 'slow': {
          const t = setTimeout(() => {
            if (!res.destroyed) this.identity(res, b.account, undefined, requestId);
          }, b.delayMs);
          res.on('close', () => clearTimeout(t));
          return;
        }
        case 'error':
          return this.error(res, b.status, b.code, b.message, b.type ?? 'Sender', requestId);
        case 'raw':
          res.writeHead(b.status, { 'Content-Type': b.contentType ?? 'text/xml', 'x-amzn-RequestId': requestId });
          res.end(b.body);
          return;
      }
    });
  }

  private assume(res: http.ServerResponse, form: URLSearchParams, requestId: string): void {
    const b = this.assumeRole;
    if (b.kind === 'refuse') return this.error(res, b.status, b.code, b.message, 'Sender', requestId);
    const roleArn = form.get('RoleArn') ?? '';
    const match = /^arn:[\w-]+:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
    if (!match) return this.error(res, 400, 'ValidationError', `${roleArn} is not a role ARN`, 'Sender', requestId);
    const key = `ASIAFAKE${String(this.sessions.size).padStart(12, '0')}`;
    const session = form.get('RoleSessionName') ?? 'session';
    this.sessions.set(key, { account: match[1], arn: `arn:aws:sts::${match[1]}:assumed-role/${match[2]}/${session}` });
    res.writeHead(200, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
    res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${key}</AccessKeyId>
      <SecretAccessKey>fake-secret-${'x'.repeat(28)}</SecretAccessKey>
      <SessionToken>fake-session-token</SessionToken>
      <Expiration>2099-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>${xmlEscape(this.sessions.get(key)!.arn)}</Arn><AssumedRoleId>AROAFAKE:${xmlEscape(session)}</AssumedRoleId></AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>
</AssumeRoleResponse>`);
  }

  private identity(res: http.ServerResponse, account: string, arn: string | undefined, requestId: string): void {
    const callerArn = arn ?? `arn:aws:sts::${account}:assumed-role/deployer/ci`;
    res.writeHead(200, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
    res.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>${xmlEscape(callerArn)}</Arn>
    <UserId>AROAFAKEFAKEFAKE:ci</UserId>
    <Account>${xmlEscape(account)}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`);
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string, type: string, requestId: string): void {
    res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
    res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>`);
  }
}
