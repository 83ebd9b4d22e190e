import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadErrors, DeployGuard, SecureFunction } from '../../lib';

describe("BulkheadErrors recognises the library's errors, as users catch them", () => {
  test('a refused prop is a validation error; other errors are not', () => {
    let caught: unknown;
    try {
      new SecureFunction(new Stack(new App(), 'S'), 'Fn', {
        code: lambda.Code.fromInline('x'),
        handler: 'index.handler',
        retryAttempts: 9,
      });
    } catch (e) {
      caught = e;
    }
    expect(BulkheadErrors.isValidationError(caught)).toBe(true);
    expect(BulkheadErrors.isDeployGuardFault(caught)).toBe(false);
    expect(BulkheadErrors.isValidationError(new Error('retryAttempts'))).toBe(false);
    expect(BulkheadErrors.isValidationError(undefined)).toBe(false);
  });

  test('a deploy guard that cannot check is a fault, not a verdict', async () => {
    const caught = await DeployGuard.verify({ stage: 'prod', assemblyDir: '/nonexistent/cdk.out' }).catch((e) => e);
    expect(BulkheadErrors.isDeployGuardFault(caught)).toBe(true);
    expect(BulkheadErrors.isValidationError(caught)).toBe(false);
  });
});
