import * as http from 'http';
import { AddressInfo } from 'net';

/** A fault the next matching request gets instead of a normal reply. */
export interface LambdaFault {
  readonly method: 'GET' | 'PUT';
  readonly status?: number;
  readonly type?: string;
  readonly delayMs?: number;
}

export interface RecordedCall {
  readonly method: string;
  readonly functionName: string;
  readonly body?: any;
}

interface FunctionState {
  variables: { [k: string]: string };
  revision: number;
  environmentError?: string;
}

/**
 * A loopback HTTP server speaking the Lambda REST-JSON API for GetFunctionConfiguration and
 * UpdateFunctionConfiguration, for testing the real @aws-sdk/client-lambda via AWS_ENDPOINT_URL_LAMBDA.
 */
export class LambdaEndpoint {
  public readonly calls: RecordedCall[] = [];
  private readonly functions = new Map<string, FunctionState>();
  private readonly faults: LambdaFault[] = [];
  private server?: http.Server;

  public addFunction(name: string, variables: { [k: string]: string }, environmentError?: string): void {
    this.functions.set(name, { variables: { ...variables }, revision: 1, environmentError });
  }

  public variables(name: string): { [k: string]: string } {
    return { ...this.functions.get(name)!.variables };
  }

  /** Queues faults, consumed in order by the next requests with the same method. */
  public inject(...faults: LambdaFault[]): void {
    this.faults.push(...faults);
  }

  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  public async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const match = /^\/2015-03-31\/functions\/([^/]+)\/configuration/.exec(req.url ?? '');
    const method = req.method ?? '';
    if (!match) return this.error(res, 404, 'ResourceNotFoundException', `unknown path ${req.url}`);
    const name = decodeURIComponent(match[1]);
    const body = raw ? JSON.parse(raw) : undefined;
    this.calls.push({ method, functionName: name, body });

    const faultIndex = this.faults.findIndex((f) => f.method === method);
    if (faultIndex >= 0) {
      const fault = this.faults.splice(faultIndex, 1)[0];
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status) return this.error(res, fault.status, fault.type ?? 'ServiceException', 'injected fault');
    }
    const fn = this.functions.get(name);
    if (!fn) return this.error(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
    if (method === 'PUT') {
      if (body?.RevisionId !== undefined && body.RevisionId !== `rev-${fn.revision}`) {
        return this.error(res, 412, 'PreconditionFailedException', 'The RevisionId provided does not match the latest RevisionId');
      }
      if (body?.Environment?.Variables) fn.variables = { ...body.Environment.Variables };
      fn.revision += 1;
    } else if (method !== 'GET') {
      return this.error(res, 405, 'InvalidRequestContentException', 'method not allowed');
    }
    const reply = {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:eu-west-1:111111111111:function:${name}`,
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      RevisionId: `rev-${fn.revision}`,
      State: 'Active',
      LastUpdateStatus: method === 'PUT' ? 'InProgress' : 'Successful',
      Environment: fn.environmentError
        ? { Error: { ErrorCode: fn.environmentError, Message: 'Lambda was unable to decrypt the environment variables' } }
        : { Variables: fn.variables },
    };
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' });
    res.end(JSON.stringify(reply));
  }

  private error(res: http.ServerResponse, status: number, type: string, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': 'req-err' });
    res.end(JSON.stringify({ Type: 'User', Message: message, message }));
  }
}
