import { CfnOutput, Stack } from 'aws-cdk-lib';
import { ResolvedResource, StackIndex } from './resolve';
import { asList, isIntrinsic, referencedId } from './references';
import { FUNCTION_TYPE, functionIdOf, functionIdsIn } from './function-refs';
import { wildcardMatches } from './wildcard-match';

/** What invokes one function of a stack. */
export interface FunctionInvokers {
  /** Logical IDs of the resources that invoke it (or an export that lets another stack do so). */
  readonly invokers: string[];
  /**
   * True when some invoker may invoke it asynchronously (or we cannot tell). False when every invoker is known
   * to invoke synchronously: event source mappings (they poll and invoke synchronously), function URLs, API
   * Gateway proxy integrations, load balancers. Async settings (retries, DLQ, destinations) then never apply.
   */
  readonly mayInvokeAsync: boolean;
}

/** A part of a resource that may name the functions it invokes, and whether that invocation is synchronous. */
interface InvokingPart {
  readonly value: unknown;
  readonly sync: boolean;
  /** Resolve the value as a FunctionName (plain names allowed) instead of scanning it for references and ARNs. */
  readonly functionName?: boolean;
}

/** Resource types whose references to a function never invoke it. */
const NON_INVOKING = new Set([
  'AWS::CloudWatch::Dashboard',
  'AWS::Logs::LogGroup',
  'AWS::Logs::MetricFilter',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::S3::BucketPolicy',
  'AWS::KMS::Key',
  'AWS::Lambda::LayerVersionPermission',
]);

const INVOKE_ACTIONS = ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl', 'lambda:InvokeAsync'];
const SYNC_PRINCIPALS = new Set(['apigateway.amazonaws.com', 'elasticloadbalancing.amazonaws.com']);
/**
 * Resource types that call functions synchronously (RequestResponse) and act on the answer: API Gateway
 * authorizers and AppSync Lambda data sources (Cognito user pools are read trigger by trigger below). Lambda's async
 * retries never apply.
 */
const SYNC_INVOKER_TYPES = new Set(['AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer', 'AWS::AppSync::DataSource']);

/**
 * Step Functions tasks invoke synchronously unless the task asks for `"InvocationType": "Event"` (in the definition
 * object or its JSON text, Fn::Sub included).
 */
function stateMachineInvokesAsync(p: { [key: string]: any }): boolean {
  const text = JSON.stringify([p.Definition, p.DefinitionString]);
  return /InvocationType\\?"\s*:\s*\\?"Event/.test(text);
}
const IAM_POLICY_HOLDERS = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
const IAM_POLICIES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy']);

/** True when an IAM action pattern (`lambda:Invoke*`, `lambda:*`, `*`) covers one of the invoke actions. */
function grantsInvoke(actions: unknown): boolean {
  return asList(actions).some((a) => {
    if (typeof a !== 'string') return false;
    return INVOKE_ACTIONS.some((action) => wildcardMatches(a, action));
  });
}

/** `Resource`s of the Allow statements of a policy document that grant an invoke action. */
function invokeResources(document: unknown): unknown[] {
  if (typeof document !== 'object' || document === null) return [];
  const statements = asList((document as { Statement?: unknown }).Statement);
  return statements
    .filter(
      (s): s is { Resource?: unknown } =>
        typeof s === 'object' &&
        s !== null &&
        (s as { Effect?: unknown }).Effect === 'Allow' &&
        grantsInvoke((s as { Action?: unknown }).Action),
    )
    .map((s) => s.Resource);
}

/** Integrations that ask Lambda for an `Event` (async) invocation set the X-Amz-Invocation-Type header. */
function requestsEventInvocation(requestParameters: unknown): boolean {
  if (typeof requestParameters !== 'object' || requestParameters === null) return false;
  return Object.keys(requestParameters).some((k) => /x-amz-invocation-type/i.test(k));
}

/**
 * An inline OpenAPI Body (what SAM writes): each operation's integration invokes synchronously unless it asks for
 * an `Event` invocation; the rest (Lambda authorizers) synchronously. A Body that is not a literal document (an
 * Fn::Transform include) is taken whole, as an async invoker.
 */
function openApiParts(body: unknown): InvokingPart[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || isIntrinsic(body)) return [{ value: body, sync: false }];
  const { paths, ...rest } = body as { paths?: unknown; [key: string]: unknown };
  const parts: InvokingPart[] = [{ value: rest, sync: true }];
  for (const item of Object.values(typeof paths === 'object' && paths !== null ? paths : {})) {
    for (const operation of Object.values(typeof item === 'object' && item !== null ? item : {})) {
      const integration = (operation as { 'x-amazon-apigateway-integration'?: { requestParameters?: unknown } } | null)?.[
        'x-amazon-apigateway-integration'
      ];
      parts.push({ value: operation, sync: !requestsEventInvocation(integration?.requestParameters) });
    }
  }
  return parts;
}

/** The parts of a resource that may invoke functions; the whole resource when its type is not known to us. */
function invokingParts(r: ResolvedResource, index: StackIndex): InvokingPart[] {
  const p = r.properties;
  switch (r.type) {
    case 'AWS::Lambda::Permission': {
      if (!grantsInvoke(p.Action)) return [];
      // A Cognito permission scoped to a user pool of the stack: the pool's LambdaConfig says how each trigger invokes.
      const poolId = p.Principal === 'cognito-idp.amazonaws.com' ? referencedId(p.SourceArn) : undefined;
      const ownPool = poolId !== undefined && index.byId.get(poolId)?.type === 'AWS::Cognito::UserPool';
      const sync =
        ownPool ||
        (typeof p.Principal === 'string' && SYNC_PRINCIPALS.has(p.Principal)) ||
        p.FunctionUrlAuthType !== undefined ||
        p.Action === 'lambda:InvokeFunctionUrl' ||
        // lambda:InvokeFunction granted only for calls through the function URL (what SAM adds for a public URL).
        p.InvokedViaFunctionUrl === true;
      return [{ value: p.FunctionName, sync, functionName: true }];
    }
    case 'AWS::Lambda::Url':
      return [{ value: p.TargetFunctionArn, sync: true, functionName: true }];
    case 'AWS::Lambda::EventInvokeConfig':
      // Its FunctionName only configures the function; a destination function is invoked (asynchronously).
      return [{ value: p.DestinationConfig, sync: false }];
    case 'AWS::Events::Rule':
      // Only target ARNs invoke; Input and InputTransformer may name functions as data (e.g. the recycler's list).
      return [{ value: asList(p.Targets).map((t) => (t as { Arn?: unknown } | undefined)?.Arn), sync: false }];
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm':
      // Alarm actions may be Lambda functions; metric dimensions naming a function do not invoke it.
      return [{ value: [p.AlarmActions, p.OKActions, p.InsufficientDataActions], sync: false }];
    case 'AWS::Logs::SubscriptionFilter':
      return [{ value: p.DestinationArn, sync: false }];
    case 'AWS::ApiGateway::Method': {
      const integration = p.Integration ?? {};
      return [{ value: integration.Uri, sync: !requestsEventInvocation(integration.RequestParameters) }];
    }
    case 'AWS::ApiGatewayV2::Integration':
      return [{ value: p.IntegrationUri, sync: !requestsEventInvocation(p.RequestParameters) }];
    case 'AWS::ApiGateway::RestApi':
    case 'AWS::ApiGatewayV2::Api':
      return openApiParts(p.Body);
    case 'AWS::Cognito::UserPool': {
      // Custom sender triggers are invoked asynchronously; every other trigger waits for the function's answer.
      const config = p.LambdaConfig ?? {};
      const asyncKeys = new Set(['CustomEmailSender', 'CustomSMSSender']);
      return Object.entries(config)
        .filter(([k]) => k !== 'KMSKeyID')
        .map(([k, v]) => ({ value: v, sync: !asyncKeys.has(k) }));
    }
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return [{ value: p.Targets, sync: true }];
    case 'AWS::StepFunctions::StateMachine':
      return [{ value: p, sync: !stateMachineInvokesAsync(p) }];
  }
  if (SYNC_INVOKER_TYPES.has(r.type)) return [{ value: p, sync: true }];
  if (IAM_POLICIES.has(r.type)) return invokeResources(p.PolicyDocument).map((value) => ({ value, sync: false }));
  if (IAM_POLICY_HOLDERS.has(r.type)) {
    return asList(p.Policies)
      .flatMap((pol) => invokeResources((pol as { PolicyDocument?: unknown } | undefined)?.PolicyDocument))
      .map((value) => ({ value, sync: false }));
  }
  if (NON_INVOKING.has(r.type)) return [];
  // Anything else naming a function (custom resources, state machines, subscriptions, notifications, other
  // functions...) is taken as an invoker: for a warning, a missed forgotten function beats a false alarm.
  return [{ value: p, sync: false }];
}

/** Roles a policy resource is attached to (Roles list, or RoleName), or the role itself for inline policies. */
function attachedRoles(r: ResolvedResource): Set<string> {
  if (r.type === 'AWS::IAM::Role') return new Set([r.logicalId]);
  const roles = new Set<string>();
  for (const role of [...asList(r.properties.Roles), r.properties.RoleName]) {
    const id = referencedId(role);
    if (id !== undefined) roles.add(id);
  }
  return roles;
}

/** Functions exported from the stack (Outputs with an Export): another stack may invoke them. */
function exportedFunctions(index: StackIndex): Map<string, string> {
  const exported = new Map<string, string>();
  const stack = index.stack;
  for (const c of stack.node.findAll()) {
    if (!(c instanceof CfnOutput) || c.exportName === undefined || Stack.of(c) !== stack) continue;
    for (const fn of functionIdsIn(stack.resolve(c.value), index)) exported.set(fn, `Output ${stack.resolve(c.logicalId)}`);
  }
  return exported;
}

/** Function logical ID → what invokes it, for every function of the stack; built once per stack and run. */
export function functionInvokers(index: StackIndex): Map<string, FunctionInvokers> {
  return index.memo('lambda:function-invokers', () => {
    const found = new Map<string, { invokers: string[]; mayInvokeAsync: boolean }>();
    for (const fn of index.ofType(FUNCTION_TYPE)) found.set(fn.logicalId, { invokers: [], mayInvokeAsync: false });
    const record = (fnId: string, invoker: string, sync: boolean): void => {
      const entry = found.get(fnId);
      if (!entry || invoker === fnId) return;
      if (!entry.invokers.includes(invoker)) entry.invokers.push(invoker);
      if (!sync) entry.mayInvokeAsync = true;
    };
    // A grant to a function's own role lets the function call itself: not a trigger.
    const roleOf = new Map<string, string>();
    for (const fn of index.ofType(FUNCTION_TYPE)) {
      const role = referencedId(fn.properties.Role);
      if (role !== undefined) roleOf.set(fn.logicalId, role);
    }
    for (const r of index.byId.values()) {
      if (r.type === 'AWS::Lambda::EventSourceMapping') {
        const target = functionIdOf(r.properties.FunctionName, index);
        if (target !== undefined) record(target, r.logicalId, true);
        continue;
      }
      const parts = invokingParts(r, index);
      if (parts.length === 0) continue;
      const iam = IAM_POLICIES.has(r.type) || IAM_POLICY_HOLDERS.has(r.type);
      const ownRoles = iam ? attachedRoles(r) : undefined;
      for (const part of parts) {
        const targets = part.functionName ? (asList(functionIdOf(part.value, index)) as string[]) : [...functionIdsIn(part.value, index)];
        for (const fnId of targets) {
          const role = roleOf.get(fnId);
          if (ownRoles && ownRoles.size > 0 && role !== undefined && [...ownRoles].every((x) => x === role)) continue;
          record(fnId, r.logicalId, part.sync);
        }
      }
    }
    for (const [fnId, output] of exportedFunctions(index)) record(fnId, output, false);
    return found;
  });
}
