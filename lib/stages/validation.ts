import { Token } from 'aws-cdk-lib';
import { invalidProp } from '../core/errors';
import { knownRegions, REGION_PATTERN } from './regions';
import { StageSpec } from './stage-spec';
import { LAMBDA_MEMORY_MB } from '../core/lambda-limits';
import { isEmailAddress } from '../core/email-subscriptions';

/** Who is validating, so an error names the construct that was actually called and the prop as it was written. */
export interface SpecSource {
  /** `IsolatedStages`, or `BulkheadStage <id>`. */
  readonly where: string;
  /** The prop path of spec `i` (`stages[1] (prod)`, or `spec`); `name` is undefined until the name is checked. */
  prop(i: number, name?: string): string;
}

/** Specs as `IsolatedStages` receives them. */
export const ISOLATED_STAGES: SpecSource = {
  where: 'IsolatedStages',
  prop: (i, name) => (name === undefined ? `stages[${i}]` : `stages[${i}] (${name})`),
};

/** The one spec of a `BulkheadStage`. */
export function bulkheadStageSource(id: string): SpecSource {
  return { where: `BulkheadStage ${id}`, prop: () => 'spec' };
}
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ACCOUNT = /^\d{12}$/;

/**
 * Lambda function names are at most 64 characters and ours are `<service>-<function>-<stage>`: a 24-character
 * service and a 12-character stage still leave 26 characters for the function's own name.
 */
export const MAX_SERVICE_LENGTH = 24;
export const MAX_STAGE_LENGTH = 12;

function literal(where: string, prop: string, value: unknown, what: string): string {
  if (value === undefined || value === null || value === '') {
    throw invalidProp(
      where,
      prop,
      value,
      `an explicit ${what} (threat T9: a stage without its own account/region is no bulkhead)`,
      `set ${prop}`,
    );
  }
  if (typeof value !== 'string') {
    throw invalidProp(where, prop, value, `a string ${what}`, `set ${prop} to a string literal`);
  }
  if (Token.isUnresolved(value)) {
    throw invalidProp(
      where,
      prop,
      '<token>',
      `a literal ${what}, known at synth (T9: a deploy-time value cannot be checked for isolation)`,
      `write the ${what} out, e.g. '${what === 'account' ? '111111111111' : 'eu-west-1'}', instead of a token or CDK_DEFAULT_* value`,
    );
  }
  return value;
}

/** Checks a service name (first part of every stage id and resource name). */
export function validateService(service: unknown, where: string = ISOLATED_STAGES.where): string {
  if (typeof service !== 'string' || !KEBAB.test(service) || service.length > MAX_SERVICE_LENGTH) {
    throw invalidProp(
      where,
      'service',
      service,
      `lower-kebab-case, 1-${MAX_SERVICE_LENGTH} characters (names are <service>-<function>-<stage>, T9)`,
      "use a name like 'payments'",
    );
  }
  return service;
}

/** Checks one account id (a stage's or an allowed deployer's). */
export function validateAccount(prop: string, value: unknown, where: string = ISOLATED_STAGES.where): string {
  const account = literal(where, prop, value, 'account');
  if (!ACCOUNT.test(account)) {
    throw invalidProp(
      where,
      prop,
      account,
      'a 12-digit AWS account id',
      'copy the id from `aws sts get-caller-identity` (12 digits, keep leading zeros, quote it)',
    );
  }
  return account;
}

/** The environment a spec belongs to: its `environment`, else its name. */
export function environmentOf(spec: StageSpec): string {
  return spec.environment ?? spec.name;
}

/**
 * Checks every spec, and the specs against each other (T9: one environment per account; stages share an account only
 * when they declare one environment and differ in region).
 */
export function validateStages(
  specs: readonly StageSpec[] | undefined,
  additionalRegions: readonly string[] = [],
  allowedDeployerAccounts: readonly string[] = [],
  source: SpecSource = ISOLATED_STAGES,
): void {
  const where = source.where;
  if (!Array.isArray(specs) || specs.length === 0) {
    throw invalidProp(
      where,
      'stages',
      specs === undefined ? undefined : `${(specs as unknown[]).length ?? 0} stages`,
      'at least one stage',
      "list the stages, e.g. [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }, ...]",
    );
  }
  additionalRegions.forEach((r, i) => {
    if (typeof r !== 'string' || !REGION_PATTERN.test(r)) {
      throw invalidProp(where, `additionalRegions[${i}]`, r, 'a region name such as eu-west-1', 'fix the region name');
    }
  });
  const regions = knownRegions(additionalRegions);
  const names = new Map<string, number>();
  const accounts = new Map<string, { name: string; environment: string; region: string }>();
  specs.forEach((spec, i) => {
    const p = source.prop(i);
    if (typeof spec.name !== 'string' || !KEBAB.test(spec.name) || spec.name.length > MAX_STAGE_LENGTH) {
      throw invalidProp(
        where,
        `${p}.name`,
        spec.name,
        `lower-kebab-case, 1-${MAX_STAGE_LENGTH} characters`,
        "use a name like 'dev', 'staging' or 'prod'",
      );
    }
    const q = source.prop(i, spec.name);
    const earlier = names.get(spec.name);
    if (earlier !== undefined) {
      throw invalidProp(
        where,
        `${q}.name`,
        spec.name,
        `a name used once (stages[${earlier}] already has it)`,
        'give every stage its own name',
      );
    }
    names.set(spec.name, i);
    if (
      spec.environment !== undefined &&
      (typeof spec.environment !== 'string' || !KEBAB.test(spec.environment) || spec.environment.length > MAX_STAGE_LENGTH)
    ) {
      throw invalidProp(
        where,
        `${q}.environment`,
        spec.environment,
        `lower-kebab-case, 1-${MAX_STAGE_LENGTH} characters`,
        "name the environment the stage belongs to, e.g. 'prod' for stages 'prod-eu' and 'prod-us', or leave it out",
      );
    }
    const account = validateAccount(`${q}.account`, spec.account, where);
    const region = literal(where, `${q}.region`, spec.region, 'region');
    if (!regions.has(region)) {
      throw invalidProp(
        where,
        `${q}.region`,
        region,
        'a region known to aws-cdk-lib (RegionInfo.regions) or listed in additionalRegions',
        'fix the spelling (e.g. eu-west-1), or add a region newer than your aws-cdk-lib to additionalRegions',
      );
    }
    const environment = environmentOf(spec);
    const other = accounts.get(account);
    if (other !== undefined && other.environment !== environment) {
      throw invalidProp(
        where,
        `${q}.account`,
        account,
        `an account no stage of another environment uses (stage '${other.name}', environment '${other.environment}', ` +
          "already deploys to it; threat T9: a compromised function in one environment could reach the other's data)",
        `create a separate AWS account for '${spec.name}' (AWS Organizations) and use its id; only stages of one environment (e.g. prod in two regions) may share an account, ` +
          'and they say so with the same `environment`',
      );
    }
    if (other !== undefined && other.region === region) {
      throw invalidProp(
        where,
        `${q}.region`,
        region,
        `a region no other stage of account ${account} uses (stage '${other.name}' already deploys there)`,
        "stages of one environment share an account only across regions: put both stages' stacks in one stage, or deploy this one to another region",
      );
    }
    if (other === undefined) accounts.set(account, { name: spec.name, environment, region });
    if (
      spec.monthlyBudgetUsd !== undefined &&
      !(typeof spec.monthlyBudgetUsd === 'number' && Number.isFinite(spec.monthlyBudgetUsd) && spec.monthlyBudgetUsd > 0)
    ) {
      throw invalidProp(
        where,
        `${q}.monthlyBudgetUsd`,
        spec.monthlyBudgetUsd,
        'a positive number of USD (T4)',
        'set the most this stage may spend on Lambda per month, or leave it out',
      );
    }
    if (
      spec.reservedConcurrentExecutions !== undefined &&
      !(Number.isInteger(spec.reservedConcurrentExecutions) && spec.reservedConcurrentExecutions >= 1)
    ) {
      throw invalidProp(
        where,
        `${q}.reservedConcurrentExecutions`,
        spec.reservedConcurrentExecutions,
        'an integer >= 1 (T4: 0 would disable every function)',
        'set a small ceiling such as 5 or 10',
      );
    }
    const memory = LAMBDA_MEMORY_MB;
    if (
      spec.memorySize !== undefined &&
      !(Number.isInteger(spec.memorySize) && spec.memorySize >= memory.min && spec.memorySize <= memory.max)
    ) {
      throw invalidProp(
        where,
        `${q}.memorySize`,
        spec.memorySize,
        `an integer ${memory.min}-${memory.max} (Lambda limits)`,
        'set e.g. 256',
      );
    }
    if (spec.costBreaker !== undefined && typeof spec.costBreaker !== 'boolean') {
      throw invalidProp(
        where,
        `${q}.costBreaker`,
        spec.costBreaker,
        'true or false',
        "set costBreaker: true to protect the stage's functions, false to leave them unprotected",
      );
    }
    (spec.alarmEmails ?? []).forEach((email: string, j: number) => {
      if (typeof email !== 'string' || Token.isUnresolved(email) || !isEmailAddress(email)) {
        throw invalidProp(where, `${q}.alarmEmails[${j}]`, email, 'an e-mail address', 'fix the address');
      }
    });
  });
  allowedDeployerAccounts.forEach((a, i) => {
    const account = validateAccount(`allowedDeployerAccounts[${i}]`, a, where);
    const stage = accounts.get(account);
    if (stage !== undefined) {
      throw invalidProp(
        where,
        `allowedDeployerAccounts[${i}]`,
        account,
        `a deployer (pipeline/tooling) account that is no stage's account (it is stage '${stage.name}'s; ` +
          'T9: credentials of that stage could then deploy every other stage)',
        'use a separate tooling account for the pipeline',
      );
    }
  });
}
