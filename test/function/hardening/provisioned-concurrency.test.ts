import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from '../../../lib/function';

const base = { code: lambda.Code.fromInline('exports.handler = async () => 1;'), handler: 'index.handler' };

function synthError(build: (stack: Stack) => void): string {
  const app = new App();
  build(new Stack(app, 'S'));
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('provisioned concurrency above the reserved ceiling is refused at synth', () => {
  test('addAlias with 50 on a ceiling of 10: names the prop, the alias, the limit and the fix', () => {
    const message = synthError((s) => new SecureFunction(s, 'Fn', base).addAlias('live', { provisionedConcurrentExecutions: 50 }));
    expect(message).toMatch(
      /S\/Fn: provisionedConcurrentExecutions is \\?"50 \(50 on S\/Fn\/Aliaslive\)\\?"; allowed: at most the function's reservedConcurrentExecutions, 10 .* Fix: lower provisionedConcurrentExecutions to 10 or less in total, or raise reservedConcurrentExecutions to 50 or more/,
    );
  });

  test('aliases made with new lambda.Alias count too, summed', () => {
    const message = synthError((s) => {
      const fn = new SecureFunction(s, 'Fn', { ...base, reservedConcurrentExecutions: 8 });
      new lambda.Alias(s, 'Blue', { aliasName: 'blue', version: fn.currentVersion, provisionedConcurrentExecutions: 5 });
      fn.addAlias('green', { provisionedConcurrentExecutions: 4 });
    });
    expect(message).toMatch(/provisionedConcurrentExecutions is \\?"9 \(/);
    expect(message).toContain('5 on S/Blue');
    expect(message).toContain('4 on S/Fn/Aliasgreen');
  });

  test('within the ceiling synthesizes', () => {
    expect(synthError((s) => new SecureFunction(s, 'Fn', base).addAlias('live', { provisionedConcurrentExecutions: 10 }))).toBe('');
  });
});
