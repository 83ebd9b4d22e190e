import { App, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { SecretReference, SecureFunction } from '../../lib/function';

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');

/** Every AwsSolutions and Serverless violation, warnings included. */
export function nagFindings(stack: Stack) {
  return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) => pack.validateScope(stack).violations);
}

function newStack(): Stack {
  return new Stack(new App(), 'Acid', { env: { account: '111111111111', region: 'eu-west-1' } });
}

describe('zero cdk-nag findings without user acknowledgements', () => {
  test('minimal use', () => {
    const stack = newStack();
    new SecureFunction(stack, 'UpdateCard', { code: CODE, handler: 'index.handler' });
    expect(JSON.stringify(nagFindings(stack), null, 1)).toBe('[]');
  });

  test('minimal use with a code asset directory, as in the README', () => {
    const fs = require('fs');
    const os = require('os');
    const path = require('path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-card-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ statusCode: 200 });');
    const stack = newStack();
    new SecureFunction(stack, 'UpdateCard', { code: lambda.Code.fromAsset(dir), handler: 'index.handler' });
    expect(JSON.stringify(nagFindings(stack), null, 1)).toBe('[]');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('with maxEnvironmentAge (recycler) on two functions', () => {
    const stack = newStack();
    new SecureFunction(stack, 'UpdateCard', { code: CODE, handler: 'index.handler', maxEnvironmentAge: Duration.hours(4) });
    new SecureFunction(stack, 'ReadCard', { code: CODE, handler: 'index.handler', maxEnvironmentAge: Duration.hours(2) });
    expect(JSON.stringify(nagFindings(stack), null, 1)).toBe('[]');
  });

  test('with secrets, a shared key and every event source', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'SharedKey', { enableKeyRotation: true });
    const secret = new secretsmanager.Secret(stack, 'DbPassword', { encryptionKey: key });
    const param = ssm.StringParameter.fromStringParameterName(stack, 'ApiKeyParam', '/payments/api-key');
    const fn = new SecureFunction(stack, 'Consumer', {
      code: CODE,
      handler: 'index.handler',
      encryptionKey: key,
      secrets: { DB_PASSWORD_ARN: SecretReference.fromSecret(secret), API_KEY_PARAM: SecretReference.fromParameter(param) },
    });
    const dlq = new sqs.Queue(stack, 'InputDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
    const input = new sqs.Queue(stack, 'Input', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(60),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    fn.addSqsSource(input);
    const stream = new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });
    fn.addKinesisSource(stream);
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    fn.addDynamoStreamSource(table);
    fn.addSecureFunctionUrl();
    const ours = nagFindings(stack).filter((v) => v.violatingResources.some((r) => (r.constructPath ?? '').startsWith('Acid/Consumer')));
    expect(JSON.stringify(ours, null, 1)).toBe('[]');
  });
});

describe('the X-Ray acknowledgements cover the X-Ray writes only', () => {
  test('a wildcard granted later is still reported by AwsSolutions-IAM5', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'UpdateCard', { code: CODE, handler: 'index.handler' });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const found = nagFindings(stack).flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
    expect(found).toEqual(['AwsSolutions-IAM5[Resource::*] Acid/UpdateCard/ServiceRole/DefaultPolicy/Resource']);
  });

  test('a wildcard in a role you pass is reported by both packs', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Mine', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        Reads: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] }),
      },
    });
    new SecureFunction(stack, 'UpdateCard', { code: CODE, handler: 'index.handler', role });
    const rules = nagFindings(stack)
      .filter((v) => v.violatingResources.some((r) => r.constructPath === 'Acid/Mine/Resource'))
      .map((v) => v.ruleName);
    expect(rules.sort()).toEqual(['AwsSolutions-IAM5[Resource::*]', 'Serverless-LambdaStarPermissions']);
  });
});

describe('the packs registered as policy validation plugins (the way apps use them)', () => {
  function synth(build: (stack: Stack) => void): void {
    const app = new App();
    const { Validations } = require('aws-cdk-lib');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    build(new Stack(app, 'Synth', { env: { account: '111111111111', region: 'eu-west-1' } }));
    app.synth();
  }

  test('app.synth() passes with a SecureFunction', () => {
    expect(() =>
      synth(
        (stack) => new SecureFunction(stack, 'UpdateCard', { code: CODE, handler: 'index.handler', maxEnvironmentAge: Duration.hours(4) }),
      ),
    ).not.toThrow();
  });

  test('app.synth() fails with a plain lambda.Function (the plugins are live)', () => {
    expect(() =>
      synth((stack) => new lambda.Function(stack, 'Plain', { code: CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X })),
    ).toThrow();
  });
});
