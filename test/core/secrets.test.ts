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
