import { SecretDetector } from '../../lib/core/secrets';

// Clearly fake values, built at run time so that no secret-shaped literal sits in the repository.
const fakeAccessKeyId = 'AKIA' + 'FAKEFAKEFAKEFAKE';
const fakeSecretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'FAKEKEY123';
const fakePem = '-----BEGIN RSA ' + 'PRIVATE KEY-----\nFAKE\n-----END RSA PRIVATE KEY-----';
const fakeGithub = 'ghp_' + 'a'.repeat(18) + 'B'.repeat(18);

describe('SecretDetector', () => {
  test.each([
    ['ANY', fakeAccessKeyId, 'AWS access key ID'],
    ['ANY', fakeSecretKey, 'AWS secret access key'],
    ['KEY', fakePem, 'private key'],
    ['GH', fakeGithub, 'GitHub token'],
    ['DATABASE_URL', 'postgres://app:n0t-a-real-pw@db:5432/app', 'embedded password'],
    ['DB_PASSWORD', 'Sup3r-Fake-Pw!', 'name suggests a secret'],
    ['STRIPE_API_KEY', 'fake-value-xyz-123', 'name suggests a secret'],
  ])('%s is flagged as %s', (name, value, reason) => {
    expect(SecretDetector.reasonFor(name, value)).toContain(reason);
  });

  test.each([
    ['DB_PASSWORD_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf'],
    ['API_KEY_PARAM', '/payments/prod/api-key'],
    ['TOKEN_TTL', '3600'],
    ['SECRET_NAME', 'payments-db'],
    ['TABLE_NAME', 'cards'],
    ['LOG_LEVEL', 'INFO'],
    ['PASSWORD', 'changeme'.slice(0, 4)],
    ['API_KEY', undefined],
    // Judged by the value: lowercase words joined by - _ . read as a resource name, not a secret.
    ['TOKEN_TABLE', 'orders-tokens-dev'],
    ['SECRET_BUCKET', 'payments.exports.prod'],
    ['API_KEY_HEADER', 'x-api-key'],
  ])('%s is not flagged', (name, value) => {
    expect(SecretDetector.reasonFor(name, value)).toBeUndefined();
  });

  // Red-team pass B (issue 13): values judged by their structure, with the name as a hint.
  const fakeHex = (n: number): string => Array.from({ length: n }, (_, i) => '0123456789abcdef'[(i * 7 + 3) % 16]).join('');
  const fakeMixed = 'Fa' + 'KeToKeN9x'.repeat(4);
  test.each([
    ['SLACK', 'xox' + 'b-1234567890-1234567890123-' + fakeMixed, 'Slack token'],
    ['NOTIFY', 'xox' + 'e.xoxp-1-' + fakeMixed, 'Slack token'],
    ['OTEL_EXPORTER_OTLP_HEADERS', `x-honeycomb-team=${fakeMixed},x-honeycomb-dataset=orders`, 'x-honeycomb-team'],
    ['OTEL_EXPORTER_OTLP_HEADERS', `api-key=${fakeHex(40)}`, 'api-key'],
    ['STRIPE', 'sk' + '_test_' + fakeMixed, 'Stripe secret key'],
    ['SENTRY', `https://${fakeHex(32)}:${fakeHex(32)}@o1.ingest.sentry.io/2`, 'embedded password'],
    ['dbPass', fakeMixed, 'name suggests a secret'],
    ['smtpPw', fakeMixed, 'name suggests a secret'],
    ['REDIS_AUTH', fakeMixed, 'name suggests a secret'],
    ['GITHUB_PAT', fakeMixed, 'name suggests a secret'],
    ['PASSWORD_PEPPER', fakeMixed, 'name suggests a secret'],
  ])('%s=%s is flagged as %s', (name, value, reason) => {
    expect(SecretDetector.reasonFor(name, value)).toContain(reason);
  });

  test.each([
    ['TOPIC', 'xoxb-migration-notices'],
    ['DATABASE_URL', 'postgres://app:{{resolve:secretsmanager:orders-db:SecretString:password}}@db.internal/orders'],
    ['DATABASE_URL', 'postgres://app:\u0000@db.internal/orders'],
    ['DATA_ENCRYPTION_KEY', 'alias/orders-data'],
    ['SMTP_PASSWORD_SECRET', 'prod/smtp'],
    ['TENANT_TOKEN_NAMESPACE', '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f'],
    ['SENTRY_DSN', `https://${fakeHex(32)}@o123456.ingest.sentry.io/4504`],
    ['STRIPE_PUBLISHABLE_KEY', 'pk' + '_live_' + fakeMixed],
    ['OTEL_EXPORTER_OTLP_HEADERS', 'x-honeycomb-dataset=orders,x-scope=prod'],
    ['tokenIssuer', 'https://auth.orders.example.com/'],
    ['REDIS_AUTH', 'iam'],
    ['AUTH', 'cognito'],
  ])('%s=%s is not flagged', (name, value) => {
    expect(SecretDetector.reasonFor(name, value)).toBeUndefined();
  });

  test("under a password's name, plain words may be a passphrase: still flagged", () => {
    expect(SecretDetector.reasonFor('DB_PASSWORD', 'correct-horse-battery-staple')).toContain('name suggests a secret');
  });

  test('a known key format is certain (by value); a verdict on the name alone is not', () => {
    expect(SecretDetector._reasonByValue(fakeAccessKeyId)).toContain('AWS access key ID');
    expect(SecretDetector._reasonByValue('Sup3r-Fake-Pw!')).toBeUndefined();
    expect(SecretDetector._reasonByName('DB_PASSWORD', 'Sup3r-Fake-Pw!')).toContain('name suggests a secret');
  });

  test('the reason never contains the value', () => {
    const reason = SecretDetector.reasonFor('DB_PASSWORD', 'Sup3r-Fake-Pw!')!;
    expect(reason).not.toContain('Sup3r-Fake-Pw!');
  });
});
