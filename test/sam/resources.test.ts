import { expandSam } from '../../lib/sam';
import { expand, samFunction } from './support';

describe('other SAM resources', () => {
  it('SimpleTable: a DynamoDB table with its key, billing and encryption', () => {
    const { resources } = expand({
      Plain: { Type: 'AWS::Serverless::SimpleTable' },
      Keyed: {
        Type: 'AWS::Serverless::SimpleTable',
        Properties: {
          PrimaryKey: { Name: 'pk', Type: 'Number' },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          SSESpecification: { SSEEnabled: true },
          Tags: { team: 'a' },
        },
      },
    });
    expect(resources.Plain.Properties).toEqual({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(resources.Keyed.Properties).toMatchObject({
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      SSESpecification: { SSEEnabled: true },
      Tags: [{ Key: 'team', Value: 'a' }],
    });
  });

  it("LayerVersion: kept under its own logical ID, so functions' Layers references hold", () => {
    const { resources } = expand({
      Libs: {
        Type: 'AWS::Serverless::LayerVersion',
        Properties: { ContentUri: 'layers/libs', CompatibleRuntimes: ['nodejs22.x'], RetentionPolicy: 'Delete' },
      },
      F: samFunction({ Layers: [{ Ref: 'Libs' }] }),
    });
    expect(resources.Libs).toMatchObject({
      Type: 'AWS::Lambda::LayerVersion',
      DeletionPolicy: 'Delete',
      Metadata: { 'aws:asset:path': '/project/layers/libs', 'aws:asset:property': 'Content' },
    });
    expect(resources.F.Properties.Layers).toEqual([{ Ref: 'Libs' }]);
  });

  it('StateMachine: the state machine and its generated role with its policies (templates included)', () => {
    const { resources, notices } = expand({
      Flow: {
        Type: 'AWS::Serverless::StateMachine',
        Properties: {
          Definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
          Tracing: { Enabled: true },
          Policies: [
            { LambdaInvokePolicy: { FunctionName: 'worker' } },
            { Statement: [{ Effect: 'Allow', Action: 'states:*', Resource: '*' }] },
          ],
          Events: { Nightly: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } } },
        },
      },
    });
    expect(resources.Flow).toMatchObject({
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { RoleArn: { 'Fn::GetAtt': ['FlowRole', 'Arn'] }, TracingConfiguration: { Enabled: true } },
    });
    expect(resources.FlowRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: ['states.amazonaws.com'] });
    expect(resources.FlowRole.Properties.Policies.map((p: any) => p.PolicyDocument.Statement[0].Action)).toEqual([
      ['lambda:InvokeFunction'],
      'states:*',
    ]);
    expect(notices.map((n) => `${n.resource} ${n.key}`)).toEqual(['Flow Events']);
  });

  it('Application and unknown SAM types: reported as not judged, kept (as custom resources) so references still resolve', () => {
    const { resources, notices } = expand({
      Nested: { Type: 'AWS::Serverless::Application', Properties: { Location: 'https://example.com/t.yaml' } },
      Link: { Type: 'AWS::Serverless::Connector', Properties: { Source: { Id: 'F' }, Destination: { Id: 'F' }, Permissions: ['Write'] } },
      F: samFunction(),
    });
    expect(resources.Nested.Type).toBe('Custom::SamApplication');
    expect(resources.Link).toEqual({
      Type: 'Custom::SamConnector',
      Properties: { Source: { Id: 'F' }, Destination: { Id: 'F' }, Permissions: ['Write'] },
    });
    expect(notices.map((n) => [n.resource, n.key, n.message])).toEqual([
      [
        'Nested',
        'Type',
        expect.stringMatching(/^AWS::Serverless::Application is not judged: a nested application .* check that template too$/),
      ],
      ['Link', 'Type', expect.stringMatching(/^AWS::Serverless::Connector is not judged/)],
    ]);
  });

  it('plain resources, Parameters, Conditions and Outputs pass through; Transform and Globals are gone', () => {
    const out = expand(
      { Q: { Type: 'AWS::SQS::Queue', Condition: 'C', Properties: { QueueName: { 'Fn::If': ['C', 'a', 'b'] } } }, F: samFunction() },
      {
        Parameters: { P: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
        Globals: { Function: { Timeout: 3 } },
        Outputs: { O: { Value: { 'Fn::GetAtt': ['FRole', 'Arn'] } } },
      },
    );
    expect(out.template).toMatchObject({
      Parameters: { P: { Type: 'String' } },
      Conditions: { C: {} },
      Outputs: { O: { Value: { 'Fn::GetAtt': ['FRole', 'Arn'] } } },
    });
    expect(out.template.Transform).toBeUndefined();
    expect(out.template.Globals).toBeUndefined();
    expect(out.resources.Q).toEqual({ Type: 'AWS::SQS::Queue', Condition: 'C', Properties: { QueueName: { 'Fn::If': ['C', 'a', 'b'] } } });
    expect(out.sources.get('Q')).toBeUndefined();
  });
});

describe('other transforms beside SAM', () => {
  it('are reported as not run; an Fn::ForEach of AWS::LanguageExtensions is refused naming it', () => {
    const { notices } = expandSam({
      Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'],
      Resources: { F: samFunction() },
    });
    expect(notices).toEqual([
      expect.objectContaining({
        resource: 'Transform',
        key: 'Transform.AWS::LanguageExtensions',
        message: expect.stringMatching(/is not run by this check/),
      }),
    ]);
    expect(() =>
      expandSam({
        Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'],
        Resources: { 'Fn::ForEach::Topics': ['T', ['A', 'B'], {}], F: samFunction() },
      }),
    ).toThrow(/resource Fn::ForEach::Topics: Resources is an Fn::ForEach of the AWS::LanguageExtensions transform/);
  });
});
