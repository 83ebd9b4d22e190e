import { AdversarialCase, bad, clean, envFn, tpl } from './case';

/**
 * T2: credentials written into function configuration, as they are pasted in a hurry or hidden on purpose. Every
 * value is a fake made for this corpus (EXAMPLE/fake markers where the format allows).
 */

const T = 'T2';
const SECRET = ['EnvSecret'];
const db = {
  Type: 'AWS::RDS::DBInstance',
  Properties: {
    Engine: 'postgres',
    DBInstanceClass: 'db.t4g.micro',
    AllocatedStorage: '20',
    ManageMasterUserPassword: true,
    MasterUsername: 'app',
    StorageEncrypted: true,
  },
};

const single = (id: string, cls: string, name: string, value: unknown, extra: object = {}): AdversarialCase =>
  bad(id, T, cls, SECRET, tpl({ Fn: envFn({ [name]: value }), ...extra }));
const lookalike = (id: string, cls: string, vars: { [k: string]: unknown }): AdversarialCase => clean(id, T, cls, tpl({ Fn: envFn(vars) }));

export const T2_CASES: AdversarialCase[] = [
  // Plain literals of well-known formats.
  single('t2-aws-key-id', 'secret-format', 'AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'),
  single('t2-aws-secret-key-odd-name', 'secret-format', 'S3_UPLOADER_CFG', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
  single('t2-github-pat', 'secret-format', 'GH', 'ghp_FAKEexampleToken0123456789abcdefABCD'),
  single(
    't2-github-fine-grained',
    'secret-format',
    'REPO_BOT',
    'github_pat_11FAKEEXAMPLE0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX',
  ),
  single('t2-stripe-live', 'secret-format', 'PAYMENTS', 'sk_live_FAKEexample0123456789abcdEF'),
  single('t2-stripe-restricted', 'secret-format', 'BILLING_CLIENT', 'rk_live_FAKEexample0123456789abcdEF'),
  single('t2-slack-bot', 'secret-format', 'CHAT', 'xoxb-000000000000-000000000000-FAKEexample0123456789ab'),
  single(
    't2-slack-webhook',
    'secret-format',
    'ALERTS_HOOK',
    'https://hooks.slack.com/services/T00000000/B00000000/FAKEexample0123456789abc',
  ),
  single('t2-openai', 'secret-format', 'LLM', 'sk-proj-FAKEexample0123456789abcdefghijklmnopqrstuv'),
  single('t2-anthropic', 'secret-format', 'MODEL_CLIENT', 'sk-ant-api03-FAKEexample0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ'),
  single(
    't2-pem-private-key',
    'secret-format',
    'SIGNER',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKEEXAMPLEonly0123456789abcdef\n-----END RSA PRIVATE KEY-----',
  ),
  single(
    't2-openssh-key',
    'secret-format',
    'DEPLOY_SSH',
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAFAKEEXAMPLE\n-----END OPENSSH PRIVATE KEY-----',
  ),
  single(
    't2-jwt',
    'secret-format',
    'SERVICE_BEARER',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlLWV4YW1wbGUiLCJpYXQiOjB9.FAKEexampleSignature0123456789abcdefgh',
  ),
  // Vendors' formats the first detector did not know.
  single('t2-datadog-api-key', 'secret-vendor', 'DD_API_KEY', '0123456789abcdef0123456789abcdef'),
  single('t2-newrelic-license', 'secret-vendor', 'NEW_RELIC_LICENSE_KEY', 'eu01xxFAKEEXAMPLE0123456789abcdefNRAL'),
  single('t2-newrelic-user-key', 'secret-vendor', 'NR_INGEST', 'NRAK-FAKEEXAMPLE0123456789ABCDEF'),
  single('t2-sendgrid', 'secret-vendor', 'MAILER', 'SG.FAKEexample0123456789a.FAKEexample0123456789abcdefghijklmnopqrstuv'),
  single('t2-twilio-auth-token', 'secret-vendor', 'TWILIO_AUTH_TOKEN', 'fa4e0123456789abcdef0123456789ab'),
  single('t2-shopify', 'secret-vendor', 'STORE_ADMIN', 'shpat_fa4e0123456789abcdef0123456789ab'),
  single('t2-gitlab', 'secret-vendor', 'CI_PUSH', 'glpat-FAKEexample0123456789'),
  single('t2-huggingface', 'secret-vendor', 'HF', 'hf_FAKEexample0123456789abcdefghijklmnop'),
  single('t2-vault-token', 'secret-vendor', 'VAULT', 'hvs.FAKEexample0123456789abcdefghijkl'),
  single('t2-telegram-bot', 'secret-vendor', 'TELEGRAM_BOT', '123456789:AAFAKEexample0123456789abcdefghijklm'),
  single(
    't2-azure-storage',
    'secret-vendor',
    'BLOB_STORE',
    'DefaultEndpointsProtocol=https;AccountName=fakeexample;AccountKey=FAKEexample0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678901==;EndpointSuffix=core.windows.net',
  ),
  single(
    't2-gcp-service-account',
    'secret-vendor',
    'GOOGLE_CREDENTIALS',
    JSON.stringify({
      type: 'service_account',
      project_id: 'fake-example',
      private_key_id: 'fa4e0123456789abcdef',
      private_key: '-----BEGIN PRIVATE KEY-----\nMIIEFAKEEXAMPLE\n-----END PRIVATE KEY-----\n',
      client_email: 'fake@fake-example.iam.gserviceaccount.com',
    }),
  ),
  single(
    't2-discord-webhook',
    'secret-vendor',
    'NOTIFY',
    'https://discord.com/api/webhooks/000000000000000000/FAKEexample0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS',
  ),
  single('t2-pypi', 'secret-vendor', 'PUBLISH', 'pypi-AgEIcHlwaS5vcmcFAKEexample0123456789abcdefghijklmnopqrstuvwxyz'),
  single('t2-grafana', 'secret-vendor', 'GRAFANA_CLOUD', 'glc_FAKEexample0123456789abcdefghijklmnopqrstuvwxyzABCDEF'),
  single(
    't2-header-bearer',
    'secret-header',
    'UPSTREAM_HEADERS',
    JSON.stringify({ Authorization: 'Bearer FAKEexample0123456789abcdefghijKLMN' }),
  ),
  single(
    't2-header-ingest-key',
    'secret-header',
    'OBSERVABILITY_HEADERS',
    JSON.stringify({ 'DD-API-KEY': '0123456789abcdef0123456789abcdef', 'Content-Type': 'application/json' }),
  ),
  single('t2-header-x-api-key', 'secret-header', 'PARTNER_HEADERS', 'x-api-key: FAKEexample0123456789abcdefXYZ'),
  // Abbreviated and unusual names.
  single('t2-db-pass', 'secret-name', 'DB_PASS', 'FakePassw0rd-Example'),
  single('t2-encryption-key', 'secret-name', 'APP_ENCRYPTION_KEY', 'Zm9vYmFyLWZha2UtZXhhbXBsZS1rZXktMDEyMw=='),
  single('t2-admin-key', 'secret-name', 'SEARCH_ADMIN_KEY', 'fakeExampleAdminKey0123456789'),
  single('t2-hmac-key', 'secret-name', 'WEBHOOK_HMAC_KEY', 'fa4e0123456789abcdef0123456789abcdef0123'),
  single('t2-master-key', 'secret-name', 'MASTER_KEY', 'FAKE-example-master-0123456789'),
  single('t2-pw', 'secret-name', 'SMTP_PW', 'Fake!Example#2024'),
  // Passwords inside structured values and connection strings.
  single(
    't2-json-password',
    'secret-structured',
    'DB_CONFIG',
    JSON.stringify({ host: 'db.internal', user: 'app', password: 'FakePassw0rd-Example' }),
  ),
  single('t2-conn-kv', 'secret-structured', 'SQLSERVER', 'Server=db.internal;Database=orders;User Id=app;Password=FakePassw0rd-Example;'),
  single('t2-conn-jdbc-query', 'secret-structured', 'JDBC', 'jdbc:mysql://db.internal:3306/orders?user=app&password=FakePassw0rd-Example'),
  single('t2-conn-url', 'secret-structured', 'DATABASE_URL', 'postgres://app:FakePassw0rd-Example@db.internal:5432/orders'),
  single('t2-conn-redis-no-user', 'secret-structured', 'CACHE', 'redis://:FakePassw0rd-Example@cache.internal:6379/0'),
  single('t2-conn-mongodb-srv', 'secret-structured', 'MONGO', 'mongodb+srv://app:FakePassw0rd-Example@cluster0.example.mongodb.net/orders'),
  // Hidden inside intrinsic functions.
  single(
    't2-sub-url-getatt',
    'secret-in-intrinsic',
    'DATABASE_URL',
    { 'Fn::Sub': 'postgres://app:FakePassw0rd-Example@${Db.Endpoint.Address}:5432/orders' },
    { Db: db },
  ),
  single(
    't2-join-url-getatt',
    'secret-in-intrinsic',
    'DB_URI',
    { 'Fn::Join': ['', ['mysql://app:FakePassw0rd-Example@', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, ':3306/orders']] },
    { Db: db },
  ),
  single(
    't2-join-kv-ref',
    'secret-in-intrinsic',
    'CONN',
    { 'Fn::Join': [';', [{ 'Fn::Sub': 'Server=${Db.Endpoint.Address}' }, 'User Id=app', 'Password=FakePassw0rd-Example']] },
    { Db: db },
  ),
  single('t2-join-secret-key-ref', 'secret-in-intrinsic', 'API_TOKEN', {
    'Fn::Join': ['', ['FAKEexample0123456789', { Ref: 'AWS::Region' }]],
  }),
  single('t2-base64', 'secret-in-intrinsic', 'DB_PASSWORD', { 'Fn::Base64': 'FakePassw0rd-Example' }),
  single('t2-base64-key-id', 'secret-in-intrinsic', 'UPLOADER', { 'Fn::Base64': 'AKIAIOSFODNN7EXAMPLE' }),
  bad(
    't2-findinmap',
    T,
    'secret-in-mapping',
    SECRET,
    tpl(
      { Fn: envFn({ DB_PASSWORD: { 'Fn::FindInMap': ['Stage', 'prod', 'DbPassword'] } }) },
      { Mappings: { Stage: { prod: { DbPassword: 'FakePassw0rd-Example' }, dev: { DbPassword: 'FakeDevPassw0rd-Example' } } } },
    ),
  ),
  bad(
    't2-findinmap-key-id',
    T,
    'secret-in-mapping',
    SECRET,
    tpl(
      { Fn: envFn({ UPLOADER_ID: { 'Fn::FindInMap': ['Creds', { Ref: 'AWS::Region' }, 'KeyId'] } }) },
      { Mappings: { Creds: { 'eu-west-1': { KeyId: 'AKIAIOSFODNN7EXAMPLE' } } } },
    ),
  ),
  bad(
    't2-parameter-default',
    T,
    'secret-in-parameter',
    SECRET,
    tpl(
      { Fn: envFn({ DB_PASSWORD: { Ref: 'DbPassword' } }) },
      { Parameters: { DbPassword: { Type: 'String', NoEcho: true, Default: 'FakePassw0rd-Example' } } },
    ),
  ),
  bad(
    't2-parameter-default-token',
    T,
    'secret-in-parameter',
    SECRET,
    tpl(
      { Fn: envFn({ GITHUB: { 'Fn::Sub': '${GithubToken}' } }) },
      { Parameters: { GithubToken: { Type: 'String', Default: 'ghp_FAKEexampleToken0123456789abcdefABCD' } } },
    ),
  ),
  bad(
    't2-yaml-sub-short',
    T,
    'secret-in-intrinsic',
    SECRET,
    `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t4g.micro, AllocatedStorage: "20", MasterUsername: app, ManageMasterUserPassword: true, StorageEncrypted: true }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::111111111111:role/fn-role
      Code: { ZipFile: "exports.handler = async () => 1;" }
      ReservedConcurrentExecutions: 5
      KmsKeyArn: arn:aws:kms:eu-west-1:111111111111:key/1111aaaa-22bb-33cc-44dd-555555eeeeee
      DeadLetterConfig: { TargetArn: arn:aws:sqs:eu-west-1:111111111111:orders-dlq }
      Environment:
        Variables:
          DATABASE_URL: !Sub "postgresql://app:FakePassw0rd-Example@\${Db.Endpoint.Address}/orders"
`,
  ),
  bad(
    't2-if-branch',
    T,
    'secret-in-intrinsic',
    SECRET,
    tpl(
      { Fn: envFn({ SMTP_PASSWORD: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'FakePassw0rd-Example'] } }) },
      { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '333333333333'] } } },
    ),
  ),

  // Clean look-alikes: names mention tokens or passwords but hold settings; values start like vendor prefixes.
  lookalike('t2-ok-jwt-settings', 'lookalike-setting', {
    JWT_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_FakeExample',
    JWT_AUDIENCE: 'orders-api-prod',
    TOKEN_ALGORITHM: 'RS256',
  }),
  lookalike('t2-ok-token-issuer-url', 'lookalike-setting', {
    AUTH_TOKEN_ISSUER: 'https://auth.example.com/',
    OAUTH_TOKEN_ENDPOINT: 'https://auth.example.com/oauth2/token',
  }),
  lookalike('t2-ok-password-policy', 'lookalike-setting', {
    PASSWORD_HASH_ALGORITHM: 'argon2id',
    PASSWORD_MIN_LENGTH: '12',
    PASSWORD_POLICY: 'minLength=12;requireSymbols=true',
  }),
  lookalike('t2-ok-sender', 'lookalike-setting', {
    PASSWORD_RESET_SENDER: 'no-reply@example.com',
    TOKEN_EMAIL_FROM: 'security@example.com',
  }),
  lookalike('t2-ok-csrf-cookie', 'lookalike-setting', { CSRF_TOKEN_COOKIE: '__Host-csrf-token', SESSION_TOKEN_HEADER: 'x-session-token' }),
  lookalike('t2-ok-secret-refs', 'lookalike-reference', {
    DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders/db-AbCdEf',
    API_KEY_PARAMETER: '/orders/prod/partner-api-key',
    JWT_SECRET_NAME: 'orders/jwt-signing',
  }),
  lookalike('t2-ok-dynamic-reference', 'lookalike-reference', {
    DB_PASSWORD: '{{resolve:secretsmanager:orders/db:SecretString:password}}',
    API_TOKEN: '{{resolve:ssm-secure:/orders/api-token}}',
  }),
  lookalike('t2-ok-url-no-password', 'lookalike-structured', {
    DATABASE_URL: 'postgres://app@db.internal:5432/orders?sslmode=require',
    REDIS_URL: 'rediss://cache.internal:6379/0',
  }),
  lookalike('t2-ok-conn-without-password', 'lookalike-structured', {
    SQLSERVER: 'Server=db.internal;Database=orders;Authentication=Active Directory Managed Identity;',
  }),
  lookalike('t2-ok-json-config', 'lookalike-structured', {
    APP_CONFIG: JSON.stringify({
      passwordMinLength: 12,
      tokenTtlSeconds: 3600,
      secretsPrefix: 'orders/',
      issuer: 'https://auth.example.com/',
    }),
  }),
  lookalike('t2-ok-vendor-prefix-names', 'lookalike-prefix', {
    CACHE_PREFIX: 'sk-orders-service-cache-prefix-v2-eu-west-1',
    BUCKET: 'ghp-artifacts-orders-prod-eu-west-1',
    TABLE: 'xoxo-gift-wrap-orders-table',
  }),
  lookalike('t2-ok-sku-ids', 'lookalike-prefix', {
    DEFAULT_SKU: 'SKU0123456789ABCDEF0123456789ABCDEF',
    GSI_SORT_KEY: 'SK#ORDER#2024-01-01',
  }),
  lookalike('t2-ok-token-numbers', 'lookalike-setting', {
    TOKEN_TTL_SECONDS: '3600',
    API_KEY_SOURCE: 'HEADER',
    SECRET_ROTATION_DAYS: '30',
    MAX_TOKENS: '4096',
  }),
  lookalike('t2-ok-uuid-ids', 'lookalike-setting', {
    TENANT_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    CORRELATION_NAMESPACE: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  }),
  lookalike('t2-ok-hash-digest', 'lookalike-setting', {
    BUILD_SHA: 'fa4e0123456789abcdef0123456789abcdef0123',
    ASSET_HASH: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  }),
  lookalike('t2-ok-public-keys', 'lookalike-setting', {
    JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
    SIGNING_KEY_ID: 'fake-example-kid-2024-01',
    PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIFAKEEXAMPLE\n-----END PUBLIC KEY-----',
  }),
  clean(
    't2-ok-sub-endpoint',
    T,
    'lookalike-reference',
    tpl({
      Db: db,
      Fn: envFn({
        DATABASE_URL: { 'Fn::Sub': 'postgres://app@${Db.Endpoint.Address}:5432/orders' },
        DB_PASSWORD_SECRET: { 'Fn::GetAtt': ['Db', 'MasterUserSecret.SecretArn'] },
      }),
    }),
  ),
  clean(
    't2-ok-findinmap-settings',
    T,
    'lookalike-mapping',
    tpl(
      { Fn: envFn({ TOKEN_AUDIENCE: { 'Fn::FindInMap': ['Stage', 'prod', 'Audience'] } }) },
      { Mappings: { Stage: { prod: { Audience: 'orders-api-prod' } } } },
    ),
  ),
  clean(
    't2-ok-parameter-noecho-no-default',
    T,
    'lookalike-parameter',
    tpl({ Fn: envFn({ DB_PASSWORD: { Ref: 'DbPassword' } }) }, { Parameters: { DbPassword: { Type: 'String', NoEcho: true } } }),
  ),
  clean(
    't2-ok-parameter-default-setting',
    T,
    'lookalike-parameter',
    tpl({ Fn: envFn({ TOKEN_ALGORITHM: { Ref: 'Alg' } }) }, { Parameters: { Alg: { Type: 'String', Default: 'RS256' } } }),
  ),
];
