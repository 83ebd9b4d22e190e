import { intrinsicShapeProblem } from '../../lib/cfn/intrinsic-shapes';

const inEnv = (value: unknown): object => ({
  Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { A: value } } } } },
});

describe('intrinsicShapeProblem', () => {
  it.each([
    [{ 'Fn::Sub': [1, 2, 3] }, 'Fn::Sub takes a string or [string, {variables}], not a list of 3'],
    [{ 'Fn::Select': ['x', 'y'] }, 'Fn::Select takes [index, [values]], not a list of 2'],
    [{ 'Fn::Split': 7 }, 'Fn::Split takes [delimiter, string], not a number'],
    [{ 'Fn::FindInMap': [] }, 'Fn::FindInMap takes [mapName, topLevelKey, secondLevelKey], not a list of 0'],
    [{ 'Fn::Base64': { 'Fn::If': [] } }, '.Fn::Base64: Fn::If takes [conditionName, valueIfTrue, valueIfFalse], not a list of 0'],
    [{ 'Fn::GetAtt': 5 }, 'Fn::GetAtt takes [logicalId, attribute] or "logicalId.attribute", not a number'],
    [{ Ref: ['a'] }, 'Ref takes a logical ID or parameter name, not a list of 1'],
  ])('names the place and the function of %j', (value, problem) => {
    const where = 'Resources.Fn.Properties.Environment.Variables.A';
    expect(intrinsicShapeProblem(inEnv(value))).toBe(problem.startsWith('.') ? `${where}${problem}` : `${where}: ${problem}`);
  });

  it('accepts well-formed intrinsics, nested ones included', () => {
    const value = {
      'Fn::Join': [
        '',
        [
          { 'Fn::Sub': ['${A}-x', { A: { Ref: 'AWS::Region' } }] },
          { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'list' }] }] },
          { 'Fn::GetAtt': 'Db.Endpoint.Address' },
          { 'Fn::If': ['IsProd', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'k'] }, { Ref: 'AWS::NoValue' }] },
        ],
      ],
    };
    expect(intrinsicShapeProblem(inEnv(value))).toBeUndefined();
  });

  it('never quotes the value it refuses', () => {
    expect(intrinsicShapeProblem(inEnv({ 'Fn::Sub': ['FakePassw0rd-Example', 'x'] }))).not.toContain('FakePassw0rd');
  });

  it('reads templates deeper than the call stack', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 50000; i++) value = [value];
    expect(intrinsicShapeProblem(inEnv(value))).toBeUndefined();
  });
});
