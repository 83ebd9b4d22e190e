import * as cdk from 'aws-cdk-lib';
import { BulkheadChecks, BulkheadChecksProps } from '../checks';
import { invalidProp } from '../core/errors';
import { BulkheadStage } from './bulkhead-stage';
import { StageSpec } from './stage-spec';
import { registerDeployers, registerStage } from './account-register';
import { environmentOf, ISOLATED_STAGES, validateService, validateStages } from './validation';

/** Props of `IsolatedStages`. */
export interface IsolatedStagesProps {
  /** Service name in lower-kebab-case (at most 24 characters), e.g. `payments`. */
  readonly service: string;
  /** The stages, each on its own account (T9), e.g. dev, staging, prod. */
  readonly stages: StageSpec[];
  /**
   * Accounts allowed to deploy every stage besides the stage's own (a CDK Pipelines tooling account). Never a
   * stage's account: that would let one stage's credentials deploy the others (T9). Pass them to
   * `bulkhead verify-account --allow-account` in CI.
   * @default - none
   */
  readonly allowedDeployerAccounts?: string[];
  /**
   * Regions newer than the installed aws-cdk-lib that stages may use.
   * @default - only aws-cdk-lib's `RegionInfo.regions`
   */
  readonly additionalRegions?: string[];
  /**
   * Props of the Bulkhead rule pack registered for the stages (e.g. `failOn`).
   * @default - BulkheadChecks defaults
   */
  readonly checks?: BulkheadChecksProps;
}

/**
 * A service's stages (dev, staging, prod ...), each a `BulkheadStage` directly under the App with id
 * `<service>-<stage>`, pinned to its own account and region. Synth fails if two environments share an account
 * anywhere in the app, an account is not a literal 12-digit id, a region is unknown, or a stage name repeats (T9).
 */
export class IsolatedStages {
  /** The service name. */
  public readonly service: string;
  /** The stages, in the order given. */
  public readonly stages: BulkheadStage[];
  /** Accounts allowed to deploy any stage besides the stage's own. */
  public readonly allowedDeployerAccounts: string[];

  constructor(app: cdk.App, props: IsolatedStagesProps) {
    if (!cdk.App.isApp(app)) {
      throw invalidProp(
        'IsolatedStages',
        'app',
        app === undefined ? undefined : String((app as any)?.node?.path ?? app),
        'the cdk.App',
        'pass the App itself: each stage becomes its own cloud assembly directly under it',
      );
    }
    this.service = validateService(props?.service);
    validateStages(props.stages, props.additionalRegions ?? [], props.allowedDeployerAccounts ?? []);
    this.allowedDeployerAccounts = [...(props.allowedDeployerAccounts ?? [])];
    // Isolation holds app-wide, not only inside this list: another IsolatedStages or BulkheadStage of the app must
    // not share an account with these stages unless it is the same environment (T9).
    registerDeployers(app, 'IsolatedStages', this.allowedDeployerAccounts);
    props.stages.forEach((spec, i) =>
      registerStage(app, 'IsolatedStages', ISOLATED_STAGES.prop(i, spec.name), spec.account, {
        path: `${this.service}-${spec.name}`,
        service: this.service,
        name: spec.name,
        environment: environmentOf(spec),
        region: spec.region,
      }),
    );
    // One pack for all stages: CDK invokes each plugin instance once, so each finding is reported once.
    const pack = new BulkheadChecks(app, props.checks);
    this.stages = props.stages.map(
      (spec) =>
        new BulkheadStage(app, `${this.service}-${spec.name}`, {
          service: this.service,
          spec,
          rulePack: pack,
          failOn: props.checks?.failOn,
          additionalRegions: props.additionalRegions,
        }),
    );
  }

  /** The stage named `name` (e.g. `prod`); throws, listing the names, if there is none. */
  public stage(name: string): BulkheadStage {
    const found = this.stages.find((s) => s.shortName === name);
    if (!found) {
      throw invalidProp(
        'IsolatedStages',
        'name',
        name,
        `one of ${this.stages.map((s) => s.shortName).join(', ')}`,
        'use a declared stage name',
      );
    }
    return found;
  }
}
