import * as fs from 'fs';
import { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { BreakerMode } from '../../breaker/breaker-mode';
import { BREAKER_METADATA } from '../../breaker/record';
import { UsageError } from '../io';

/** A function a CostBreaker protects, as the synthesized templates say. */
export interface ProtectedFunction {
  /** The stage id (`payments-dev`), or `(app)` for a stack outside any stage. */
  readonly stage: string;
  readonly stack: string;
  readonly logicalId: string;
  /** The literal FunctionName; undefined when CloudFormation generates it at deploy time. */
  readonly functionName?: string;
  readonly mode: BreakerMode;
  /** The stack's region, when the stack names one. */
  readonly region?: string;
}

function stacksByStage(assembly: CloudAssembly): Array<{ stage: string; stack: CloudFormationStackArtifact }> {
  const out = assembly.stacks.map((stack) => ({ stage: '(app)', stack }));
  const visit = (asm: CloudAssembly): void => {
    for (const nested of asm.nestedAssemblies) {
      out.push(...nested.nestedAssembly.stacks.map((stack) => ({ stage: nested.displayName || nested.id, stack })));
      visit(nested.nestedAssembly);
    }
  };
  visit(assembly);
  return out;
}

/** Every function protected by a CostBreaker in the assembly, stages at any depth included. */
export function protectedFunctions(assembly: CloudAssembly): ProtectedFunction[] {
  const found: ProtectedFunction[] = [];
  for (const { stage, stack } of stacksByStage(assembly)) {
    const label = stack.hierarchicalId || stack.stackName;
    let template: { Resources?: { [id: string]: any } };
    try {
      template = JSON.parse(fs.readFileSync(stack.templateFullPath, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read the template of stack ${label}: ${String((e as Error).message).split('\n')[0]}`);
    }
    const resources = template.Resources ?? {};
    const region = /^[a-z]{2}(-[a-z]+)+-\d$/.test(stack.environment.region) ? stack.environment.region : undefined;
    for (const resource of Object.values(resources)) {
      const lists = resource?.Metadata?.[BREAKER_METADATA];
      if (!lists || typeof lists !== 'object') continue;
      for (const mode of [BreakerMode.THROTTLE, BreakerMode.NOTIFY]) {
        for (const logicalId of Array.isArray(lists[mode]) ? lists[mode] : []) {
          const name = resources[logicalId]?.Properties?.FunctionName;
          found.push({ stage, stack: label, logicalId, functionName: typeof name === 'string' ? name : undefined, mode, region });
        }
      }
    }
  }
  return found;
}
