import { IConstruct } from 'constructs';
import { invalidProp } from '../core/errors';

/** Kept on the App itself (like FunctionProfiles), so every IsolatedStages and BulkheadStage of the app, and several loaded copies of this library, see one register. */
const REGISTER = Symbol.for('cdk-bulkhead.AccountRegister');

interface StageEntry {
  readonly path: string;
  readonly service: string;
  readonly name: string;
  readonly environment: string;
  readonly region: string;
}

interface Register {
  readonly stages: Map<string, StageEntry[]>;
  readonly deployers: Map<string, string>;
}

function registerOf(scope: IConstruct): Register {
  const root = scope.node.root as unknown as { [REGISTER]?: Register };
  return root[REGISTER] ?? (root[REGISTER] = { stages: new Map(), deployers: new Map() });
}

/**
 * Records a stage's account app-wide and refuses what one IsolatedStages alone cannot see (T9): an account another
 * environment of the app already deploys to (another service's dev, say), two stages of one service in one account
 * and region, or an account the app lets deploy other stages.
 */
export function registerStage(scope: IConstruct, where: string, prop: string, account: string, entry: StageEntry): void {
  const register = registerOf(scope);
  if ((register.stages.get(account) ?? []).some((o) => o.path === entry.path)) return;
  const deployerOf = register.deployers.get(account);
  if (deployerOf !== undefined) {
    throw invalidProp(
      where,
      `${prop}.account`,
      account,
      `an account that deploys no other stage (${deployerOf} lists it in allowedDeployerAccounts; ` +
        'T9: credentials of this stage could then deploy the others)',
      'use a separate account for this stage, or a separate tooling account for the pipeline',
    );
  }
  const others = register.stages.get(account) ?? [];
  const foreign = others.find((o) => o.environment !== entry.environment);
  if (foreign) {
    throw invalidProp(
      where,
      `${prop}.account`,
      account,
      `an account no stage of another environment of this app uses (stage ${foreign.path}, environment ` +
        `'${foreign.environment}', already deploys to it; threat T9: a compromised function in one environment could reach the other's data)`,
      `create a separate AWS account for '${entry.name}' and use its id; only stages of one environment (e.g. two regions of prod) may share an account`,
    );
  }
  const twin = others.find((o) => o.service === entry.service && o.region === entry.region);
  if (twin) {
    throw invalidProp(
      where,
      `${prop}.region`,
      entry.region,
      `a region where no other stage of service '${entry.service}' deploys in account ${account} ` + `(stage ${twin.path} already does)`,
      "put both stages' stacks in one stage, or deploy this one to another region",
    );
  }
  register.stages.set(account, [...others, entry]);
}

/** Records the accounts `owner` allows to deploy its stages, refusing one that is a stage's account anywhere in the app. */
export function registerDeployers(scope: IConstruct, owner: string, accounts: readonly string[]): void {
  const register = registerOf(scope);
  accounts.forEach((account, i) => {
    const stage = register.stages.get(account)?.[0];
    if (stage) {
      throw invalidProp(
        owner,
        `allowedDeployerAccounts[${i}]`,
        account,
        `a deployer (pipeline/tooling) account that is no stage's account in this app (stage ${stage.path} ` +
          'deploys to it; T9: credentials of that stage could then deploy every other stage)',
        'use a separate tooling account for the pipeline',
      );
    }
    if (!register.deployers.has(account)) register.deployers.set(account, owner);
  });
}
