import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BreakerMode, CostBreaker } from '../../lib/breaker';
import { SecureFunction } from '../../lib/function';
import { IsolatedStages } from '../../lib/stages';

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const { hardenedFunction } = require('../../bench/workloads/cases') as { hardenedFunction: (s: cdk.Stack, id: string) => lambda.Function };

describe('costBreaker in a stage spec: opt-in per stage', () => {
  const app = new cdk.App();
  const stages = new IsolatedStages(app, {
    service: 'payments',
    stages: [
      { name: 'dev', account: '111111111111', region: 'eu-west-1', costBreaker: true },
      { name: 'staging', account: '222222222222', region: 'eu-west-1', costBreaker: false },
      { name: 'prod', account: '333333333333', region: 'eu-west-1', costBreaker: true, alarmEmails: ['oncall@example.com'] },
      { name: 'qa', account: '444444444444', region: 'eu-west-1' },
    ],
  });
  const stacks: { [stage: string]: cdk.Stack } = {};
  const fns: { [stage: string]: lambda.Function[] } = {};
  let prodCritical: SecureFunction;
  for (const stage of stages.stages) {
    const stack = new cdk.Stack(stage, 'Api');
    stacks[stage.shortName] = stack;
    fns[stage.shortName] = [
      new SecureFunction(stack, 'UpdateCard', { code: CODE, handler: 'index.handler' }),
      hardenedFunction(stack, 'Plain'),
    ];
    if (stage.shortName === 'prod') {
      prodCritical = new SecureFunction(stack, 'Checkout', { code: CODE, handler: 'index.handler' });
      new CostBreaker(stack, 'CriticalBreaker').protect(prodCritical, { mode: BreakerMode.NOTIFY });
      fns.prod.push(prodCritical);
    }
    for (const fn of fns[stage.shortName]) fn.grantInvoke(new iam.AccountRootPrincipal());
  }
  // Synthesizes every stage; a finding of any pack in any stage would throw here.
  const assembly = app.synth();
  const template = (stage: string) =>
    Template.fromJSON(assembly.getNestedAssembly(`assembly-payments-${stage}`).getStackByName(`payments-${stage}-Api`).template);
  const breakerOf = (stage: string) => stacks[stage].node.tryFindChild('BulkheadCostBreaker') as CostBreaker | undefined;

  test('dev and prod (switched on): one breaker per stack protecting every function, SecureFunction and plain alike', () => {
    for (const stage of ['dev', 'prod']) {
      const breaker = breakerOf(stage)!;
      expect(breaker).toBeDefined();
      const expected = stage === 'prod' ? fns.prod.slice(0, 2) : fns.dev;
      expect(breaker.protectedFunctions).toEqual(expected);
      const breakerArn = stacks[stage].resolve(breaker.breakerFunction.functionArn);
      const trips = template(stage).findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmActions: [breakerArn] } });
      expect(Object.keys(trips)).toHaveLength(expected.length);
    }
  });

  test("a function a breaker of the user already protects is left to it (prod's critical function stays NOTIFY)", () => {
    expect(breakerOf('prod')!.protectedFunctions).not.toContain(prodCritical);
    const own = stacks.prod.node.findChild('CriticalBreaker') as CostBreaker;
    const env =
      template('prod').toJSON().Resources[stacks.prod.resolve((own.breakerFunction.node.defaultChild as lambda.CfnFunction).logicalId)]
        .Properties.Environment.Variables;
    expect(env.BULKHEAD_BREAKER_NOTIFY).toEqual({
      Ref: stacks.prod.resolve((prodCritical.node.defaultChild as lambda.CfnFunction).logicalId),
    });
  });

  test('staging (switched off) and qa (not set: the default) get no breaker', () => {
    expect(breakerOf('staging')).toBeUndefined();
    expect(breakerOf('qa')).toBeUndefined();
    expect(template('staging').findResources('AWS::Lambda::Function')).not.toHaveProperty('BulkheadCostBreakerFunction');
  });

  test("the breaker reports to the stage's alarm topic, is named after service, stack and stage, and never protects itself", () => {
    const breaker = breakerOf('prod')!;
    const props =
      template('prod').toJSON().Resources[stacks.prod.resolve((breaker.breakerFunction.node.defaultChild as lambda.CfnFunction).logicalId)]
        .Properties;
    expect(JSON.stringify(props.Environment.Variables.BULKHEAD_BREAKER_TOPIC_ARN)).toContain('Fn::ImportValue');
    expect(props.Environment.Variables.BULKHEAD_BREAKER_STAGE).toBe('prod');
    expect(props.FunctionName).toBe('payments-api-bulkhead-cost-breaker-prod');
    expect(CostBreaker.isProtected(breaker.breakerFunction)).toBe(false);
  });

  test('costBreaker must be a boolean', () => {
    expect(
      () =>
        new IsolatedStages(new cdk.App(), {
          service: 'payments',
          stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1', costBreaker: 'yes' as unknown as boolean }],
        }),
    ).toThrow('IsolatedStages: stages[0] (dev).costBreaker is "yes"; allowed: true or false.');
  });
});
