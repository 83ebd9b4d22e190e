import { PropertyInjectors } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * The props after the nearest PropertyInjector registered for `uniqueId`, as aws-cdk-lib's own `@propertyInjectable`
 * classes apply them (that decorator is not public API), so validation runs on what will be built.
 */
export function injectedProps<T>(uniqueId: string, props: T, scope: Construct, id: string): T {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (!PropertyInjectors.hasPropertyInjectors(c)) continue;
    const injector = PropertyInjectors.of(c).for(uniqueId);
    if (injector) return injector.inject(props, { scope, id });
  }
  return props;
}
