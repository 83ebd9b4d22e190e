import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { BulkheadBlueprint } from '../../lib/blueprint';
import { SecretReference, SecureFunction, SecureNodejsFunction } from '../../lib/function';
import { ENV, newApp } from './support';

const ENTRY = path.join(__dirname, '..', 'fixtures', 'handlers', 'update-card.ts');

/** SecureFunction and SecureNodejsFunction build themselves with the engine; the blueprint leaves their props alone. */
test('under a blueprint, a SecureFunction and a SecureNodejsFunction with secrets build as they do without it', () => {
  const app = newApp();
  const acme = new BulkheadBlueprint({ today: '2026-11-30', reservedConcurrentExecutions: 3 });
  acme.applyTo(app);
  const stack = new Stack(app, 'Team', { env: ENV });
  const secret = new secretsmanager.Secret(stack, 'Db');
  const secrets = { DB_SECRET_ARN: SecretReference.fromSecret(secret) };
  const fn = new SecureFunction(stack, 'Pay', {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
    secrets,
  });
  const ts = new SecureNodejsFunction(stack, 'Card', { entry: ENTRY, secrets });
  // Their own default ceiling (10), not the blueprint's (3): the blueprint hardens plain functions only.
  expect([fn.reservedConcurrency, ts.reservedConcurrency]).toEqual([10, 10]);
  const kinds = acme.report(app).functions.map((f) => `${f.path} ${f.kind}`);
  expect(kinds).toEqual(['Team/Pay SecureFunction', 'Team/Card SecureNodejsFunction']);
});

test("the blueprint's alarm e-mails reach a SecureFunction's and a SecureNodejsFunction's alarms; their own topic wins", () => {
  const app = newApp();
  new BulkheadBlueprint({ today: '2026-11-30', alarmEmails: ['oncall@acme.example'] }).applyTo(app);
  const stack = new Stack(app, 'Team', { env: ENV });
  const code = lambda.Code.fromInline('exports.handler = async () => 1;');
  const fn = new SecureFunction(stack, 'Pay', { code, handler: 'index.handler' });
  const ts = new SecureNodejsFunction(stack, 'Card', { entry: ENTRY });
  const own = new sns.Topic(stack, 'TeamTopic', { enforceSSL: true });
  const mine = new SecureFunction(stack, 'Own', { code, handler: 'index.handler', alarmTopic: own });
  const actions = (f: SecureFunction | SecureNodejsFunction) =>
    f.alarms.map((a) => stack.resolve((a.node.defaultChild as cloudwatch.CfnAlarm).alarmActions));
  const org = stack.resolve((stack.node.findChild('BulkheadAlarms').node.findChild('Topic') as sns.Topic).topicArn);
  for (const f of [fn, ts]) expect(actions(f)).toEqual([[org], [org], [org], [org]]);
  expect(actions(mine)).toEqual(Array(4).fill([stack.resolve(own.topicArn)]));
});
