import { App, InjectionContext, PropertyInjectors, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction, SecureFunctionProps } from '../../lib/function';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');

/** A stack under an App holding one injector for `id`. */
function stackInjecting<P>(id: string, inject: (props: P) => P): Stack {
  const app = new App();
  PropertyInjectors.of(app).add({ constructUniqueId: id, inject: (props: P, _c: InjectionContext) => inject(props) });
  return new Stack(app, 'Team');
}

describe('a PropertyInjector cannot smuggle an unsafe prop into a SecureFunction', () => {
  test("one registered for SecureFunction: its props are validated like the user's, every problem at once", () => {
    const stack = stackInjecting<SecureFunctionProps>(SecureFunction.PROPERTY_INJECTION_ID, (p) => ({
      ...p,
      runtime: lambda.Runtime.NODEJS_16_X,
      reservedConcurrentExecutions: 0,
    }));
    expect(() => new SecureFunction(stack, 'Pay', { code: CODE, handler: 'index.handler' })).toThrow(
      /Team\/Pay: 2 problems\n.*reservedConcurrentExecutions is 0.*\n.*runtime is "nodejs16.x"/,
    );
  });

  test("one registered for lambda.Function (it runs inside SecureFunction's super call): a deprecated runtime is refused", () => {
    const stack = stackInjecting<lambda.FunctionProps>(lambda.Function.PROPERTY_INJECTION_ID, (p) => ({
      ...p,
      runtime: lambda.Runtime.NODEJS_16_X,
    }));
    expect(() => new SecureFunction(stack, 'Pay', { code: CODE, handler: 'index.handler' })).toThrow(
      'Team/Pay: runtime (injected for lambda.Function) is "nodejs16.x"; allowed: a runtime AWS still patches',
    );
  });

  test('one registered for lambda.Function: a ceiling, key or DLQ it removes is put back by the engine', () => {
    const stack = stackInjecting<lambda.FunctionProps>(lambda.Function.PROPERTY_INJECTION_ID, (p) => ({
      ...p,
      reservedConcurrentExecutions: undefined,
      memorySize: 10240,
    }));
    const fn = new SecureFunction(stack, 'Pay', { code: CODE, handler: 'index.handler' });
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    expect([cfn.reservedConcurrentExecutions, cfn.memorySize, cfn.kmsKeyArn === undefined, cfn.deadLetterConfig === undefined]).toEqual([
      10,
      256,
      false,
      false,
    ]);
  });
});
