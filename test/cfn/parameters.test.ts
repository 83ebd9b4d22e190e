import * as cdk from 'aws-cdk-lib';
import { outcomes, templateParameters } from '../../lib/cfn/parameters';
import { validationRun } from '../../lib/cfn/resolve';
import { parameterOf, stackParameters } from '../../lib/cfn/stack-parameters';

describe('one parameter model for templates from files and from the construct tree', () => {
  const template = {
    Parameters: {
      Memory: { Type: 'Number', AllowedValues: [256, 1024] },
      Concurrency: { Type: 'Number', MaxValue: 50, Default: 5 },
      Free: { Type: 'String' },
    },
  };
  const params = templateParameters(template);

  test('reads AllowedValues, MaxValue and Default as written', () => {
    expect(params.get('Memory')).toEqual({ name: 'Memory', allowedValues: [256, 1024], maxValue: undefined, defaultValue: undefined });
    expect(params.get('Concurrency')).toMatchObject({ maxValue: 50, defaultValue: 5 });
  });

  test('a Ref to a bounded parameter yields its bounds; an unbounded one is open', () => {
    const lookup = (name: string) => params.get(name);
    expect(outcomes({ Ref: 'Memory' }, lookup)).toEqual([
      { kind: 'value', value: 256 },
      { kind: 'value', value: 1024 },
    ]);
    expect(outcomes({ Ref: 'Concurrency' }, lookup)).toEqual([{ kind: 'value', value: 50 }]);
    expect(outcomes({ Ref: 'Free' }, lookup)).toEqual([{ kind: 'open' }]);
    expect(outcomes({ 'Fn::If': ['C', 7, { Ref: 'AWS::NoValue' }] }, lookup)).toEqual([{ kind: 'value', value: 7 }, { kind: 'absent' }]);
  });

  test('the construct tree gives the same parameters, and the rules see them as strings', () => {
    const stack = new cdk.Stack(new cdk.App(), 'S');
    new cdk.CfnParameter(stack, 'Memory', { type: 'Number', allowedValues: ['256', '1024'] });
    const fn = new cdk.CfnResource(stack, 'Fn', { type: 'AWS::Lambda::Function', properties: { MemorySize: { Ref: 'Memory' } } });
    validationRun(() => {
      expect(stackParameters(stack).get('Memory')).toMatchObject({ allowedValues: ['256', '1024'] });
      expect(parameterOf(fn, { Ref: 'Memory' })).toEqual({ name: 'Memory', allowedValues: ['256', '1024'], defaultValue: undefined });
      expect(parameterOf(fn, { Ref: 'Other' })).toBeUndefined();
    });
  });
});
