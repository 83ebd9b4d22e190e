import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecretReference, SecureFunction } from '../../lib/function';
import { findings, newStack } from './support';

/** The rules of this suite: IAM, Lambda environment and URL, SQS, SNS, DynamoDB, Logs and API Gateway. */
const RULES = [
  'SharedRole',
  'WildcardPermissions',
  'AdminManagedPolicy',
  'EnvSecret',
  'EnvironmentEncryption',
  'FunctionUrlAuth',
  'QueueEncryption',
  'QueueTlsOnly',
  'TopicEncryption',
  'TopicTlsOnly',
  'TableEncryption',
  'LogGroupEncryption',
  'MethodAuthorization',
  'RouteAuthorization',
].map((r) => `Bulkhead-${r}`);
const ours = (scope: any) => findings(scope).filter((f) => RULES.includes(f.ruleId));

const code = lambda.Code.fromInline('exports.handler = async () => 1;');

describe('SecureFunction against the IAM, encryption and authorization rules', () => {
  it('gives zero findings by default', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code, handler: 'index.handler' });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(ours(stack)).toEqual([]);
  });

  it('gives zero findings with an SQS source, a Kinesis source, secrets and a secure function URL', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'DbSecret');
    const fn = new SecureFunction(stack, 'Fn', {
      code,
      handler: 'index.handler',
      secrets: { DB_PASSWORD: SecretReference.fromSecret(secret) },
      environment: { STAGE: 'prod' },
    });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    const dlq = new sqs.Queue(stack, 'Dlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
    const queue = new sqs.Queue(stack, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(10),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    fn.addSqsSource(queue);
    fn.addKinesisSource(new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key }));
    fn.addSecureFunctionUrl();
    expect(ours(stack)).toEqual([]);
    // Guard against a vacuous pass: the resources these rules judge are all there.
    const template = JSON.stringify(stack.resolve((stack as any)._toCloudFormation()));
    for (const type of ['AWS::Lambda::Url', 'AWS::SQS::QueuePolicy', 'AWS::Logs::LogGroup', 'AWS::IAM::Policy'])
      expect(template).toContain(type);
  });

  it('gives zero findings with environment recycling on', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { code, handler: 'index.handler', maxEnvironmentAge: Duration.hours(2) });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(ours(stack)).toEqual([]);
  });

  it('flags the CDK L2 defaults it should', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q');
    new sns.Topic(stack, 'T');
    new apigw.RestApi(stack, 'Api').root.addMethod('GET', new apigw.MockIntegration());
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    for (const id of ['A', 'B']) {
      new lambda.Function(stack, id, {
        code,
        handler: 'index.handler',
        runtime: lambda.Runtime.NODEJS_22_X,
        role,
        environment: { STAGE: 'dev' },
      });
    }
    const ids = new Set(ours(stack).map((f) => `${f.ruleId} ${f.resourcePath}`));
    for (const expected of [
      'Bulkhead-QueueEncryption Test/Q/Resource',
      'Bulkhead-QueueTlsOnly Test/Q/Resource',
      'Bulkhead-TopicEncryption Test/T/Resource',
      'Bulkhead-TopicTlsOnly Test/T/Resource',
      'Bulkhead-MethodAuthorization Test/Api/Default/GET/Resource',
      'Bulkhead-SharedRole Test/A/Resource',
      'Bulkhead-SharedRole Test/B/Resource',
      'Bulkhead-EnvironmentEncryption Test/A/Resource',
    ])
      expect(ids).toContain(expected);
  });
});
