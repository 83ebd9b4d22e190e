import * as cdk from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { WorstCaseCost } from '../billing';
import { StageBreakerAspect } from '../breaker/stage-breaker';
import { acknowledgeEmailRedrive } from '../core/email-subscriptions';
import { BulkheadChecks, FailOn, FindingLevel } from '../checks';
import { invalidProp } from '../core/errors';
import { FunctionProfile, FunctionProfiles } from '../function';
import { registerStageCheck, StageVerdict, validateStage } from './app-stage-checks';
import { registerStage } from './account-register';
import { stageFunctions, warnAlarmsWithoutActions } from './alarm-actions';
import { STAGE_METADATA, StageRecord } from './assembly-stages';
import { physicalNameCollisions } from './physical-names';
import { foreignStacks, ISOLATED_STAGE } from './stack-accounts';
import { rememberStageFindings } from './stage-findings';
import { ReportPlugin } from './report-plugin';
import { StagePackPlugin } from './stage-pack';
import { StageSpec } from './stage-spec';
import { bulkheadStageSource, environmentOf, validateService, validateStages } from './validation';
import { validationPluginsOf } from '../core/cdk-private';
import { encryptedTlsOnlyTopic } from '../core/alarm-topic';
import { withoutUndefined } from '../core/without-undefined';

/** Props of one isolated stage. */
export interface BulkheadStageProps {
  /** Service name (lower-kebab), the first part of `<service>-<function>-<stage>` names. */
  readonly service: string;
  /** The stage's account, region, budget and defaults. */
  readonly spec: StageSpec;
  /**
   * The rule pack validating this stage at synth. Stages given the same pack share one validation plugin, so each
   * finding is reported once; IsolatedStages passes one pack to all its stages.
   * @default - a new BulkheadChecks
   */
  readonly rulePack?: BulkheadChecks;
  /**
   * Which findings fail synth: errors only, or warnings too.
   * @default - the `failOn` of `rulePack` when given, else FailOn.ERROR
   */
  readonly failOn?: FailOn;
  /**
   * Regions newer than the installed aws-cdk-lib that `spec.region` may name.
   * @default - only aws-cdk-lib's `RegionInfo.regions`
   */
  readonly additionalRegions?: string[];
}

/**
 * A `cdk.Stage` pinned to one account and region (T9), validated by the Bulkhead rule pack at synth, with a
 * FunctionProfile (names `<service>-<function>-<stage>`, concurrency, memory, alarm topic) for every SecureFunction
 * inside it, and the stage's worst-case Lambda cost held to `monthlyBudgetUsd` when set (T4).
 */
export class BulkheadStage extends cdk.Stage {
  /** The service name. */
  public readonly serviceName: string;
  /**
   * The stage's own name, e.g. `prod` (CDK's `stageName` is the id path, e.g. `payments-prod`).
   */
  public readonly shortName: string;
  /** The spec this stage was built from. */
  public readonly spec: StageSpec;
  /** The rule pack that validates this stage (possibly shared with sibling stages). */
  public readonly rulePack: BulkheadChecks;
  /** The topic notified by the stage's alarms, if `alarmEmails` was set or `useAlarmTopic` was called. */
  public alarmTopic?: sns.ITopic;

  private readonly baseProfile: FunctionProfile;

  constructor(scope: Construct, id: string, props: BulkheadStageProps) {
    const source = bulkheadStageSource(id);
    validateService(props?.service, source.where);
    validateStages(props.spec === undefined ? undefined : [props.spec], props.additionalRegions ?? [], [], source);
    super(scope, id, { env: { account: props.spec.account, region: props.spec.region } });
    this.serviceName = props.service;
    this.shortName = props.spec.name;
    this.spec = props.spec;
    (this as unknown as { [ISOLATED_STAGE]: boolean })[ISOLATED_STAGE] = true;
    registerStage(this, source.where, 'spec', props.spec.account, {
      path: this.node.path,
      service: props.service,
      name: props.spec.name,
      environment: environmentOf(props.spec),
      region: props.spec.region,
    });

    const pack = props.rulePack ?? new BulkheadChecks(this);
    this.rulePack = pack;
    // In the plugin report (warnings, `cdk validate`, validation-report.json), unless a pack of the same name on an
    // enclosing Stage/App already covers this stage's stacks.
    ReportPlugin.registerOn(this);
    if (!enclosingStageHasPlugin(this, pack.name)) {
      const plugin = StagePackPlugin.shared(this.node.root, pack);
      plugin.addStage(this);
      cdk.Validations.of(this).addPlugins(plugin);
    }
    // The plugin report alone does not fail `cdk synth`: the CLI tells the app not to fail on it and then reports
    // only the findings of the stacks it selected, and plain `cdk synth` selects no stack inside a stage, so findings
    // in stages were printed nowhere and the exit code was 0 (aws-cdk 2.1148.1, see docs/stages.md). This validation
    // fails the stage's own synthesis in every mode, before any plugin runs, so each finding is reported once, here.
    const failOn = props.failOn ?? pack.failOn ?? FailOn.ERROR;
    const verdict = (): StageVerdict => {
      const findings = pack.findingsFor(this);
      return { findings, failing: findings.filter((f) => f.level === FindingLevel.ERROR || failOn === FailOn.WARNING) };
    };
    registerStageCheck(this, verdict);
    this.node.addValidation({
      validate: () => {
        this.recordInAssembly();
        warnAlarmsWithoutActions(this, this.node.path, this.alarmTopic !== undefined);
        const own = verdict();
        rememberStageFindings(this, own.findings);
        return [
          ...foreignStacks(this, this.spec.account),
          ...physicalNameCollisions(this, stagesOfAccount(this, this.spec.account)),
          // This stage's failing findings and, when there are any, every other Bulkhead stage's (app-stage-checks.ts).
          ...validateStage(this, own),
        ];
      },
    });

    this.baseProfile = {
      serviceName: props.service,
      stageName: props.spec.name,
      reservedConcurrentExecutions: props.spec.reservedConcurrentExecutions,
      memorySize: props.spec.memorySize,
    };
    if (props.spec.alarmEmails && props.spec.alarmEmails.length > 0) {
      this.alarmTopic = this.createAlarmTopic(props.spec.alarmEmails);
    }
    this.applyProfile();

    // Opt-in in every stage: on by default it would add a function and two resources per function to every
    // existing stack on upgrade (a full stack would no longer deploy), and throttling is an availability decision.
    if (props.spec.costBreaker === true) {
      cdk.Aspects.of(this).add(new StageBreakerAspect(() => this.alarmTopic));
    }
    if (props.spec.monthlyBudgetUsd !== undefined) {
      WorstCaseCost.enforce(this, { monthlyBudgetUsd: props.spec.monthlyBudgetUsd });
    }
  }

  /**
   * Makes `topic` the alarm topic of every SecureFunction in this stage that sets none itself. Call it before
   * creating the functions (profiles are read when a SecureFunction is constructed; a later call is refused). The
   * topic must be in the stage's account and region: CloudWatch publishes only to a topic of its own region, and a
   * topic of another account refuses delivery through its key policy.
   */
  public useAlarmTopic(topic: sns.ITopic): void {
    const existing = stageFunctions(this);
    if (existing.length > 0) {
      throw invalidProp(
        this,
        'useAlarmTopic(topic)',
        `called after ${existing.length} SecureFunction(s) exist (first: ${existing[0].node.path})`,
        "a call before the stage's first SecureFunction (each function reads the stage profile once, when it is created)",
        "call stage.useAlarmTopic(topic) before creating the stacks' functions, or pass alarmTopic to each function",
      );
    }
    const { account, region } = topic.env;
    if (!cdk.Token.isUnresolved(account) && account !== this.spec.account) {
      throw invalidProp(
        this,
        'useAlarmTopic(topic)',
        `a topic of account ${account}`,
        `a topic of the stage's account ${this.spec.account} ` +
          '(an alarm topic of another account refuses delivery unless its key and topic policies trust this one, T9)',
        "create the topic in one of this stage's stacks, or set alarmEmails in the stage spec",
      );
    }
    if (!cdk.Token.isUnresolved(region) && region !== this.spec.region) {
      throw invalidProp(
        this,
        'useAlarmTopic(topic)',
        `a topic of region ${region}`,
        `a topic of the stage's region ${this.spec.region} ` + '(CloudWatch alarms publish only to a topic in their own region)',
        "create the topic in a stack of the stage's region",
      );
    }
    this.alarmTopic = topic;
    this.applyProfile();
  }

  /** The FunctionProfile SecureFunctions in this stage start from. */
  public get profile(): FunctionProfile {
    return FunctionProfiles.of(this) ?? this.baseProfile;
  }

  /** Writes who this stage is into each of its stacks' metadata, so `bulkhead verify-account` can find every stage of an environment. */
  private recordInAssembly(): void {
    const record: StageRecord = {
      service: this.serviceName,
      name: this.shortName,
      environment: environmentOf(this.spec),
      account: this.spec.account,
      region: this.spec.region,
      ...(this.spec.monthlyBudgetUsd !== undefined ? { monthlyBudgetUsd: this.spec.monthlyBudgetUsd } : {}),
    };
    for (const c of this.node.findAll()) {
      if (!cdk.Stack.isStack(c) || c.nested || cdk.Stage.of(c) !== this) continue;
      if (!c.node.metadata.some((m) => m.type === STAGE_METADATA)) c.node.addMetadata(STAGE_METADATA, record);
    }
  }

  private applyProfile(): void {
    const profile: FunctionProfile = { ...this.baseProfile, ...(this.alarmTopic ? { alarmTopic: this.alarmTopic } : {}) };
    FunctionProfiles.apply(this, withoutUndefined(profile));
  }

  /** A KMS-encrypted (T3), TLS-only topic in its own stack, so function stacks can come and go without it. */
  private createAlarmTopic(emails: string[]): sns.ITopic {
    const stack = new cdk.Stack(this, 'Alarms', { stackName: `${this.serviceName}-${this.shortName}-alarms` });
    // CloudWatch alarms publish to the topic.
    const { topic } = encryptedTlsOnlyTopic(stack, {
      keyId: 'Key',
      keyDescription: `Encrypts the ${this.serviceName}-${this.shortName} alarm topic`,
      publishers: ['cloudwatch.amazonaws.com'],
      account: this.spec.account,
      topicName: `${this.serviceName}-alarms-${this.shortName}`,
    });
    for (const email of emails) topic.addSubscription(new subs.EmailSubscription(email));
    acknowledgeEmailRedrive(topic);
    return topic;
  }
}

/** Every isolated stage of the app deploying to `account`, in construct-tree order (so a collision is reported once, by the later claim). */
function stagesOfAccount(stage: cdk.Stage, account: string): cdk.Stage[] {
  return stage.node.root.node
    .findAll()
    .filter(
      (c): c is cdk.Stage =>
        cdk.Stage.isStage(c) &&
        (c as unknown as { [ISOLATED_STAGE]?: boolean })[ISOLATED_STAGE] === true &&
        (c as BulkheadStage).spec.account === account,
    );
}

/**
 * CDK hands every plugin the whole App and the stacks of every stage it was added to, so a pack already on an
 * enclosing Stage/App covers this stage: adding a second one would report each finding twice.
 */
function enclosingStageHasPlugin(stage: cdk.Stage, name: string): boolean {
  for (let s = stage.parentStage; s; s = s.parentStage) {
    if (validationPluginsOf(s)?.some((p) => p.name === name)) return true;
  }
  return false;
}
