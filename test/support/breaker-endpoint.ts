import * as http from 'http';
import { AddressInfo } from 'net';

/** A fault the next request of `operation` gets instead of a normal reply. */
export interface BreakerFault {
  readonly operation: string;
  readonly status?: number;
  readonly type?: string;
  readonly delayMs?: number;
}

export interface BreakerCall {
  readonly operation: string;
  readonly functionName?: string;
  readonly query: URLSearchParams;
  readonly body?: any;
}

/** One function as Lambda holds it: reserved concurrency (undefined: none), provisioned configs, tags. */
export interface FakeFunction {
  reserved?: number;
  provisioned: { [qualifier: string]: number };
  tags: { [key: string]: string };
}

const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';

/**
 * A loopback HTTP server speaking the wire protocols the breaker and `bulkhead breaker` use: Lambda's REST-JSON
 * (configuration, concurrency, provisioned concurrency, tags, account settings), SNS's query protocol (Publish) and
 * EventBridge's JSON 1.1 (PutEvents). Point the real SDK v3 clients at it with AWS_ENDPOINT_URL_LAMBDA/_SNS/_EVENTBRIDGE.
 */
export class BreakerEndpoint {
  public readonly calls: BreakerCall[] = [];
  public readonly published: Array<{ topicArn: string; subject: string; message: string }> = [];
  public readonly events: any[] = [];
  public readonly functions = new Map<string, FakeFunction>();
  /** The account's total concurrency limit (AWS's default is 1,000). */
  public accountLimit = 1000;
  private readonly faults: BreakerFault[] = [];
  private server?: http.Server;

  public addFunction(name: string, state: Partial<FakeFunction> = {}): FakeFunction {
    const fn: FakeFunction = { reserved: state.reserved, provisioned: { ...state.provisioned }, tags: { ...state.tags } };
    this.functions.set(name, fn);
    return fn;
  }

  public fn(name: string): FakeFunction {
    return this.functions.get(name)!;
  }

  /** Queues faults, each consumed by the next request of its operation. */
  public inject(...faults: BreakerFault[]): void {
    this.faults.push(...faults);
  }

  public reset(): void {
    this.calls.length = 0;
    this.published.length = 0;
    this.events.length = 0;
    this.faults.length = 0;
    this.functions.clear();
    this.accountLimit = 1000;
  }

  /** Names of the calls made, in order (e.g. `PutFunctionConcurrency`). */
  public operations(): string[] {
    return this.calls.map((c) => c.operation);
  }

  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = this.route(req.method ?? '', url.pathname, req.headers['x-amz-target'] as string | undefined, raw);
    if (!route) return this.error(res, 404, 'UnknownOperationException', `unknown ${req.method} ${url.pathname}`);
    const body = route.operation === 'Publish' ? new URLSearchParams(raw) : raw ? JSON.parse(raw) : undefined;
    this.calls.push({ operation: route.operation, functionName: route.functionName, query: url.searchParams, body });

    const index = this.faults.findIndex((f) => f.operation === route.operation);
    if (index >= 0) {
      const fault = this.faults.splice(index, 1)[0];
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (res.destroyed) return;
      if (fault.status) return this.error(res, fault.status, fault.type ?? 'ServiceException', 'injected fault');
    }
    if (route.operation === 'Publish') return this.publish(res, body as URLSearchParams);
    if (route.operation === 'PutEvents') {
      this.events.push(...(body.Entries ?? []));
      return this.json(res, 200, { FailedEntryCount: 0, Entries: (body.Entries ?? []).map(() => ({ EventId: 'event-1' })) });
    }
    if (route.operation === 'GetAccountSettings') {
      const reserved = [...this.functions.values()].reduce((sum, f) => sum + (f.reserved ?? 0), 0);
      return this.json(res, 200, {
        AccountLimit: { ConcurrentExecutions: this.accountLimit, UnreservedConcurrentExecutions: this.accountLimit - reserved },
      });
    }
    const fn = this.functions.get(route.functionName!);
    if (!fn) return this.error(res, 404, 'ResourceNotFoundException', `Function not found: ${route.functionName}`);
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${route.functionName}`;
    const qualifier = url.searchParams.get('Qualifier') ?? '';
    switch (route.operation) {
      case 'GetFunctionConfiguration':
        return this.json(res, 200, {
          FunctionName: route.functionName,
          FunctionArn: arn,
          Runtime: 'nodejs24.x',
          MemorySize: 256,
          State: 'Active',
        });
      case 'GetFunctionConcurrency':
        return this.json(res, 200, fn.reserved === undefined ? {} : { ReservedConcurrentExecutions: fn.reserved });
      case 'PutFunctionConcurrency': {
        const wanted = body.ReservedConcurrentExecutions as number;
        const unreserved =
          this.accountLimit - [...this.functions.values()].reduce((s, f) => s + (f === fn ? 0 : (f.reserved ?? 0)), 0) - wanted;
        if (unreserved < 100) {
          return this.error(
            res,
            400,
            'InvalidParameterValueException',
            "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
          );
        }
        fn.reserved = wanted;
        return this.json(res, 200, { ReservedConcurrentExecutions: wanted });
      }
      case 'DeleteFunctionConcurrency':
        fn.reserved = undefined;
        return this.empty(res);
      case 'ListProvisionedConcurrencyConfigs':
        return this.json(res, 200, {
          ProvisionedConcurrencyConfigs: Object.entries(fn.provisioned).map(([q, n]) => ({
            FunctionArn: `${arn}:${q}`,
            RequestedProvisionedConcurrentExecutions: n,
            AllocatedProvisionedConcurrentExecutions: n,
            Status: 'READY',
          })),
        });
      case 'DeleteProvisionedConcurrencyConfig':
        delete fn.provisioned[qualifier];
        return this.empty(res);
      case 'PutProvisionedConcurrencyConfig':
        fn.provisioned[qualifier] = body.ProvisionedConcurrentExecutions;
        return this.json(res, 202, {
          RequestedProvisionedConcurrentExecutions: body.ProvisionedConcurrentExecutions,
          Status: 'IN_PROGRESS',
        });
      case 'ListTags':
        return this.json(res, 200, { Tags: fn.tags });
      case 'TagResource':
        Object.assign(fn.tags, body.Tags);
        return this.empty(res);
      case 'UntagResource':
        for (const key of url.searchParams.getAll('tagKeys')) delete fn.tags[key];
        return this.empty(res);
      default:
        return this.error(res, 400, 'InvalidRequestContentException', route.operation);
    }
  }

  /** Operation and function name of a request; tags name the function by its ARN. */
  private route(
    method: string,
    path: string,
    target: string | undefined,
    raw: string,
  ): { operation: string; functionName?: string } | undefined {
    if (target === 'AWSEvents.PutEvents') return { operation: 'PutEvents' };
    if (method === 'POST' && path === '/' && /(^|&)Action=Publish(&|$)/.test(raw)) return { operation: 'Publish' };
    if (method === 'GET' && path === '/2016-08-19/account-settings') return { operation: 'GetAccountSettings' };
    const tags = /^\/2017-03-31\/tags\/(.+)$/.exec(path);
    if (tags) {
      const name = decodeURIComponent(tags[1]).split(':function:')[1];
      const op = { GET: 'ListTags', POST: 'TagResource', DELETE: 'UntagResource' }[method];
      return op ? { operation: op, functionName: name } : undefined;
    }
    const m = /^\/\d{4}-\d{2}-\d{2}\/functions\/([^/]+)\/(configuration|concurrency|provisioned-concurrency)$/.exec(path);
    if (!m) return undefined;
    const functionName = decodeURIComponent(m[1]);
    const table: { [k: string]: { [method: string]: string } } = {
      configuration: { GET: 'GetFunctionConfiguration' },
      concurrency: { GET: 'GetFunctionConcurrency', PUT: 'PutFunctionConcurrency', DELETE: 'DeleteFunctionConcurrency' },
      'provisioned-concurrency': {
        GET: 'ListProvisionedConcurrencyConfigs',
        PUT: 'PutProvisionedConcurrencyConfig',
        DELETE: 'DeleteProvisionedConcurrencyConfig',
      },
    };
    const operation = table[m[2]][method];
    return operation ? { operation, functionName } : undefined;
  }

  private publish(res: http.ServerResponse, form: URLSearchParams): void {
    this.published.push({ topicArn: form.get('TopicArn') ?? '', subject: form.get('Subject') ?? '', message: form.get('Message') ?? '' });
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-sns' });
    res.end(
      '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>msg-1</MessageId></PublishResult>' +
        '<ResponseMetadata><RequestId>req-sns</RequestId></ResponseMetadata></PublishResponse>',
    );
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' });
    res.end(JSON.stringify(body));
  }

  private empty(res: http.ServerResponse): void {
    res.writeHead(204, { 'x-amzn-requestid': 'req-1' });
    res.end();
  }

  private error(res: http.ServerResponse, status: number, type: string, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': 'req-err' });
    res.end(JSON.stringify({ Type: 'User', Message: message, message }));
  }
}
