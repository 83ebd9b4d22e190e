import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const { generate, OUT } = require('../../tools/gen-function-options.js');

/** The SecureFunctionProps section of API.md (generated from the jsii assembly; test/packaging/api-doc.test.ts keeps it current). */
function apiSection(): string {
  const api = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8');
  const start = api.indexOf('### SecureFunctionProps');
  return api.slice(start, api.indexOf('\n### ', start + 1));
}

/** The `Default:` line API.md shows for one prop of SecureFunctionProps. */
function defaultOf(prop: string): string | undefined {
  const section = apiSection();
  const at = section.indexOf(`id="cdk-bulkhead.SecureFunctionProps.property.${prop}"`);
  if (at < 0) return undefined;
  return section.slice(at).match(/- \*Default:\* ([^\n]*)/)?.[1];
}

describe("API docs and IDE hovers show SecureFunction's defaults, not aws-cdk-lib's", () => {
  test.each([
    ['memorySize', /256/],
    ['timeout', /Duration\.seconds\(10\)/],
    ['reservedConcurrentExecutions', /10/],
    ['architecture', /ARM_64/],
    ['tracing', /ACTIVE/],
    ['maxEventAge', /Duration\.hours\(1\)/],
    ['retryAttempts', /^2$/],
    ['logRetention', /ONE_MONTH/],
    ['recursiveLoop', /TERMINATE/],
    ['deadLetterQueue', /own SQS queue, KMS-encrypted/],
    ['role', /an own role, used by this function only/],
  ])('%s', (prop, expected) => {
    expect(defaultOf(prop)).toMatch(expected);
  });

  test('props SecureFunction refuses or ignores are not documented as accepted', () => {
    for (const prop of [
      'environmentEncryption',
      'deadLetterTopic',
      'deadLetterQueueEnabled',
      'architectures',
      'logRetentionRole',
      'logRetentionRetryOptions',
      'logRemovalPolicy',
    ]) {
      expect(defaultOf(prop)).toBeUndefined();
    }
  });

  test('the props taken unchanged are generated from the installed aws-cdk-lib (run node tools/gen-function-options.js)', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(generate());
  });
});
