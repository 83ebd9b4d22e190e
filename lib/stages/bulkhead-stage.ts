import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { WorstCaseCost } from '../billing';
import { recordStageBudget } from '../billing/stage-budget';
import { acknowledgeEmailRedrive } from '../core/email-subscriptions';
import { BulkheadChecks, FailOn, FindingLevel } from '../checks';
import { FunctionProfile, FunctionProfiles } from '../function';
import { registerStageCheck, StageVerdict, validateStage } from './app-stage-checks';
import { rememberStageFindings } from './stage-findings';
import { StagePackPlugin } from './stage-pack';
import { StageSpec } from './stage-spec';
import { validateService, validateStages } from './validation';

/**
 * Concurrency ceilings by stage name when the spec sets none (T4): a dev account is where experiments run away,
 * so it gets the smallest ceiling. Other names get the SecureFunction default.
 */
const DEFAULT_CONCURRENCY: { [stage: string]: number } = { dev: 5, staging: 10 };

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
   * @default FailOn.ERROR
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
    validateService(props.service);
    validateStages([props.spec], props.additionalRegions ?? []);
    super(scope, id, { env: { account: props.spec.account, region: props.spec.region } });
    this.serviceName = props.service;
    this.shortName = props.spec.name;
    this.spec = props.spec;

    const pack = props.rulePack ?? new BulkheadChecks(this);
    this.rulePack = pack;
    // In the plugin report (warnings, `cdk validate`, validation-report.json), unless a pack of the same name on an
    // enclosing Stage/App already covers this stage's stacks.
    if (!enclosingStageHasPlugin(this, pack.name)) {
      const plugin = StagePackPlugin.shared(this.node.root, pack);
      plugin.addStage(this);
      cdk.Validations.of(this).addPlugins(plugin);
    }
    // The plugin report alone does not fail `cdk synth`: the CLI tells the app not to fail on it and then reports
    // only the findings of the stacks it selected, and plain `cdk synth` selects no stack inside a stage, so findings
    // in stages were printed nowhere and the exit code was 0 (aws-cdk 2.1148.1, see docs/stages.md). This validation
    // fails the stage's own synthesis in every mode, before any plugin runs, so each finding is reported once, here.
    const failOn = props.failOn ?? FailOn.ERROR;
    const verdict = (): StageVerdict => {
      const findings = pack.findingsFor(this);
      return { findings, failing: findings.filter((f) => f.level === FindingLevel.ERROR || failOn === FailOn.WARNING) };
    };
    registerStageCheck(this, verdict);
    this.node.addValidation({
      validate: () => {
        const own = verdict();
        rememberStageFindings(this, own.findings);
        return validateStage(this, own);
      },
    });

    this.baseProfile = {
      serviceName: props.service,
      stageName: props.spec.name,
      reservedConcurrentExecutions: props.spec.reservedConcurrentExecutions ?? DEFAULT_CONCURRENCY[props.spec.name],
      memorySize: props.spec.memorySize,
    };
    if (props.spec.alarmEmails && props.spec.alarmEmails.length > 0) {
      this.alarmTopic = this.createAlarmTopic(props.spec.alarmEmails);
    }
    this.applyProfile();

    if (props.spec.monthlyBudgetUsd !== undefined) {
      WorstCaseCost.enforce(this, { monthlyBudgetUsd: props.spec.monthlyBudgetUsd });
      recordStageBudget(this, props.spec.monthlyBudgetUsd);
    }
  }

  /**
   * Makes `topic` the alarm topic of every SecureFunction in this stage that sets none itself. Call it before
   * creating the functions: profiles are read when a SecureFunction is constructed.
   */
  public useAlarmTopic(topic: sns.ITopic): void {
    this.alarmTopic = topic;
    this.applyProfile();
  }

  /** The FunctionProfile SecureFunctions in this stage start from. */
  public get profile(): FunctionProfile {
    return FunctionProfiles.of(this) ?? this.baseProfile;
  }

  private applyProfile(): void {
    const profile: FunctionProfile = { ...this.baseProfile, ...(this.alarmTopic ? { alarmTopic: this.alarmTopic } : {}) };
    FunctionProfiles.apply(this, dropUndefined(profile));
  }

  /** A KMS-encrypted (T3), TLS-only topic in its own stack, so function stacks can come and go without it. */
  private createAlarmTopic(emails: string[]): sns.ITopic {
    const stack = new cdk.Stack(this, 'Alarms', { stackName: `${this.serviceName}-${this.shortName}-alarms` });
    const key = new kms.Key(stack, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the ${this.serviceName}-${this.shortName} alarm topic`,
    });
    // CloudWatch alarms publish to the topic, so CloudWatch needs the key (without this, alarm notifications fail silently).
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': this.spec.account } },
    }));
    const topic = new sns.Topic(stack, 'Topic', {
      topicName: `${this.serviceName}-alarms-${this.shortName}`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of emails) topic.addSubscription(new subs.EmailSubscription(email));
    acknowledgeEmailRedrive(topic);
    return topic;
  }
}

function dropUndefined(profile: FunctionProfile): FunctionProfile {
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as FunctionProfile;
}

/**
 * CDK hands every plugin the whole App and the stacks of every stage it was added to, so a pack already on an
 * enclosing Stage/App covers this stage: adding a second one would report each finding twice.
 */
function enclosingStageHasPlugin(stage: cdk.Stage, name: string): boolean {
  for (let s = stage.parentStage; s; s = s.parentStage) {
    const plugins = (s as unknown as { _validationPlugins?: unknown })._validationPlugins;
    if (Array.isArray(plugins) && plugins.some((p: cdk.IPolicyValidationPlugin) => p.name === name)) return true;
  }
  return false;
}
