import { Aspects, CfnResource, IAspect, InjectionContext, IPropertyInjector, PropertyInjectors, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, IConstruct } from 'constructs';
import { cdkHandlerAt, cdkOwnerOf } from '../checks/cdk-owned/recognize';
import { BulkheadToday } from '../core/today';
import { acknowledgeEmailRedrive } from '../core/email-subscriptions';
import { FUNCTION_DEFAULTS } from '../function/defaults';
import { harden, HardeningSettings } from '../function/hardening';
import { startHardening } from '../function/hardening/construction';
import { isEngineBuild, offerAlarmTopic } from '../function/hardening/injection';
import { allowCloudWatchLogs, createKey } from '../function/key';
import { FunctionProfile, FunctionProfiles } from '../function/profile';
import { SecureFunctionProps } from '../function/props';
import { SecureFunction } from '../function/secure-function';
import { SecureNodejsFunction } from '../function/secure-nodejs-function';
import { overridesOf } from './overrides';
import { BulkheadBlueprintProps } from './props';
import { BlueprintOverride } from './report-types';

/** What the report says about a function the blueprint saw being constructed. */
export interface HardeningRecord {
  readonly kind: string;
  readonly overrides: BlueprintOverride[];
}

interface Pending extends HardeningRecord {
  readonly settings?: HardeningSettings;
  done: boolean;
}

const HARDENED_KIND = 'hardened plain';
const CDK_KIND = 'CDK-owned';

/**
 * Hardens every `lambda.Function` constructed below the scopes it is installed on (NodejsFunction,
 * DockerImageFunction and functions inside third-party constructs construct one too): a PropertyInjector checks
 * each one's props and keeps out of its constructor what the engine sets, and an aspect on its stack runs the
 * hardening engine once the function exists. aws-cdk-lib's own handlers get only what is safe to change on them:
 * a concurrency ceiling, a key for their environment, an encrypted log group with retention.
 */
export class BlueprintHardening {
  private readonly pending = new Map<IConstruct, Map<string, Pending>>();
  private readonly stacksWithAspect = new WeakSet<Stack>();
  private readonly handlerKeys = new WeakMap<Stack, kms.IKey>();
  private readonly alarmTopics = new WeakMap<Stack, sns.ITopic>();

  constructor(private readonly props: BulkheadBlueprintProps) {}

  /** Registers the injector on `scope`, wrapping one the team registered there before, so its props are checked too. */
  public install(scope: IConstruct): void {
    const injectors = PropertyInjectors.of(scope);
    const previous = injectors.for(lambda.Function.PROPERTY_INJECTION_ID);
    const injector: IPropertyInjector = {
      constructUniqueId: lambda.Function.PROPERTY_INJECTION_ID,
      inject: (original: lambda.FunctionProps, context: InjectionContext) =>
        this.inject(previous ? previous.inject(original, context) : original, context),
    };
    injectors.add(injector);
  }

  /** How the blueprint treated `fn`, when it saw it being constructed. */
  public recordOf(fn: IConstruct): HardeningRecord | undefined {
    const scope = fn.node.scope;
    return scope ? this.pending.get(scope)?.get(fn.node.id) : undefined;
  }

  /**
   * Checks a plain function's props and takes out what the engine sets after construction (key, DLQ, async config,
   * tracing, retention), keeping them for it; the team's explicit values go to the engine, unsafe ones are refused.
   */
  private inject(props: lambda.FunctionProps, context: InjectionContext): lambda.FunctionProps {
    const stack = Stack.of(context.scope);
    this.ensureAspect(stack);
    if (isEngineBuild(context.scope, context.id)) {
      // SecureFunction and SecureNodejsFunction keep their own settings; the org's alarm e-mails reach them too.
      const topic = this.alarmTopic(stack);
      if (topic) offerAlarmTopic(context.scope, context.id, topic);
      return props;
    }
    if (cdkHandlerAt(context.scope, context.id) !== undefined) return this.injectCdkHandler(props, context, stack);
    const profile: FunctionProfile = {
      ...FunctionProfiles.of(context.scope),
      reservedConcurrentExecutions:
        this.props.reservedConcurrentExecutions ?? FunctionProfiles.of(context.scope)?.reservedConcurrentExecutions,
      logRetention: this.props.logRetention ?? FunctionProfiles.of(context.scope)?.logRetention,
      alarmTopic: this.alarmTopic(stack) ?? FunctionProfiles.of(context.scope)?.alarmTopic,
    };
    // A plain function's environmentEncryption is its key: the engine uses it for DLQ and logs too.
    const asSecure = {
      ...props,
      environmentEncryption: undefined,
      encryptionKey: asKey(props.environmentEncryption, context.scope, context.id),
    } as SecureFunctionProps;
    const { settings, baseProps } = startHardening(context.scope, context.id, asSecure, {
      profile,
      ownConstructor: false,
      today: this.props.today ?? BulkheadToday.of(context.scope),
    });
    const overrides = overridesOf(props, {
      reservedConcurrentExecutions: profile.reservedConcurrentExecutions ?? FUNCTION_DEFAULTS.reservedConcurrentExecutions,
      logRetentionDays: profile.logRetention ?? FUNCTION_DEFAULTS.logRetention,
    });
    this.remember(context, { kind: HARDENED_KIND, overrides, settings, done: false });
    // The key is the engine's to set after construction (for the environment, DLQ and logs), not lambda.Function's.
    const base: Partial<SecureFunctionProps> = { ...baseProps };
    delete (base as { encryptionKey?: kms.IKey }).encryptionKey;
    return base as lambda.FunctionProps;
  }

  private injectCdkHandler(props: lambda.FunctionProps, context: InjectionContext, stack: Stack): lambda.FunctionProps {
    const key = this.handlerKey(stack);
    const logGroup =
      props.logGroup ??
      (props.logRetention !== undefined
        ? undefined
        : new logs.LogGroup(context.scope, `${context.id}LogGroup`, {
            encryptionKey: key,
            retention: this.props.logRetention ?? FUNCTION_DEFAULTS.logRetention,
          }));
    this.remember(context, { kind: CDK_KIND, overrides: [], done: true });
    return {
      ...props,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? this.props.cdkHandlerConcurrency ?? 5,
      environmentEncryption: props.environmentEncryption ?? key,
      ...(logGroup ? { logGroup } : {}),
    };
  }

  private remember(context: InjectionContext, record: Pending): void {
    const byId = this.pending.get(context.scope) ?? new Map<string, Pending>();
    byId.set(context.id, record);
    this.pending.set(context.scope, byId);
  }

  /** Finishes each hardened function once it exists, and hardens the handlers aws-cdk-lib writes as plain L1s. */
  private ensureAspect(stack: Stack): void {
    if (this.stacksWithAspect.has(stack)) return;
    this.stacksWithAspect.add(stack);
    const aspect: IAspect = {
      visit: (node: IConstruct) => {
        if (node instanceof lambda.Function) {
          const record = this.recordOf(node) as Pending | undefined;
          // SecureFunction and SecureNodejsFunction run the engine themselves.
          if (record && !record.done && record.settings && !(node instanceof SecureFunction) && !(node instanceof SecureNodejsFunction)) {
            record.done = true;
            harden(node, record.settings);
          }
        } else if (
          CfnResource.isCfnResource(node) &&
          node.cfnResourceType === 'AWS::Lambda::Function' &&
          !(node.node.scope instanceof lambda.Function)
        ) {
          this.hardenCdkL1Handler(node, stack);
        }
      },
    };
    Aspects.of(stack).add(aspect);
  }

  /** Handlers aws-cdk-lib writes as L1 resources (S3 notifications, CustomResourceProvider, LogRetention). */
  private hardenCdkL1Handler(handler: CfnResource, stack: Stack): void {
    const owner = cdkOwnerOf(handler);
    if (owner === undefined || (handler as any)[HARDENED_L1]) return;
    (handler as any)[HARDENED_L1] = true;
    // aws-cdk-lib 2.276 sets neither on these handlers.
    handler.addPropertyOverride('ReservedConcurrentExecutions', this.props.cdkHandlerConcurrency ?? 5);
    const logGroup = new logs.LogGroup(owner.root, 'BulkheadLogGroup', {
      encryptionKey: this.handlerKey(stack),
      retention: this.props.logRetention ?? FUNCTION_DEFAULTS.logRetention,
    });
    handler.addPropertyOverride('LoggingConfig.LogGroup', logGroup.logGroupName);
  }

  /** One key per stack for aws-cdk-lib's handlers: their environment and logs. */
  private handlerKey(stack: Stack): kms.IKey {
    let key = this.handlerKeys.get(stack);
    if (!key) {
      key = createKey(stack, 'BulkheadCdkHandlersKey');
      allowCloudWatchLogs(key);
      this.handlerKeys.set(stack, key);
    }
    return key;
  }

  /** One encrypted, TLS-only alarm topic per stack when the blueprint has alarm e-mails. */
  private alarmTopic(stack: Stack): sns.ITopic | undefined {
    const emails = this.props.alarmEmails ?? [];
    if (emails.length === 0) return undefined;
    let topic = this.alarmTopics.get(stack);
    if (!topic) {
      const holder = new Construct(stack, 'BulkheadAlarms');
      const key = createKey(holder, 'Key');
      // CloudWatch alarms publish to the topic, so CloudWatch needs the key (without this, notifications fail silently).
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
      topic = new sns.Topic(holder, 'Topic', { masterKey: key, enforceSSL: true });
      for (const email of emails) topic.addSubscription(new subs.EmailSubscription(email));
      acknowledgeEmailRedrive(topic);
      this.alarmTopics.set(stack, topic);
    }
    return topic;
  }
}

const HARDENED_L1 = Symbol.for('cdk-bulkhead.HardenedCdkHandler');

/** A key passed as a reference only (aws-cdk-lib 2.276 props take `IKeyRef`) as the full interface the engine needs. */
function asKey(ref: kms.IKeyRef | undefined, scope: Construct, id: string): kms.IKey | undefined {
  if (ref === undefined) return undefined;
  return 'keyArn' in ref ? (ref as kms.IKey) : kms.Key.fromKeyArn(scope, `${id}KeyRef`, ref.keyRef.keyArn);
}
