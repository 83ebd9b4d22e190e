import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { IsolatedStages } from '../../lib/stages';
import { SecureFunction } from '../../lib/function';

/**
 * IsolatedStages validates each stage with the Bulkhead pack: every stack of a stage is judged together, so one role
 * that functions of two stacks name (SecureFunction cannot tell: each holds its own imported role construct) fails
 * `cdk synth`, naming both; another stage using the same role name in its own account passes. One synth.
 */

const code = lambda.Code.fromInline('exports.handler = async () => 1;');

/** A role of the Roles stack, and SecureFunctions of other stacks naming it by name or ARN (no construct shares it). */
function service(scope: Construct, functions: number): void {
  new iam.Role(new cdk.Stack(scope, 'Roles'), 'Worker', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    roleName: 'orders-worker',
  });
  const api = new cdk.Stack(scope, 'Api');
  new SecureFunction(api, 'Pay', { code, handler: 'index.handler', role: iam.Role.fromRoleName(api, 'Worker', 'orders-worker') });
  if (functions > 1) {
    const jobs = new cdk.Stack(scope, 'Jobs');
    const role = iam.Role.fromRoleArn(jobs, 'Worker', `arn:aws:iam::${cdk.Stack.of(jobs).account}:role/orders-worker`);
    new SecureFunction(jobs, 'Refund', { code, handler: 'index.handler', role });
  }
}

let error: Error | undefined;
beforeAll(() => {
  const app = new cdk.App();
  const stages = new IsolatedStages(app, {
    service: 'orders',
    stages: [
      { name: 'dev', account: '111111111111', region: 'eu-west-1' },
      { name: 'prod', account: '333333333333', region: 'eu-west-1' },
    ],
  });
  service(stages.stage('dev'), 2);
  service(stages.stage('prod'), 1);
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
});

test('one role named by SecureFunctions of two stacks of the stage fails synth, naming both', () => {
  expect(error?.message).toMatch(
    /Bulkhead-SharedRole \(T1\) at orders-dev\/Api\/Pay\/Resource: [^\n]*Role role\/orders-worker is also the role of function orders-dev\/Jobs\/Refund\/Resource\./,
  );
  expect(error?.message).toMatch(/Bulkhead-SharedRole \(T1\) at orders-dev\/Jobs\/Refund\/Resource: /);
});

test("the same role name in prod's own account, used by one function, is not shared", () => {
  expect(error?.message).not.toMatch(/SharedRole[^\n]*orders-prod/);
});
