import * as fs from 'fs';
import * as path from 'path';
import { App, AssetStaging, InjectionContext, PropertyInjectors, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { SecureFunction, SecureNodejsFunction, SecureNodejsFunctionProps } from '../../lib/function';
import { allFindings, ENV, partsOf } from '../blueprint/support';

const ENTRY = path.join(__dirname, '..', 'fixtures', 'handlers', 'update-card.ts');

function newStack(app = new App()): Stack {
  return new Stack(app, 'Team', { env: ENV });
}

describe('SecureNodejsFunction', () => {
  // One stack, bundled once by esbuild: the README's one line, and a SecureFunction beside it for comparison.
  const stack = newStack();
  const fn = new SecureNodejsFunction(new Construct(stack, 'N'), 'UpdateCard', { entry: ENTRY });
  const secure = new SecureFunction(new Construct(stack, 'S'), 'UpdateCard', {
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    handler: 'index.handler',
  });
  for (const f of [fn, secure]) f.grantInvoke(new iam.AccountRootPrincipal());

  test('entry alone gives zero findings from AwsSolutions, Serverless and Bulkhead', () => {
    expect(allFindings(fn.node.scope!)).toEqual([]);
  });

  test("it has SecureFunction's parts and defaults", () => {
    expect(partsOf(stack.node.findChild('N'), stack)).toEqual(partsOf(stack.node.findChild('S'), stack));
    expect([fn.reservedConcurrency, fn.maxRetryAttempts, fn.memoryMb, fn.runtime.name, fn.architecture.name]).toEqual([
      secure.reservedConcurrency,
      secure.maxRetryAttempts,
      secure.memoryMb,
      secure.runtime.name,
      secure.architecture.name,
    ]);
    expect(fn.alarms).toHaveLength(4);
  });

  test('the TypeScript handler is bundled by esbuild, locally', () => {
    const staging = fn.node.findChild('Code').node.findChild('Stage') as AssetStaging;
    const bundle = fs.readFileSync(path.join(staging.absoluteStagedPath, 'index.js'), 'utf8');
    expect(bundle).toContain('limitUsd');
    expect(bundle).not.toContain('interface UpdateCardEvent');
  });

  test.each<[string, Partial<SecureNodejsFunctionProps>, string]>([
    ['retryAttempts', { retryAttempts: 5 }, 'retryAttempts is 5; allowed: an integer 0-2'],
    ['environmentEncryption', { environmentEncryption: new kms.Key(newStack(), 'K') }, 'environmentEncryption is "a key"; allowed: unset'],
    ['runtime', { runtime: lambda.Runtime.NODEJS_16_X }, 'runtime is "nodejs16.x"; allowed: a runtime AWS still patches'],
    ['environment', { environment: { AWS_KEY: 'AKIAIOSFODNN7EXAMPLE' } }, 'environment'],
    ['entry', { entry: undefined }, 'entry is undefined; allowed: the path of the handler file'],
  ])('an unsafe %s is refused, naming the prop', (_name, props, message) => {
    expect(() => new SecureNodejsFunction(newStack(), 'Fn', { entry: ENTRY, ...props })).toThrow(message);
  });

  test('a PropertyInjector for SecureNodejsFunction is validated like the props', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: SecureNodejsFunction.PROPERTY_INJECTION_ID,
      inject: (props: SecureNodejsFunctionProps, _c: InjectionContext) => ({ ...props, reservedConcurrentExecutions: 0 }),
    });
    expect(() => new SecureNodejsFunction(newStack(app), 'Fn', { entry: ENTRY })).toThrow('Team/Fn: reservedConcurrentExecutions is 0');
  });

  test('a PropertyInjector for lambda.Function cannot weaken it after the checks', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: lambda.Function.PROPERTY_INJECTION_ID,
      inject: (props: lambda.FunctionProps, _c: InjectionContext) => ({
        ...props,
        runtime: lambda.Runtime.NODEJS_16_X,
        reservedConcurrentExecutions: undefined,
        environmentEncryption: undefined,
      }),
    });
    expect(() => new SecureNodejsFunction(newStack(app), 'Fn', { entry: ENTRY })).toThrow(
      'Team/Fn: runtime (injected for lambda.Function) is "nodejs16.x"; allowed: a runtime AWS still patches',
    );
  });

  test('what such an injector takes away, the engine puts back', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: lambda.Function.PROPERTY_INJECTION_ID,
      inject: (props: lambda.FunctionProps, _c: InjectionContext) => ({
        ...props,
        reservedConcurrentExecutions: undefined,
        memorySize: 128,
      }),
    });
    const weakened = new SecureNodejsFunction(newStack(app), 'Fn', { entry: ENTRY });
    const cfn = weakened.node.defaultChild as lambda.CfnFunction;
    expect([cfn.reservedConcurrentExecutions, cfn.memorySize, cfn.kmsKeyArn === undefined]).toEqual([10, 256, false]);
  });
});

describe('inherited methods go through the same checks as SecureFunction', () => {
  function handler(): { stack: Stack; fn: SecureNodejsFunction } {
    const app = new App();
    const stack = new Stack(app, 'Checks', { env: ENV });
    const fn = new SecureNodejsFunction(stack, 'Fn', { entry: ENTRY });
    return { stack, fn };
  }

  test('addFunctionUrl with authType NONE is refused, naming the prop; AWS_IAM is accepted', () => {
    const { fn } = handler();
    expect(() => fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(/authType.*NONE.*AWS_IAM/s);
    expect(() => fn.addFunctionUrl()).not.toThrow();
  });

  test('addEventSource of a queue without a dead-letter queue is refused; one with a redrive policy is bound', () => {
    const { stack, fn } = handler();
    const bare = new sqs.Queue(stack, 'Bare', { visibilityTimeout: Duration.minutes(5) });
    expect(() => fn.addEventSource(new SqsEventSource(bare))).toThrow(/dead-letter/i);
    const dlq = new sqs.Queue(stack, 'Dlq');
    const good = new sqs.Queue(stack, 'Good', {
      visibilityTimeout: Duration.minutes(5),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    fn.addEventSource(new SqsEventSource(good));
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });
});
