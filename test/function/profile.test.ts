import { App, InjectionContext, PropertyInjectors, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionProfileInjector, FunctionProfiles, SecureFunction, SecureFunctionProps } from '../../lib/function';

const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
const base = { code: CODE, handler: 'index.handler' };

describe('FunctionProfiles live in aws-cdk-lib PropertyInjectors', () => {
  // One app for the file: a stage with a profile, a nested construct, and a team injector for SecureFunction.
  const app = new App();
  const stage = new Stage(app, 'Dev');
  FunctionProfiles.apply(stage, { serviceName: 'payments', stageName: 'dev', reservedConcurrentExecutions: 2, memorySize: 512 });
  const stack = new Stack(stage, 'Api');
  const nested = new Construct(new Construct(stack, 'Outer'), 'Inner');
  const deep = new SecureFunction(nested, 'UpdateCard', base);
  new SecureFunction(stack, 'ReadCard', { ...base, memorySize: 1024, logRetention: logs.RetentionDays.INFINITE });
  // A team's own injector for SecureFunction on the same stage: its id differs from the profile's, so both apply.
  const teamStage = new Stage(app, 'Team');
  FunctionProfiles.apply(teamStage, { reservedConcurrentExecutions: 3 });
  PropertyInjectors.of(teamStage).add({
    constructUniqueId: SecureFunction.PROPERTY_INJECTION_ID,
    inject: (p: SecureFunctionProps, _c: InjectionContext) => ({ ...p, memorySize: 768 }),
  });
  const teamStack = new Stack(teamStage, 'Api');
  new SecureFunction(teamStack, 'Pay', base);
  const dev = Template.fromStack(stack);
  const team = Template.fromStack(teamStack);

  test('apply registers an injector under its own id on the scope', () => {
    expect(PropertyInjectors.of(stage).supportedClasses()).toEqual([FunctionProfiles.PROPERTY_INJECTION_ID]);
    expect(PropertyInjectors.of(stage).for(FunctionProfiles.PROPERTY_INJECTION_ID)).toBeInstanceOf(FunctionProfileInjector);
    expect(PropertyInjectors.of(teamStage).supportedClasses().sort()).toEqual(
      [FunctionProfiles.PROPERTY_INJECTION_ID, SecureFunction.PROPERTY_INJECTION_ID].sort(),
    );
  });

  test("a stage's profile reaches a function in nested scopes; explicit props still win", () => {
    expect(FunctionProfiles.of(deep)?.stageName).toBe('dev');
    dev.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'payments-update-card-dev',
      MemorySize: 512,
      ReservedConcurrentExecutions: 2,
    });
    dev.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'payments-read-card-dev',
      MemorySize: 1024,
      ReservedConcurrentExecutions: 2,
    });
  });

  test('a weakened default is still announced under a profile', () => {
    Annotations.fromStack(stack).hasWarning('/Dev/Api/ReadCard', Match.stringLikeRegexp('logRetention is INFINITE'));
    expect(Annotations.fromStack(stack).findWarning('/Dev/Api/Outer/Inner/UpdateCard', Match.stringLikeRegexp('logRetention'))).toEqual([]);
  });

  test("a team's injector for SecureFunction and the profile both apply", () => {
    team.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 768, ReservedConcurrentExecutions: 3 });
  });

  test('the nearest profile wins, and apply replaces an earlier one on the same scope', () => {
    const s = new Stack(stage, 'Inner');
    FunctionProfiles.apply(s, { stageName: 'inner' });
    expect(FunctionProfiles.of(new Construct(s, 'C'))).toEqual({ stageName: 'inner' });
    FunctionProfiles.apply(s, { stageName: 'again' });
    expect(FunctionProfiles.of(s)).toEqual({ stageName: 'again' });
    expect(FunctionProfiles.of(new Stack(new App(), 'Other'))).toBeUndefined();
  });

  test('a profile registered by another loaded copy of the library (same id and shape) is found', () => {
    const s = new Stack(new App(), 'S');
    PropertyInjectors.of(s).add({
      constructUniqueId: FunctionProfiles.PROPERTY_INJECTION_ID,
      inject: (p: any) => p,
      profile: { memorySize: 640 },
    } as any);
    expect(FunctionProfiles.of(s)).toEqual({ memorySize: 640 });
  });

  test("the injector's inject gives the profile's defaults under what the props set", () => {
    const injector = new FunctionProfileInjector({
      serviceName: 'payments',
      stageName: 'prod',
      memorySize: 512,
      reservedConcurrentExecutions: 20,
    });
    const context = { scope: stack, id: 'ChargeCard' };
    expect(injector.inject({ memorySize: 1024, reservedConcurrentExecutions: undefined }, context)).toEqual({
      functionName: 'payments-charge-card-prod',
      memorySize: 1024,
      reservedConcurrentExecutions: 20,
    });
  });
});
