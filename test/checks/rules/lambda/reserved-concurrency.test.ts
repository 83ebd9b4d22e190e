import { CfnCondition, CfnParameter, CfnResource, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, flagged, newStack } from '../../support';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
const base = { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X };

function cfnFunction(stack: ReturnType<typeof newStack>, id: string, reserved?: unknown): lambda.CfnFunction {
  return new lambda.CfnFunction(stack, id, {
    code: { zipFile: 'x' },
    role: 'arn:aws:iam::111111111111:role/r',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    reservedConcurrentExecutions: reserved as number,
  });
}

describe('ReservedConcurrency', () => {
  test('L2 function without a ceiling is flagged, naming the property', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Open', base);
    new lambda.Function(stack, 'Bounded', { ...base, reservedConcurrentExecutions: 5 });
    expect(flagged(stack, 'ReservedConcurrency')).toEqual([expect.stringMatching(/^Open/)]);
    expect(findingsOf(stack, 'ReservedConcurrency')[0].message).toMatch(/ReservedConcurrentExecutions is unset/);
  });

  test('0 (a switched-off function) is compliant', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Off', { ...base, reservedConcurrentExecutions: 0 });
    cfnFunction(stack, 'OffL1', 0);
    expect(flagged(stack, 'ReservedConcurrency')).toEqual([]);
  });

  test('L1: literal number or numeric string is compliant, missing is flagged', () => {
    const stack = newStack();
    cfnFunction(stack, 'Num', 3);
    // As a template loaded by `bulkhead check` may hold it (CfnInclude keeps the string).
    new CfnResource(stack, 'Str', {
      type: 'AWS::Lambda::Function',
      properties: { Code: { ZipFile: 'x' }, Role: 'r', Runtime: 'nodejs22.x', Handler: 'i.h', ReservedConcurrentExecutions: '3' },
    });
    new CfnResource(stack, 'Junk', {
      type: 'AWS::Lambda::Function',
      properties: { Code: { ZipFile: 'x' }, Role: 'r', Runtime: 'nodejs22.x', Handler: 'i.h', ReservedConcurrentExecutions: 'lots' },
    });
    cfnFunction(stack, 'Missing');
    expect(flagged(stack, 'ReservedConcurrency')).toEqual(['Junk', 'Missing']);
  });

  test('intrinsics: a parameter is a ceiling; Fn::If with AWS::NoValue on one side is flagged with the condition', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'Ceiling', { type: 'Number' });
    const cond = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    cfnFunction(stack, 'FromParam', param.valueAsNumber);
    cfnFunction(stack, 'Conditional', Fn.conditionIf(cond.logicalId, 10, Fn.ref('AWS::NoValue')));
    cfnFunction(stack, 'BothSides', Fn.conditionIf(cond.logicalId, 10, 2));
    expect(flagged(stack, 'ReservedConcurrency')).toEqual(['Conditional']);
    expect(findingsOf(stack, 'ReservedConcurrency')[0].message).toMatch(/on one side of Fn::If IsProd/);
  });
});
