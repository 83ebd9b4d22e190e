import { expandSam, SamError } from '../../lib/sam';
import { mergeGlobal } from '../../lib/sam/globals';

const T = 'AWS::Serverless-2016-10-31';
const fnProps = (template: object, id = 'F'): any => (expandSam({ Transform: T, ...template }).template.Resources as any)[id].Properties;

describe('Globals, merged as SAM documents it', () => {
  it('a resource scalar replaces the global one; maps merge key by key, recursively; lists are additive, globals first', () => {
    expect(mergeGlobal(10, 30)).toBe(30);
    expect(mergeGlobal({ Variables: { A: '1', B: '2' } }, { Variables: { B: 'b', C: '3' } })).toEqual({
      Variables: { A: '1', B: 'b', C: '3' },
    });
    expect(mergeGlobal(['arn:layer:1'], ['arn:layer:2'])).toEqual(['arn:layer:1', 'arn:layer:2']);
  });

  it('an intrinsic merges as a scalar, and values of different kinds: the resource wins', () => {
    expect(mergeGlobal({ Variables: { A: '1' } }, { 'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }] })).toEqual({
      'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }],
    });
    expect(mergeGlobal({ Ref: 'Layers' }, ['arn:layer:2'])).toEqual(['arn:layer:2']);
  });

  it('reaches the generated function; IgnoreGlobals (a resource attribute) drops all or the named ones', () => {
    const globals = { Function: { Runtime: 'nodejs22.x', Timeout: 5, Environment: { Variables: { STAGE: 'dev' } }, Layers: ['arn:l:1'] } };
    const fn = {
      Type: 'AWS::Serverless::Function',
      Properties: { Handler: 'i.h', InlineCode: 'x', Timeout: 9, Environment: { Variables: { TABLE: 't' } }, Layers: ['arn:l:2'] },
    };
    expect(fnProps({ Globals: globals, Resources: { F: fn } })).toMatchObject({
      Runtime: 'nodejs22.x',
      Timeout: 9,
      Environment: { Variables: { STAGE: 'dev', TABLE: 't' } },
      Layers: ['arn:l:1', 'arn:l:2'],
    });
    const some = fnProps({ Globals: globals, Resources: { F: { ...fn, IgnoreGlobals: ['Environment', 'Layers'] } } });
    expect(some).toMatchObject({ Runtime: 'nodejs22.x', Environment: { Variables: { TABLE: 't' } }, Layers: ['arn:l:2'] });
    expect(fnProps({ Globals: globals, Resources: { F: { ...fn, IgnoreGlobals: '*' } } }).Runtime).toBeUndefined();
  });

  it('Globals.Api reaches the implicit API; Globals.SimpleTable the tables', () => {
    const out = expandSam({
      Transform: T,
      Globals: { Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } }, SimpleTable: { SSESpecification: { SSEEnabled: true } } },
      Resources: {
        F: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'i.h',
            InlineCode: 'x',
            Events: { A: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } },
          },
        },
        T: { Type: 'AWS::Serverless::SimpleTable' },
      },
    }).template.Resources as any;
    expect(out.ServerlessRestApi.Properties.Body.paths['/'].get.security).toEqual([{ AWS_IAM: [] }]);
    expect(out.T.Properties.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it.each([
    [['Function'], /Globals must be a map of sections/],
    [{ Function: 'x' }, /Globals\.Function must be a map of properties/],
    [{ Functions: {} }, /Globals\.Functions is not a Globals section SAM knows/],
    [{ Function: { Events: {} } }, /Globals\.Function\.Events is not a property SAM accepts in Globals/],
  ])('malformed Globals %j: refused naming the section and property', (globals, reason) => {
    expect(() => expandSam({ Transform: T, Globals: globals, Resources: { Q: { Type: 'AWS::SQS::Queue' } } })).toThrow(SamError);
    expect(() => expandSam({ Transform: T, Globals: globals, Resources: { Q: { Type: 'AWS::SQS::Queue' } } })).toThrow(reason);
  });

  it('IgnoreGlobals of the wrong type is refused naming it', () => {
    expect(() =>
      fnProps({
        Globals: { Function: { Timeout: 3 } },
        Resources: { F: { Type: 'AWS::Serverless::Function', IgnoreGlobals: 5, Properties: { InlineCode: 'x' } } },
      }),
    ).toThrow(/resource F: IgnoreGlobals must be '\*' or a list of property names/);
  });

  it('Globals sections of SAM types not expanded (WebSocketApi, CapacityProvider) are accepted; newer Function and Api properties too', () => {
    const template = {
      Globals: {
        WebSocketApi: { DisableSchemaValidation: true },
        CapacityProvider: { Tags: { team: 'a' } },
        Function: { RolePath: '/app/', TenancyConfig: { TenancyMode: 'x' } },
        Api: { SecurityPolicy: 'TLS_1_2', EndpointAccessMode: 'x' },
      },
      Resources: { F: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'i.h', InlineCode: 'x' } } },
    };
    const out = expandSam({ Transform: T, ...template });
    expect((out.template.Resources as any).FRole.Properties.Path).toBe('/app/');
    expect(out.notices).toEqual([expect.objectContaining({ resource: 'F', key: 'TenancyConfig' })]);
  });
});
