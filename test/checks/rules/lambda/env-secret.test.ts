import { CfnParameter, CfnResource, Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, flagged, newStack } from '../../support';

// Obviously fake secrets, built by concatenation so scanners do not trip.
const FAKE_ACCESS_KEY = 'AKIA' + 'FAKEFAKEFAKEFAKE';
const FAKE_PASSWORD = 'hunter' + '2xY9#kLmQ';

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const l2 = (scope: any, id: string, environment: { [k: string]: string }) =>
  new lambda.Function(scope, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, environment });
const raw = (scope: any, id: string, variables: unknown) =>
  new CfnResource(scope, id, {
    type: 'AWS::Lambda::Function',
    properties: { Role: 'arn:aws:iam::111111111111:role/r', Code: { ZipFile: 'x' }, Environment: { Variables: variables } },
  });

describe('EnvSecret', () => {
  it('passes settings and references (L2: table name token, ARNs, flags)', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    l2(stack, 'Fn', {
      TABLE_NAME: table.tableName,
      STAGE: 'prod',
      API_TOKEN_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:token',
      DB_PASSWORD: '{{resolve:secretsmanager:db}}',
      CACHE_ENABLED: 'true',
    });
    expect(flagged(stack, 'EnvSecret')).toEqual([]);
  });

  it('flags literal secrets per variable with the reason, never the value (L2)', () => {
    const stack = newStack();
    l2(stack, 'Fn', { AWS_KEY: FAKE_ACCESS_KEY, DB_PASSWORD: FAKE_PASSWORD, STAGE: 'prod' });
    const found = findingsOf(stack, 'EnvSecret');
    expect(found.map((f) => f.findingId).sort()).toEqual(['Bulkhead-EnvSecret[AWS_KEY]', 'Bulkhead-EnvSecret[DB_PASSWORD]']);
    expect(found.find((f) => f.findingId.endsWith('[AWS_KEY]'))!.message).toContain(
      'Environment.Variables.AWS_KEY: its value looks like an AWS access key ID',
    );
    for (const f of found) {
      expect(f.message).not.toContain(FAKE_ACCESS_KEY);
      expect(f.message).not.toContain(FAKE_PASSWORD);
      expect(f.level).toBe('error');
    }
  });

  it('evaluates Fn::Join and Fn::Sub made only of literals, and literal branches of Fn::If (L1)', () => {
    const stack = newStack();
    // CDK folds a Join of literals into a string, so write it as an included template holds it.
    raw(stack, 'Joined', { DB_PASSWORD: { 'Fn::Join': ['', ['hunter', '2xY9#kLmQ']] } });
    raw(stack, 'Subbed', { KEY: { 'Fn::Sub': ['${A}${B}', { A: 'AKIA', B: 'FAKEFAKEFAKEFAKE' }] } });
    raw(stack, 'Branch', { SECRET: Fn.conditionIf('IsProd', { Ref: 'SecretParam' }, FAKE_PASSWORD) });
    const found = findingsOf(stack, 'EnvSecret');
    expect(found.map((f) => f.logicalId).sort()).toEqual(['Branch', 'Joined', 'Subbed']);
    expect(found.find((f) => f.logicalId === 'Joined')!.message).toContain('(built from literals by Fn::Join)');
    expect(found.find((f) => f.logicalId === 'Branch')!.message).toContain('Environment.Variables.SECRET in a branch of Fn::If IsProd');
  });

  it('treats Ref, GetAtt, ImportValue and Join/Sub over references as references', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'DbPassword', { noEcho: true });
    raw(stack, 'Refs', {
      DB_PASSWORD: param.valueAsString,
      API_TOKEN: Fn.importValue('Token'),
      SECRET_KEY: Fn.join('', ['prefix-', param.valueAsString, 'x9#Zq']),
      CLIENT_SECRET: Fn.sub('${DbPassword}-Qz8!xw'),
    });
    raw(stack, 'NoVariables', { 'Fn::If': ['C', { A: 'b' }, { Ref: 'AWS::NoValue' }] });
    expect(flagged(stack, 'EnvSecret')).toEqual([]);
  });
});
