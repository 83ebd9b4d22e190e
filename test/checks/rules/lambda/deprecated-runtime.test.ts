import { CfnCondition, CfnMapping, CfnParameter, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadChecks } from '../../../../lib/checks';
import { RUNTIME_DEPRECATIONS, RUNTIME_TABLE_CHECKED_ON, runtimeDeprecation } from '../../../../lib/core/runtime-deprecations';
import { findingsOf, flagged, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');

function cfnFunction(stack: ReturnType<typeof newStack>, id: string, runtime?: unknown, extra: object = {}): lambda.CfnFunction {
  return new lambda.CfnFunction(stack, id, {
    code: { zipFile: 'x' },
    role: 'arn:aws:iam::111111111111:role/r',
    runtime: runtime as string,
    handler: 'index.handler',
    ...extra,
  });
}

describe('DeprecatedRuntime', () => {
  test('L2: a long-deprecated runtime is flagged with its date and a successor; the newest Node.js is not', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Old', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_16_X });
    new lambda.Function(stack, 'New', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X });
    expect(flagged(stack, 'DeprecatedRuntime')).toEqual([expect.stringMatching(/^Old/)]);
    expect(findingsOf(stack, 'DeprecatedRuntime')[0].message).toMatch(
      /Runtime nodejs16\.x was deprecated by AWS on 2024-06-12.*successor is nodejs24\.x/,
    );
  });

  test('L1: python3.8 flagged, python3.13 not; image functions (no Runtime) and unknown runtimes are not applicable', () => {
    const stack = newStack();
    cfnFunction(stack, 'Py38', 'python3.8');
    cfnFunction(stack, 'Py313', 'python3.13');
    cfnFunction(stack, 'Image', undefined, {
      code: { imageUri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/app:1' },
      packageType: 'Image',
      handler: undefined,
    });
    cfnFunction(stack, 'Future', 'nodejs99.x');
    expect(flagged(stack, 'DeprecatedRuntime')).toEqual(['Py38']);
  });

  test('intrinsics: a parameter default and a mapping are judged like literals, as is each side of Fn::If; an open parameter is not', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'Runtime', { default: 'nodejs16.x' });
    const open = new CfnParameter(stack, 'OpenRuntime', { type: 'String' });
    const mapping = new CfnMapping(stack, 'Runtimes', { mapping: { node: { version: 'nodejs14.x' } } });
    const cond = new CfnCondition(stack, 'Legacy', { expression: Fn.conditionEquals('a', 'b') });
    cfnFunction(stack, 'FromParam', param.valueAsString);
    cfnFunction(stack, 'FromOpenParam', open.valueAsString);
    cfnFunction(stack, 'FromMapping', mapping.findInMap('node', 'version'));
    cfnFunction(stack, 'Conditional', Fn.conditionIf(cond.logicalId, 'go1.x', 'provided.al2023'));
    expect(flagged(stack, 'DeprecatedRuntime').sort()).toEqual(['Conditional', 'FromMapping', 'FromParam']);
    const message = (id: string): string => findingsOf(stack, 'DeprecatedRuntime').find((f) => f.logicalId === id)!.message;
    expect(message('Conditional')).toMatch(/go1\.x on one side of Fn::If Legacy was deprecated by AWS on 2024-01-08.*provided\.al2023/);
    expect(message('FromParam')).toContain('Runtime nodejs16.x (from Ref Runtime) was deprecated');
    expect(message('FromMapping')).toContain('Runtime nodejs14.x (from Fn::FindInMap) was deprecated');
  });

  test('the table: flagged from the deprecation date on, not the day before', () => {
    expect(runtimeDeprecation('python3.9', '2025-12-14')).toBeUndefined();
    expect(runtimeDeprecation('python3.9', '2025-12-15')).toEqual(expect.objectContaining({ deprecated: '2025-12-15' }));
    expect(runtimeDeprecation('toString', '2099-01-01')).toBeUndefined();
  });

  test('the pack judges as of its `today`: nodejs24.x is fine in 2026 and deprecated from 2028-04-30', () => {
    const stack = newStack();
    cfnFunction(stack, 'Node24', 'nodejs24.x');
    const ids = (today: string) =>
      new BulkheadChecks(undefined, { today })
        .findingsFor(stack)
        .filter((f) => f.ruleId === 'Bulkhead-DeprecatedRuntime')
        .map((f) => f.logicalId);
    expect(ids('2028-04-29')).toEqual([]);
    expect(ids('2028-04-30')).toEqual(['Node24']);
  });

  test('a `today` that is not a YYYY-MM-DD date is refused, naming the prop, the value and the fix', () => {
    expect(() => new BulkheadChecks(undefined, { today: '30/11/2026' })).toThrow(
      /^Bulkhead: today is "30\/11\/2026"; allowed: a calendar date written YYYY-MM-DD.*Fix: pass e\.g\. today/,
    );
    expect(() => new BulkheadChecks(undefined, { today: '2026-02-30' })).toThrow(/today is "2026-02-30"/);
  });

  test('the table: every successor is a runtime aws-cdk-lib knows and was supported when the table was checked', () => {
    const today = RUNTIME_TABLE_CHECKED_ON;
    const known = new Set(lambda.Runtime.ALL.map((r) => r.name));
    for (const [runtime, entry] of Object.entries(RUNTIME_DEPRECATIONS)) {
      const successor = entry.successor.split(' ')[0];
      expect({ runtime, successorKnown: known.has(successor) }).toEqual({ runtime, successorKnown: true });
      expect({ runtime, successorDeprecated: runtimeDeprecation(successor, today) }).toEqual({ runtime, successorDeprecated: undefined });
      expect(entry.deprecated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
