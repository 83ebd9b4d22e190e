import { CfnResource, Duration, Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { IConstruct } from 'constructs';
import { resolved, StackIndex } from '../cfn/resolve';
import { roleSharing } from '../cfn/function-roles';
import { referencedId } from '../cfn/references';
import { cdkOwnerOf } from '../checks/cdk-owned/recognize';
import { SecureFunction, SecureNodejsFunction } from '../function';
import { AlarmSet } from '../function/alarms';
import { hardeningOf } from '../function/hardening/harden';

/** What the report says about one function, each fact already worded. */
export interface FunctionFacts {
  /** Construct path of the function's CloudFormation resource. */
  readonly path: string;
  /** The physical name when literal, else the logical ID. */
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly ceiling: string;
  readonly async: string;
  readonly onFailure: string;
  readonly key: string;
  readonly alarms: string;
  /** Variables vouched not to be secrets, with the reasons given (SecureFunction's `environmentNotSecret`). */
  readonly notSecret?: string;
  /** One of aws-cdk-lib's custom-resource handlers: it runs only while CloudFormation deploys, so it has no worst case. */
  readonly deployTimeOnly: boolean;
}

/** AWS's own async settings when a function has no EventInvokeConfig. */
const AWS_DEFAULT_RETRIES = 2;
const AWS_DEFAULT_EVENT_AGE_SECONDS = 21600;

/**
 * The facts of one AWS::Lambda::Function resource: from what the hardening engine gave the function when it ran on
 * it (a SecureFunction, a SecureNodejsFunction or a blueprint's plain function), else from the resolved
 * CloudFormation of its stack.
 */
export function factsOf(cfn: CfnResource): FunctionFacts {
  const r = resolved(cfn);
  const p = r.properties;
  const index = StackIndex.of(cfn);
  const owner = cfn.node.scope;
  const name = typeof p.FunctionName === 'string' ? p.FunctionName : r.logicalId;
  const role = describeRole(cfn, index);
  const hardening = owner instanceof lambda.Function ? hardeningOf(owner) : undefined;
  if (owner instanceof lambda.Function && hardening !== undefined) {
    const { parts, settings } = hardening;
    return {
      path: cfn.node.path,
      name,
      kind: hardenedKind(owner),
      role: `${relative(parts.role, cfn)}${role.sharedBy > 1 ? ` (SHARED by ${role.sharedBy} functions)` : ' (own)'}`,
      ceiling: `${settings.reservedConcurrentExecutions} concurrent`,
      async: `${settings.retryAttempts} ${plural(settings.retryAttempts, 'retry', 'retries')}, max event age ${human(settings.maxEventAge)}`,
      onFailure: `${relative(parts.deadLetterQueue, cfn)} (SQS)`,
      key: `${relative(parts.key, cfn)} (customer-managed)`,
      alarms: describeHardenedAlarms(parts.alarms),
      notSecret:
        owner instanceof SecureFunction || owner instanceof SecureNodejsFunction
          ? describeNotSecret(owner.environmentNotSecret)
          : undefined,
      deployTimeOnly: false,
    };
  }
  const cdkOwner = cdkOwnerOf(cfn);
  const invokeConfig = index.ofType('AWS::Lambda::EventInvokeConfig').find((c) => referencedId(c.properties.FunctionName) === r.logicalId);
  return {
    path: cfn.node.path,
    name,
    kind: cdkOwner
      ? `aws-cdk-lib deploy-time handler: ${cdkOwner.construct}`
      : cfn.node.scope instanceof lambda.Function
        ? 'lambda.Function'
        : 'CfnFunction',
    role: role.sharedBy > 1 ? `${role.text} (SHARED by ${role.sharedBy} functions)` : role.text,
    ceiling:
      typeof p.ReservedConcurrentExecutions === 'number'
        ? `${p.ReservedConcurrentExecutions} concurrent`
        : p.ReservedConcurrentExecutions === undefined
          ? 'NONE (scales to the account limit)'
          : 'set at deploy time',
    async: describeAsync(invokeConfig?.properties),
    onFailure: describeFailure(p, invokeConfig?.properties, index, cfn),
    key: p.KmsKeyArn === undefined ? 'none (AWS-managed key)' : describeRef(p.KmsKeyArn, index, cfn),
    alarms: describePlainAlarms(r.logicalId, index),
    deployTimeOnly: cdkOwner !== undefined,
  };
}

function describeNotSecret(vouched: { [name: string]: string }): string | undefined {
  const entries = Object.entries(vouched);
  return entries.length === 0 ? undefined : entries.map(([name, reason]) => `${name} ("${reason}")`).join(', ');
}

/** Every Lambda function resource under `scope`, not descending into nested stages (they are reported on their own). */
export function functionsUnder(scope: IConstruct): CfnResource[] {
  const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
  return scope.node
    .findAll()
    .filter(
      (node): node is CfnResource =>
        CfnResource.isCfnResource(node) && node.cfnResourceType === 'AWS::Lambda::Function' && Stage.of(node) === stage,
    );
}

function describeRole(cfn: CfnResource, index: StackIndex): { text: string; sharedBy: number } {
  const role = resolved(cfn).properties.Role;
  // Counted as the SharedRole rule counts: every function of the group on the role, in any of its stacks.
  const sharedBy = 1 + new Set((roleSharing(cfn) ?? []).flatMap((r) => r.others)).size;
  const id = referencedId(role);
  if (id === undefined) return { text: typeof role === 'string' ? role : 'set at deploy time', sharedBy };
  return { text: describeRef(role, index, cfn), sharedBy };
}

function describeAsync(config: { [key: string]: any } | undefined): string {
  const retries = config?.MaximumRetryAttempts;
  const age = config?.MaximumEventAgeInSeconds;
  const r =
    typeof retries === 'number' ? `${retries} ${plural(retries, 'retry', 'retries')}` : `${AWS_DEFAULT_RETRIES} retries (AWS default)`;
  const a =
    typeof age === 'number' ? human(Duration.seconds(age)) : `${human(Duration.seconds(AWS_DEFAULT_EVENT_AGE_SECONDS))} (AWS default)`;
  return `${r}, max event age ${a}`;
}

function describeFailure(
  p: { [key: string]: any },
  config: { [key: string]: any } | undefined,
  index: StackIndex,
  from: CfnResource,
): string {
  const destination = config?.DestinationConfig?.OnFailure?.Destination;
  if (destination !== undefined) return describeRef(destination, index, from);
  const dlq = p.DeadLetterConfig?.TargetArn;
  if (dlq !== undefined) return `${describeRef(dlq, index, from)} (dead-letter config)`;
  return 'NONE (failed async events are dropped)';
}

/** Alarms of the stack whose FunctionName dimension points at the function. */
function describePlainAlarms(logicalId: string, index: StackIndex): string {
  const byFunction = index.memo('report:alarms-by-function', () => {
    const map = new Map<string, number>();
    for (const a of index.ofType('AWS::CloudWatch::Alarm')) {
      const ids = new Set<string>();
      const dims = [
        ...(a.properties.Dimensions ?? []),
        ...(a.properties.Metrics ?? []).flatMap((m: any) => m?.MetricStat?.Metric?.Dimensions ?? []),
      ];
      for (const d of dims) {
        const id = d?.Name === 'FunctionName' ? referencedId(d.Value) : undefined;
        if (id !== undefined) ids.add(id);
      }
      for (const id of ids) map.set(id, (map.get(id) ?? 0) + 1);
    }
    return map;
  });
  const n = byFunction.get(logicalId) ?? 0;
  return n === 0 ? 'NONE' : `${n}`;
}

/** The kind of a function the engine hardened: its own class, or the plain class a blueprint hardened. */
function hardenedKind(fn: lambda.Function): string {
  if (fn instanceof SecureFunction) return 'SecureFunction';
  if (fn instanceof SecureNodejsFunction) return 'SecureNodejsFunction';
  return `${fn instanceof nodejs.NodejsFunction ? 'NodejsFunction' : 'lambda.Function'}, hardened by blueprint`;
}

function describeHardenedAlarms(set: AlarmSet): string {
  const alarms = [set.errors, set.throttles, set.deadLetters, set.cost];
  const notified = alarms.some((a) => {
    const cfn = a.node.defaultChild;
    return CfnResource.isCfnResource(cfn) && (resolved(cfn).properties.AlarmActions ?? []).length > 0;
  });
  return `${alarms.length} (errors, throttles, DLQ depth, cost)${notified ? ', notify SNS' : ', NO ACTIONS'}`;
}

/** A reference as the path of what it points at (relative to the function's stack), or the literal value. */
function describeRef(value: unknown, index: StackIndex, from: CfnResource): string {
  const id = referencedId(value);
  if (id === undefined) return typeof value === 'string' ? value : 'set at deploy time';
  const target = index.byId.get(id);
  if (!target) return id;
  return relative(target.node, from);
}

/** A construct's path relative to `from`'s stack, without the trailing `/Resource` of L1s under an L2. */
function relative(target: IConstruct, from: IConstruct): string {
  const stackPath = Stack.of(from).node.path;
  const path = target.node.path.replace(/\/Resource$/, '');
  return path.startsWith(`${stackPath}/`) ? path.slice(stackPath.length + 1) : path;
}

function human(d: Duration): string {
  return d.toHumanString();
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
