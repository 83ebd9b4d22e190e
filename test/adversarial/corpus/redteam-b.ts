import { ACCOUNT, AdversarialCase, bad, clean, envFn, fn, refused, tpl } from './case';

/**
 * Independent red-team pass B (issue 13): T2 secrets in configuration, T6 dynamic code, T8/T10 runtimes and
 * lockfiles, and robustness, written from THREATS.md and RULES.md without reading the rules. Every credential below
 * is a fake test value: built from a seeded generator or marked EXAMPLE, never a real key.
 */

/** Deterministic fake characters (an LCG), so tokens have a real format and real entropy without being real. */
function fake(seed: number, length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'): string {
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const T2 = 'T2';
const secret = (id: string, cls: string, template: object | string): AdversarialCase => bad(id, T2, cls, ['EnvSecret'], template);
const env = (vars: { [k: string]: unknown }, sections: { [k: string]: unknown } = {}): object => tpl({ Fn: envFn(vars) }, sections);
const dbEndpoint = { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] };
const withDb = (vars: { [k: string]: unknown }): object =>
  tpl({
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', AllocatedStorage: '20' } },
    Fn: envFn(vars),
  });

const PASSWORD = 'Vq7mK2pLz9rT4xWb';
const PEM_BODY = (seed: number): string => fake(seed, 64 * 6, B64).replace(/(.{64})/g, '$1\n');

const T2_DIRTY: AdversarialCase[] = [
  // Literal credentials around references.
  secret(
    'rb-t2-join-pg-url-getatt',
    'secret-in-join',
    withDb({ DATABASE_URL: { 'Fn::Join': ['', ['postgres://orders:', PASSWORD, '@', dbEndpoint, ':5432/orders']] } }),
  ),
  secret(
    'rb-t2-join-pg-url-split-at',
    'secret-in-join',
    withDb({ DATABASE_URL: { 'Fn::Join': ['', [`postgresql://orders:${PASSWORD}@`, dbEndpoint, '/orders?sslmode=require']] } }),
  ),
  secret(
    'rb-t2-sub-mongo-srv',
    'secret-in-sub',
    withDb({ MONGO_URI: { 'Fn::Sub': `mongodb+srv://admin:${fake(1, 18)}@\${Db.Endpoint.Address}/app?retryWrites=true` } }),
  ),
  secret(
    'rb-t2-sub-redis-empty-user',
    'secret-in-sub',
    withDb({ CACHE_URL: { 'Fn::Sub': `redis://:${fake(2, 20)}@\${Db.Endpoint.Address}:6379/0` } }),
  ),
  secret(
    'rb-t2-join-kv-connection-string',
    'secret-in-join',
    withDb({
      SQL_CONNECTION: { 'Fn::Join': ['', ['Server=', dbEndpoint, ';Database=orders;User Id=sa;Password=', fake(3, 16), ';Encrypt=true;']] },
    }),
  ),
  secret(
    'rb-t2-join-jdbc-query-password',
    'secret-in-join',
    withDb({ JDBC_URL: { 'Fn::Join': ['', ['jdbc:mysql://', dbEndpoint, `:3306/orders?user=app&password=${fake(4, 16)}&useSSL=true`]] } }),
  ),
  secret(
    'rb-t2-sub-list-variable-literal',
    'secret-in-sub',
    env({ AMQP_URL: { 'Fn::Sub': ['amqps://orders:${Pass}@${Host}:5671', { Pass: fake(5, 18), Host: 'mq.internal' }] } }),
  ),
  secret('rb-t2-base64-stripe', 'secret-in-base64', env({ PAYMENT_CONFIG: { 'Fn::Base64': `sk_live_${fake(6, 24)}` } })),
  secret(
    'rb-t2-findinmap-slack',
    'secret-in-mapping',
    env(
      { NOTIFY: { 'Fn::FindInMap': ['Stage', { Ref: 'AWS::Region' }, 'Hook'] } },
      { Mappings: { Stage: { 'eu-west-1': { Hook: `xoxb-123456789012-1234567890123-${fake(7, 24)}` } } } },
    ),
  ),
  secret(
    'rb-t2-noecho-default',
    'secret-in-parameter',
    env({ DB_PASSWORD: { Ref: 'DbPassword' } }, { Parameters: { DbPassword: { Type: 'String', NoEcho: true, Default: fake(8, 16) } } }),
  ),
  secret(
    'rb-t2-param-default-access-key',
    'secret-in-parameter',
    env(
      { UPLOAD_CREDENTIALS: { 'Fn::Join': [':', [{ Ref: 'KeyId' }, { Ref: 'KeySecret' }]] } },
      {
        Parameters: {
          KeyId: { Type: 'String', Default: 'AKIAIOSFODNN7EXAMPLE' },
          KeySecret: { Type: 'String', Default: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
        },
      },
    ),
  ),
  secret('rb-t2-select-literals', 'secret-in-select', env({ GH: { 'Fn::Select': [0, [`ghp_${fake(9, 36)}`, 'unused']] } })),
  secret(
    'rb-t2-if-branch',
    'secret-in-if',
    env(
      { STRIPE: { 'Fn::If': ['IsProd', `rk_live_${fake(10, 24)}`, { Ref: 'AWS::NoValue' }] } },
      { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, ACCOUNT] } } },
    ),
  ),
  // Vendor formats under names that give nothing away: the value alone must say it.
  secret('rb-t2-aws-secret-key-neutral-name', 'vendor-format', env({ AWS_SK: fake(11, 40, B64) })),
  secret('rb-t2-github-fine-grained', 'vendor-format', env({ REPO_ACCESS: `github_pat_11${fake(12, 20)}_${fake(13, 59)}` })),
  secret('rb-t2-github-app-token', 'vendor-format', env({ GH_INSTALLATION: `ghs_${fake(14, 36)}` })),
  secret('rb-t2-gitlab-pat', 'vendor-format', env({ GITLAB: `glpat-${fake(15, 20)}` })),
  secret(
    'rb-t2-slack-user-token',
    'vendor-format',
    env({ SLACK_USER: `xoxp-123456789012-123456789012-1234567890123-${fake(16, 32, HEX)}` }),
  ),
  secret(
    'rb-t2-slack-webhook-url',
    'vendor-format',
    env({
      ALERTS_URL: `https://hooks.slack.com/services/T0${fake(17, 8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/B0${fake(18, 8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/${fake(19, 24)}`,
    }),
  ),
  secret('rb-t2-twilio-api-key', 'vendor-format', env({ TWILIO: `SK${fake(20, 32, HEX)}` })),
  secret('rb-t2-sendgrid', 'vendor-format', env({ MAIL: `SG.${fake(21, 22)}.${fake(22, 43)}` })),
  secret('rb-t2-mailgun', 'vendor-format', env({ MAILGUN: `key-${fake(23, 32, HEX)}` })),
  secret('rb-t2-datadog-api-key', 'vendor-format', env({ DD_API_KEY: fake(24, 32, HEX) })),
  secret('rb-t2-newrelic-user-key', 'vendor-format', env({ NEW_RELIC: `NRAK-${fake(25, 27, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}` })),
  secret(
    'rb-t2-honeycomb-otlp-header',
    'vendor-format',
    env({ OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${fake(26, 22)},x-honeycomb-dataset=orders` }),
  ),
  secret(
    'rb-t2-sentry-dsn-with-secret',
    'vendor-format',
    env({ SENTRY: `https://${fake(27, 32, HEX)}:${fake(28, 32, HEX)}@o123456.ingest.sentry.io/4504` }),
  ),
  secret('rb-t2-google-api-key', 'vendor-format', env({ MAPS: `AIza${fake(29, 35, B64.replace('+/', '-_'))}` })),
  secret(
    'rb-t2-azure-storage-connection',
    'vendor-format',
    env({
      BLOB: `DefaultEndpointsProtocol=https;AccountName=ordersstore;AccountKey=${fake(30, 86, B64)}==;EndpointSuffix=core.windows.net`,
    }),
  ),
  secret('rb-t2-npm-token', 'vendor-format', env({ NPMRC: `//registry.npmjs.org/:_authToken=npm_${fake(31, 36)}` })),
  secret('rb-t2-pypi-token', 'vendor-format', env({ TWINE: `pypi-AgEIcHlwaS5vcmc${fake(32, 80)}` })),
  secret('rb-t2-openai-project-key', 'vendor-format', env({ LLM: `sk-proj-${fake(33, 48)}T3BlbkFJ${fake(34, 48)}` })),
  secret('rb-t2-anthropic-key', 'vendor-format', env({ LLM_FALLBACK: `sk-ant-api03-${fake(35, 93)}-${fake(36, 6)}AA` })),
  secret(
    'rb-t2-pem-rsa',
    'private-key',
    env({ SIGNING: `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY(37)}-----END RSA PRIVATE KEY-----\n` }),
  ),
  secret(
    'rb-t2-pem-ec-escaped',
    'private-key',
    env({ JWKS_SOURCE: `-----BEGIN EC PRIVATE KEY-----\\n${PEM_BODY(38).replace(/\n/g, '\\n')}-----END EC PRIVATE KEY-----` }),
  ),
  secret(
    'rb-t2-pem-openssh',
    'private-key',
    env({ DEPLOY: `-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY(39)}-----END OPENSSH PRIVATE KEY-----` }),
  ),
  secret(
    'rb-t2-jwt',
    'vendor-format',
    env({
      SERVICE_AUTH: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcmRlcnMtc2VydmljZSIsInJvbGUiOiJhZG1pbiJ9.${fake(40, 43, B64.replace('+/', '-_'))}`,
    }),
  ),
  // Abbreviated names with values that look like credentials.
  secret('rb-t2-db-pass', 'abbreviated-name', env({ DB_PASS: fake(41, 14) })),
  secret('rb-t2-pwd', 'abbreviated-name', env({ PWD: `${fake(42, 10)}!7` })),
  secret('rb-t2-encryption-key', 'abbreviated-name', env({ DATA_ENCRYPTION_KEY: `${fake(43, 43, B64)}=` })),
  secret('rb-t2-admin-key', 'abbreviated-name', env({ SEARCH_ADMIN_KEY: fake(44, 32, HEX) })),
  secret('rb-t2-api-secret', 'abbreviated-name', env({ API_SECRET: fake(45, 24) })),
  secret('rb-t2-client-secret', 'abbreviated-name', env({ OAUTH_CLIENT_SECRET: fake(46, 51, 'abcdefghijklmnopqrstuvwxyz0123456789') })),
  // Passwords inside JSON values and literal connection strings.
  secret(
    'rb-t2-json-password',
    'structured-value',
    env({ APP_CONFIG: JSON.stringify({ db: { host: 'db.internal', port: 5432, password: fake(47, 16) } }) }),
  ),
  secret(
    'rb-t2-json-nested-token',
    'structured-value',
    env({ INTEGRATIONS: JSON.stringify([{ name: 'crm', auth: { token: fake(48, 40) } }]) }),
  ),
  secret('rb-t2-literal-postgres-url', 'connection-string', env({ DATABASE: `postgres://orders:${fake(49, 14)}@db.internal:5432/orders` })),
  secret(
    'rb-t2-literal-kv-pwd',
    'connection-string',
    env({ ORACLE: `Data Source=db.internal:1521/ORCL;User Id=app;Pwd=${fake(50, 14)};` }),
  ),
  // Added after the first fixes (held-out variants): camelCase and other abbreviated names.
  secret('rb-t2-camel-case-name', 'abbreviated-name', env({ dbPass: fake(52, 14), smtpPw: fake(53, 12) })),
  secret('rb-t2-redis-auth', 'abbreviated-name', env({ REDIS_AUTH: fake(54, 24) })),
  // A placeholder under a password name is judged a finding: deployed, it is a password everyone knows.
  secret('rb-t2-placeholder-password', 'placeholder', env({ DB_PASSWORD: 'changeme' })),
  // SAM: the globals' environment lands in every function.
  secret('rb-t2-sam-globals', 'sam', {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Globals: { Function: { Environment: { Variables: { PAYMENTS_TOKEN: `sk_live_${fake(51, 24)}` } } } },
    Resources: {
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'exports.handler = async () => 1;' },
      },
    },
  }),
];

const T2_CLEAN: AdversarialCase[] = [
  clean(
    'rb-t2-ok-token-issuer',
    T2,
    'setting-name',
    env({ TOKEN_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab3De5Gh7' }),
  ),
  clean('rb-t2-ok-jwt-audience', T2, 'setting-name', env({ JWT_AUDIENCE: fake(60, 26, 'abcdefghijklmnopqrstuvwxyz0123456789') })),
  clean(
    'rb-t2-ok-jwt-algorithm',
    T2,
    'setting-name',
    env({ JWT_ALGORITHM: 'RS256', TOKEN_TTL_SECONDS: '3600', PASSWORD_MIN_LENGTH: '12' }),
  ),
  clean(
    'rb-t2-ok-secret-arn-name',
    T2,
    'reference',
    env({
      SECRET_ARN: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/orders/db-Ab12Cd`,
      SECRET_NAME: 'prod/orders/db-credentials',
    }),
  ),
  clean('rb-t2-ok-api-key-header', T2, 'setting-name', env({ API_KEY_HEADER: 'x-api-key', AUTH_TOKEN_HEADER: 'Authorization' })),
  clean(
    'rb-t2-ok-ssm-param-name',
    T2,
    'reference',
    env({ SMTP_PASSWORD_PARAM: '/prod/smtp/password', SMTP_FROM: 'noreply@orders.example.com' }),
  ),
  clean(
    'rb-t2-ok-resolve-secretsmanager',
    T2,
    'reference',
    env({ DB_PASSWORD: '{{resolve:secretsmanager:prod/orders/db:SecretString:password}}' }),
  ),
  clean('rb-t2-ok-resolve-ssm-secure', T2, 'reference', env({ API_TOKEN: '{{resolve:ssm-secure:/prod/orders/api-token:3}}' })),
  clean(
    'rb-t2-ok-join-resolve-password',
    T2,
    'reference',
    withDb({
      DATABASE_URL: {
        'Fn::Join': [
          '',
          ['postgres://orders:', '{{resolve:secretsmanager:prod/orders/db:SecretString:password}}', '@', dbEndpoint, ':5432/orders'],
        ],
      },
    }),
  ),
  clean(
    'rb-t2-ok-url-without-password',
    T2,
    'connection-string',
    withDb({ DATABASE_URL: { 'Fn::Join': ['', ['postgres://orders@', dbEndpoint, ':5432/orders?sslmode=verify-full']] } }),
  ),
  clean(
    'rb-t2-ok-vendor-prefix-names',
    T2,
    'vendor-prefix-name',
    env({ QUEUE: 'sk-orders-queue', BUCKET: 'ghp-reports-archive', TOPIC: 'xoxb-migration-notices', CACHE_DIR: 'npm_cache' }),
  ),
  clean('rb-t2-ok-uuid', T2, 'identifier', env({ TENANT_TOKEN_NAMESPACE: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' })),
  clean('rb-t2-ok-sha256-digest', T2, 'identifier', env({ ASSET_SHA256: fake(61, 64, HEX), GIT_COMMIT: fake(62, 40, HEX) })),
  clean(
    'rb-t2-ok-base64-banner',
    T2,
    'identifier',
    env({ WELCOME_B64: Buffer.from('Welcome to the orders service, have a nice day').toString('base64') }),
  ),
  clean(
    'rb-t2-ok-arns',
    T2,
    'reference',
    env({
      TOKEN_TABLE_ARN: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/refresh-tokens`,
      KEY_ARN: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee`,
    }),
  ),
  clean(
    'rb-t2-ok-feature-flags',
    T2,
    'identifier',
    env({ FEATURE_FLAGS: 'checkout-v2,express-shipping,gift-wrap,loyalty-points,split-payments,saved-cards,one-click-reorder,dark-mode' }),
  ),
  clean(
    'rb-t2-ok-public-key-pem',
    T2,
    'identifier',
    env({ JWT_PUBLIC_KEY: `-----BEGIN PUBLIC KEY-----\n${PEM_BODY(63)}-----END PUBLIC KEY-----\n` }),
  ),
  clean('rb-t2-ok-twilio-account-sid', T2, 'identifier', env({ TWILIO_ACCOUNT_SID: `AC${fake(64, 32, HEX)}` })),
  clean('rb-t2-ok-stripe-publishable', T2, 'identifier', env({ STRIPE_PUBLISHABLE_KEY: `pk_live_${fake(65, 24)}` })),
  clean(
    'rb-t2-ok-noecho-no-default',
    T2,
    'reference',
    env({ DB_PASSWORD: { Ref: 'DbPassword' } }, { Parameters: { DbPassword: { Type: 'String', NoEcho: true } } }),
  ),
  clean(
    'rb-t2-ok-findinmap-settings',
    T2,
    'identifier',
    env(
      { TOKEN_URL: { 'Fn::FindInMap': ['Stage', { Ref: 'AWS::Region' }, 'TokenUrl'] } },
      { Mappings: { Stage: { 'eu-west-1': { TokenUrl: 'https://auth.orders.example.com/oauth2/token' } } } },
    ),
  ),
  clean(
    'rb-t2-ok-cognito-client-id',
    T2,
    'identifier',
    env({ CLIENT_ID: fake(66, 26, 'abcdefghijklmnopqrstuvwxyz0123456789'), USER_POOL_ID: 'eu-west-1_Ab3De5Gh7' }),
  ),
  clean(
    'rb-t2-ok-camel-settings',
    T2,
    'setting-name',
    env({ tokenIssuer: 'https://auth.orders.example.com/', passwordMinLength: '12', redisAuth: 'iam' }),
  ),
  clean(
    'rb-t2-ok-encryption-key-alias',
    T2,
    'setting-name',
    env({ DATA_ENCRYPTION_KEY: 'alias/orders-data', SIGNING_ALGORITHM: 'HMAC-SHA256' }),
  ),
  clean(
    'rb-t2-ok-password-policy-json',
    T2,
    'setting-name',
    env({ PASSWORD_POLICY: JSON.stringify({ minLength: 12, requireSymbols: true }), SECRET_ROTATION_DAYS: '30' }),
  ),
  clean(
    'rb-t2-ok-mongo-aws-auth',
    T2,
    'connection-string',
    env({ MONGO_URI: 'mongodb+srv://cluster0.ab1cd.mongodb.net/orders?authMechanism=MONGODB-AWS&authSource=%24external' }),
  ),
  clean(
    'rb-t2-ok-connstr-integrated',
    T2,
    'connection-string',
    env({ SQL_CONNECTION: 'Server=db.internal;Database=orders;Integrated Security=true;Encrypt=true;' }),
  ),
  clean(
    'rb-t2-ok-jdbc-no-password',
    T2,
    'connection-string',
    env({ JDBC_URL: 'jdbc:postgresql://db.internal:5432/orders?sslmode=verify-full&user=app' }),
  ),
  clean(
    'rb-t2-ok-sub-resolve-variable',
    T2,
    'reference',
    withDb({
      DATABASE_URL: {
        'Fn::Sub': 'postgres://app:{{resolve:secretsmanager:${AWS::StackName}-db:SecretString:password}}@${Db.Endpoint.Address}/orders',
      },
    }),
  ),
  clean('rb-t2-ok-slack-settings', T2, 'setting-name', env({ SLACK_CHANNEL: 'C0123ABCD45', SLACK_TOKEN_PARAM: '/prod/slack/bot-token' })),
  clean(
    'rb-t2-ok-base64-json-config',
    T2,
    'identifier',
    env({ CONFIG_B64: Buffer.from(JSON.stringify({ region: 'eu-west-1', retries: 3, table: 'orders' })).toString('base64') }),
  ),
  // Sentry documents the DSN as safe to publish (it only lets events be sent); the legacy DSN with a secret is not.
  clean('rb-t2-ok-sentry-public-dsn', T2, 'identifier', env({ SENTRY_DSN: `https://${fake(67, 32, HEX)}@o123456.ingest.sentry.io/4504` })),
  clean(
    'rb-t2-ok-ssh-public-key',
    T2,
    'identifier',
    env({ DEPLOY_KEY_PUB: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake(68, 43, B64)} deploy@ci` }),
  ),
  clean(
    'rb-t2-ok-certificate-pem',
    T2,
    'identifier',
    env({ CA_BUNDLE: `-----BEGIN CERTIFICATE-----\n${PEM_BODY(69)}-----END CERTIFICATE-----\n` }),
  ),
  clean(
    'rb-t2-ok-smtp-user-apikey',
    T2,
    'setting-name',
    env({ SMTP_USER: 'apikey', SMTP_HOST: 'smtp.sendgrid.net', SMTP_PASSWORD_SECRET: 'prod/smtp' }),
  ),
];

const T6 = 'T6';
const inline = (code: string, over: { [k: string]: unknown } = {}): object => tpl({ Fn: fn('fn', { Code: { ZipFile: code }, ...over }) });
const PY = { Runtime: 'python3.12', Handler: 'index.handler' };
const js = (id: string, cls: string, body: string): AdversarialCase =>
  bad(id, T6, cls, ['DynamicCode'], inline(`exports.handler = async (event) => {\n  ${body}\n};\n`));
const okJs = (id: string, cls: string, body: string): AdversarialCase =>
  clean(id, T6, cls, inline(`exports.handler = async (event) => {\n  ${body}\n};\n`));
const py = (id: string, cls: string, head: string, body: string): AdversarialCase =>
  bad(id, T6, cls, ['DynamicCode'], inline(`${head}\n\ndef handler(event, context):\n    ${body}\n`, PY));
const okPy = (id: string, cls: string, head: string, body: string): AdversarialCase =>
  clean(id, T6, cls, inline(`${head}\n\ndef handler(event, context):\n    ${body}\n`, PY));
const asset = (over: { [k: string]: unknown } = {}, file?: string): object =>
  tpl({
    Fn: {
      ...fn('fn', { Code: { S3Bucket: `cdk-hnb659fds-assets-${ACCOUNT}-eu-west-1`, S3Key: 'a1b2c3.zip' }, ...over }),
      Metadata: { 'aws:asset:path': `__ASSET__${file === undefined ? '' : `/${file}`}`, 'aws:asset:property': 'Code' },
    },
  });
/** An asset case; the asset path is the case's own `<id>.assets` folder. */
const withAsset = (c: AdversarialCase): AdversarialCase => ({
  ...c,
  template: JSON.parse(JSON.stringify(c.template).replace('__ASSET__', `${c.id}.assets`)) as object,
});

const T6_DIRTY: AdversarialCase[] = [
  js('rb-t6-computed-global', 'eval-evasion', "return globalThis['ev' + 'al'](event.body);"),
  js('rb-t6-indirect-comma', 'eval-evasion', 'return (0, eval)(event.body);'),
  js('rb-t6-alias-const', 'eval-evasion', 'const run = eval;\n  return run(event.body);'),
  js('rb-t6-alias-destructure', 'eval-evasion', 'const { eval: run } = globalThis;\n  return run(event.body);'),
  js('rb-t6-window-bracket-template', 'eval-evasion', 'const g = global;\n  return g[`eval`](event.query.expr);'),
  js('rb-t6-function-proto-ctor', 'function-constructor', 'return Function.prototype.constructor(event.body)();'),
  js('rb-t6-arrow-ctor', 'function-constructor', 'return (() => {}).constructor("e", event.body)(event);'),
  js(
    'rb-t6-async-function-ctor',
    'function-constructor',
    'const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;\n  return new AsyncFunction(event.body)();',
  ),
  js('rb-t6-setinterval-concat', 'timer-string', "setInterval('tick(' + event.id + ')', 1000);"),
  js('rb-t6-exec-template', 'child-process', "require('child_process').exec(`convert ${event.file} out.png`);"),
  js(
    'rb-t6-execsync-renamed',
    'child-process',
    "const { execSync: sh } = require('node:child_process');\n  return sh(event.cmd).toString();",
  ),
  js('rb-t6-spawn-sh-c', 'child-process', "const cp = require('child_process');\n  cp.spawn('/bin/sh', ['-c', event.cmd]);"),
  js('rb-t6-spawn-shell-true', 'child-process', "const { spawn } = require('child_process');\n  spawn(event.cmd, { shell: true });"),
  js('rb-t6-execfile-bash-c', 'child-process', "require('child_process').execFileSync('bash', ['-c', event.script]);"),
  js('rb-t6-import-data-url', 'dynamic-import', "return (await import('data:text/javascript,' + encodeURIComponent(event.code))).default;"),
  js('rb-t6-import-event', 'dynamic-import', 'const mod = await import(event.plugin);\n  return mod.run(event);'),
  js('rb-t6-require-event', 'dynamic-import', 'return require(event.queryStringParameters.lib)(event);'),
  js('rb-t6-worker-eval', 'worker', "const { Worker } = require('worker_threads');\n  new Worker(event.code, { eval: true });"),
  js('rb-t6-vm-new-context', 'vm', "const vm = require('vm');\n  return vm.runInNewContext(event.expr, { Math });"),
  js('rb-t6-vm-script', 'vm', "const { Script } = require('node:vm');\n  return new Script(event.src).runInThisContext();"),
  js('rb-t6-vm-compile-function', 'vm', "return require('vm').compileFunction(event.body, ['input'])(event);"),
  js(
    'rb-t6-module-compile',
    'module-compile',
    "const Module = require('module');\n  const m = new Module('x');\n  m._compile(event.src, 'x.js');\n  return m.exports;",
  ),
  bad(
    'rb-t6-sub-inline',
    T6,
    'inline-intrinsic',
    ['DynamicCode'],
    inline({ 'Fn::Sub': '// region ${AWS::Region}\nexports.handler = async (event) => eval(event.body);\n' } as unknown as string),
  ),
  bad(
    'rb-t6-join-split-name',
    T6,
    'inline-intrinsic',
    ['DynamicCode'],
    inline({
      'Fn::Join': ['', ['exports.handler = async (event) => ev', 'al(event.body); // ', { Ref: 'AWS::Region' }]],
    } as unknown as string),
  ),
  // Python, inline.
  py('rb-t6-py-eval-getattr-builtins', 'python', 'import builtins', "return getattr(builtins, 'ev' + 'al')(event['expr'])"),
  py('rb-t6-py-exec-body', 'python', 'import json', "exec(json.loads(event['body'])['code'])"),
  py('rb-t6-py-compile', 'python', '', "code = compile(event['src'], '<input>', 'exec')\n    exec(code)"),
  py('rb-t6-py-pickle-alias', 'python', 'import pickle as pk, base64', "return pk.loads(base64.b64decode(event['body']))"),
  py('rb-t6-py-yaml-unsafe', 'python', 'import yaml', "return yaml.load(event['body'], Loader=yaml.Loader)"),
  py('rb-t6-py-yaml-no-loader', 'python', 'from yaml import load', "return load(event['body'])"),
  py(
    'rb-t6-py-subprocess-shell',
    'python',
    'import subprocess',
    'return subprocess.check_output(f"convert {event[\'file\']} out.png", shell=True)',
  ),
  py('rb-t6-py-os-system-from', 'python', 'from os import system', "system('ping -c1 ' + event['host'])"),
  py('rb-t6-py-importlib', 'python', 'import importlib', "return importlib.import_module(event['plugin']).run(event)"),
  // Added after the first fixes (held-out variants): a shell with -c, the Python way.
  py('rb-t6-py-subprocess-sh-c', 'python', 'import subprocess', "return subprocess.run(['/bin/sh', '-c', event['cmd']]).returncode"),
  // Code assets.
  withAsset(
    bad('rb-t6-py-asset-exec', T6, 'code-asset', ['DynamicCode'], asset({ ...PY, Handler: 'app.handler' }), {
      'app.py': "import os\n\ndef handler(event, context):\n    return os.popen(event['cmd']).read()\n",
      'requirements.txt': 'requests==2.32.3\n',
    }),
  ),
  withAsset(
    bad('rb-t6-mjs-asset-eval', T6, 'code-asset', ['DynamicCode'], asset(), {
      'index.mjs': 'export const handler = async (event) => {\n  const f = eval;\n  return f(event.body);\n};\n',
      'package.json': '{"name":"fn","type":"module"}',
      'package-lock.json': '{"name":"fn","lockfileVersion":3,"packages":{}}',
    }),
  ),
  withAsset(
    bad('rb-t6-zip-asset', T6, 'unscanned', ['UnscannedCode'], asset({}, 'handler.zip'), {
      'handler.zip': 'PK\u0003\u0004 not a readable archive',
    }),
  ),
];

const T6_CLEAN: AdversarialCase[] = [
  okJs(
    'rb-t6-ok-words',
    'lookalike-words',
    "// eval, new Function and exec are banned here\n  const note = 'eval() and child_process.exec are disabled';\n  return { note };",
  ),
  okJs(
    'rb-t6-ok-json-parse',
    'lookalike-api',
    'const input = JSON.parse(event.body);\n  return { statusCode: 200, body: JSON.stringify(input) };',
  ),
  okJs(
    'rb-t6-ok-evaluate-method',
    'lookalike-api',
    'const rules = { evaluate: (x) => x > 1 };\n  return rules.evaluate(Number(event.score));',
  ),
  okJs('rb-t6-ok-regex-exec', 'lookalike-api', 'const m = /^order-(\\d+)$/.exec(event.body);\n  return m ? m[1] : null;'),
  okJs(
    'rb-t6-ok-spawn-args',
    'lookalike-api',
    "const { spawnSync } = require('child_process');\n  return spawnSync('convert', [event.file, 'out.png']).status;",
  ),
  okJs('rb-t6-ok-settimeout-fn', 'lookalike-api', 'await new Promise((resolve) => setTimeout(resolve, 100));\n  return 1;'),
  okJs('rb-t6-ok-import-literal', 'lookalike-api', "const { format } = await import('node:util');\n  return format('%s', event.id);"),
  okJs('rb-t6-ok-eval-property', 'lookalike-words', 'const options = { eval: false, strict: true };\n  return options.eval;'),
  okPy(
    'rb-t6-ok-py-torch-eval',
    'lookalike-api',
    'import torch',
    "model = torch.nn.Linear(2, 1)\n    model.eval()\n    return model(torch.tensor(event['x'])).tolist()",
  ),
  okPy('rb-t6-ok-py-literal-eval', 'lookalike-api', 'import ast', "return ast.literal_eval(event['value'])"),
  okPy(
    'rb-t6-ok-py-subprocess-list',
    'lookalike-api',
    'import subprocess',
    "return subprocess.run(['convert', event['file'], 'out.png'], check=True).returncode",
  ),
  okPy(
    'rb-t6-ok-py-yaml-safe',
    'lookalike-api',
    'import yaml',
    "a = yaml.safe_load(event['body'])\n    b = yaml.load(event['body'], Loader=yaml.SafeLoader)\n    return [a, b]",
  ),
  okPy('rb-t6-ok-py-re-compile', 'lookalike-api', 'import re', "return bool(re.compile(r'^[a-z]+$').match(event['name']))"),
  okPy(
    'rb-t6-ok-py-cursor-execute',
    'lookalike-api',
    'import sqlite3',
    "con = sqlite3.connect(':memory:')\n    return con.execute('select ?', (event['id'],)).fetchall()",
  ),
  okPy(
    'rb-t6-ok-py-words',
    'lookalike-words',
    '# never eval() or exec() input; os.system is banned',
    "print('exec is off')\n    return {'eval': False}",
  ),
  okJs(
    'rb-t6-ok-identifiers',
    'lookalike-words',
    'const evaluateOrder = (o) => o.total > 100;\n  const execute = (o) => ({ ...o, done: true });\n  return execute({ big: evaluateOrder(JSON.parse(event.body)) });',
  ),
  okJs(
    'rb-t6-ok-exec-literal',
    'lookalike-api',
    "const { execFileSync } = require('child_process');\n  return execFileSync('/opt/bin/version', ['--json']).toString();",
  ),
  okJs(
    'rb-t6-ok-global-this-shim',
    'lookalike-api',
    "const g = typeof globalThis === 'object' ? globalThis : new Function('return this')();\n  return Object.keys(g).length;",
  ),
  okPy(
    'rb-t6-ok-py-pandas-eval',
    'lookalike-api',
    'import pandas as pd',
    "df = pd.DataFrame(event['rows'])\n    return df.eval('total = price * qty').to_dict()",
  ),
  okPy(
    'rb-t6-ok-py-shell-literal',
    'lookalike-api',
    'import subprocess',
    "return subprocess.run('ls -l /tmp', shell=True, capture_output=True).stdout.decode()",
  ),
];

const T10_CASES: AdversarialCase[] = [
  withAsset(
    bad('rb-t10-requirements-unpinned', 'T10', 'python-lockfile', ['AssetLockfile'], asset({ ...PY, Handler: 'app.handler' }), {
      'app.py': 'def handler(event, context):\n    return 1\n',
      'requirements.txt': '# runtime deps\nrequests\nboto3>=1.28\n',
    }),
  ),
  withAsset(
    bad('rb-t10-requirements-compatible', 'T10', 'python-lockfile', ['AssetLockfile'], asset({ ...PY, Handler: 'app.handler' }), {
      'app.py': 'def handler(event, context):\n    return 1\n',
      'requirements.txt': 'requests~=2.32\nurllib3==2.2.2\n',
    }),
  ),
  withAsset(
    clean('rb-t10-ok-requirements-pinned-extras', 'T10', 'python-lockfile', asset({ ...PY, Handler: 'app.handler' }), {
      'app.py': 'def handler(event, context):\n    return 1\n',
      'requirements.txt':
        '# generated by pip-compile\nrequests[socks]==2.32.3 \\\n    --hash=sha256:' +
        fake(70, 64, HEX) +
        '\nexceptiongroup==1.2.2 ; python_version < "3.11"\n',
    }),
  ),
  withAsset(
    clean('rb-t10-ok-poetry-lock', 'T10', 'python-lockfile', asset({ ...PY, Handler: 'app.handler' }), {
      'app.py': 'def handler(event, context):\n    return 1\n',
      'pyproject.toml':
        '[tool.poetry]\nname = "fn"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nrequests = "^2.32"\n',
      'poetry.lock': '[[package]]\nname = "requests"\nversion = "2.32.3"\n',
    }),
  ),
];

const T8 = 'T8';
const T8_CASES: AdversarialCase[] = [
  bad(
    'rb-t8-runtime-findinmap',
    T8,
    'runtime-indirect',
    ['DeprecatedRuntime'],
    tpl(
      { Fn: fn('fn', { Runtime: { 'Fn::FindInMap': ['Runtimes', 'node', 'current'] } }) },
      { Mappings: { Runtimes: { node: { current: 'nodejs14.x' } } } },
    ),
  ),
  bad(
    'rb-t8-runtime-param-default',
    T8,
    'runtime-indirect',
    ['DeprecatedRuntime'],
    tpl(
      { Fn: fn('fn', { ...PY, Runtime: { Ref: 'PyRuntime' }, Code: { ZipFile: 'def handler(e, c):\n    return 1\n' } }) },
      { Parameters: { PyRuntime: { Type: 'String', Default: 'python3.7' } } },
    ),
  ),
  bad(
    'rb-t8-runtime-if-branch',
    T8,
    'runtime-indirect',
    ['DeprecatedRuntime'],
    tpl(
      { Fn: fn('fn', { Runtime: { 'Fn::If': ['Legacy', 'nodejs12.x', 'nodejs22.x'] } }) },
      { Conditions: { Legacy: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } } },
    ),
  ),
  clean(
    'rb-t8-ok-runtime-findinmap',
    T8,
    'runtime-indirect',
    tpl(
      { Fn: fn('fn', { Runtime: { 'Fn::FindInMap': ['Runtimes', 'node', 'current'] } }) },
      { Mappings: { Runtimes: { node: { current: 'nodejs22.x' } } } },
    ),
  ),
  clean(
    'rb-t8-ok-runtime-param-allowed',
    T8,
    'runtime-indirect',
    tpl(
      { Fn: fn('fn', { Runtime: { Ref: 'NodeRuntime' } }) },
      { Parameters: { NodeRuntime: { Type: 'String', Default: 'nodejs22.x', AllowedValues: ['nodejs22.x', 'nodejs24.x'] } } },
    ),
  ),
  clean(
    'rb-t8-ok-runtime-python-mapping',
    T8,
    'runtime-indirect',
    tpl(
      {
        Fn: fn('fn', {
          ...PY,
          Runtime: { 'Fn::FindInMap': ['Runtimes', { Ref: 'AWS::Region' }, 'python'] },
          Code: { ZipFile: 'def handler(e, c):\n    return 1\n' },
        }),
      },
      { Mappings: { Runtimes: { 'eu-west-1': { python: 'python3.13' }, 'us-east-1': { python: 'python3.13' } } } },
    ),
  ),
];

const R = 'robustness';
const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { 'Fn::Join': ['', [v, '']] };
  return v;
};
const laughs = (): string => {
  const lines = ['lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `lol${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`,
    );
  return `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${lines.map((l) => `  ${l}`).join('\n')}\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref AWS::StackName\n      Tags: *l9\n`;
};

const ROBUST: AdversarialCase[] = [
  refused(
    'rb-r-proto-id-secret',
    'invalid-logical-id',
    JSON.parse(`{"Resources":{"__proto__":${JSON.stringify(envFn({ DB_PASSWORD: fake(80, 16) }))}}}`) as object,
  ),
  refused(
    'rb-r-proto-id-eval',
    'invalid-logical-id',
    JSON.parse(
      `{"Resources":{"__proto__":${JSON.stringify(fn('p', { Code: { ZipFile: 'exports.handler = async (e) => eval(e.body);' } }))}}}`,
    ) as object,
  ),
  bad(
    'rb-r-proto-getatt-tostring',
    R,
    'prototype-logical-id',
    ['EnvSecret'],
    tpl({
      toString: {
        Type: 'AWS::RDS::DBInstance',
        Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', AllocatedStorage: '20' },
      },
      Fn: envFn({ DATABASE_URL: { 'Fn::Sub': `postgres://app:${fake(81, 16)}@\${toString.Endpoint.Address}/app` } }),
    }),
  ),
  refused(
    'rb-r-proto-ref-missing-and-proto-param',
    'dangling-reference',
    tpl(
      {
        Fn: envFn({ A: { Ref: 'NoSuchThing' }, B: { 'Fn::GetAtt': ['valueOf', 'Arn'] }, C: { Ref: '__proto__' } }),
      },
      { Parameters: { hasOwnProperty: { Type: 'String', Default: 'x' } } },
    ),
  ),
  bad(
    'rb-r-huge-string-secret',
    R,
    'enormous-input',
    ['EnvSecret'],
    env({
      BLOB: `${'a'.repeat(300000)} AKIAIOSFODNN7EXAMPLE ${'b'.repeat(300000)}`,
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    }),
  ),
  refused('rb-r-huge-string-clean', 'enormous-input', env({ BLOB: 'x-'.repeat(1000000) })),
  refused('rb-r-deep-join-secret', 'deep-nesting', env({ DB_PASSWORD: nested(150, fake(82, 18)) })),
  // Written as JSON text (JSON is YAML): deeper than JSON.stringify itself can go.
  refused(
    'rb-r-very-deep-join',
    'deep-nesting',
    JSON.stringify(env({ GREETING: '__DEEP__' })).replace(
      '"__DEEP__"',
      `${'{"Fn::Join":["",['.repeat(5000)}"hello"${',""]]}'.repeat(5000)}`,
    ),
  ),
  refused('rb-r-yaml-billion-laughs', 'yaml-hostile', laughs()),
  refused(
    'rb-r-yaml-custom-tag',
    'yaml-hostile',
    'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Evil "x"\n      TopicName: !!js/function "function () { return 1 }"\n',
  ),
  refused(
    'rb-r-yaml-duplicate-key-secret',
    'yaml-hostile',
    `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::${ACCOUNT}:role/fn-role\n      Code:\n        ZipFile: "exports.handler = async () => 1;"\n      ReservedConcurrentExecutions: 5\n      KmsKeyArn: arn:aws:kms:eu-west-1:${ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee\n      DeadLetterConfig:\n        TargetArn: arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dlq\n      Environment:\n        Variables:\n          DB_PASSWORD: "{{resolve:secretsmanager:prod/db:SecretString:password}}"\n          DB_PASSWORD: "${fake(83, 18)}"\n`,
  ),
  refused(
    'rb-r-cyclic-dependson',
    'cyclic',
    tpl({ A: { ...fn('a'), DependsOn: 'B' }, B: { ...fn('b'), DependsOn: ['A'] }, C: { ...fn('c'), DependsOn: 'C' } }),
  ),
  refused('rb-r-non-object-resources', 'malformed-shape', {
    Resources: { A: 'not a resource', B: 42, C: null, D: [fn('d')], E: { Type: 7 } },
  }),
  refused('rb-r-resources-array', 'malformed-shape', { Resources: [fn('x')] }),
  refused(
    'rb-r-intrinsic-garbage',
    'malformed-shape',
    env({
      A: { 'Fn::Join': 'nope' },
      B: { 'Fn::Sub': [1, 2, 3] },
      C: { 'Fn::Select': ['x', 'y'] },
      D: { 'Fn::FindInMap': [] },
      E: { 'Fn::Base64': { 'Fn::If': [] } },
    }),
  ),
  {
    ...bad(
      'rb-r-closed-pipe-many',
      R,
      'output-error',
      [],
      tpl(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`F${i}`, envFn({ DB_PASSWORD: fake(90 + i, 16) })]))),
    ),
    clean: true,
    io: 'closed-pipe',
  },
  { ...bad('rb-r-full-disk-yaml', R, 'output-error', [], `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n`), clean: true, io: 'full-disk' },
];

ROBUST.push(
  bad(
    'rb-r-proto-param-secret',
    R,
    'prototype-logical-id',
    ['EnvSecret'],
    env({ DB_PASSWORD: { Ref: 'valueOf' } }, { Parameters: { valueOf: { Type: 'String', NoEcho: true, Default: fake(84, 16) } } }),
  ),
  bad(
    'rb-r-proto-mapping-secret',
    R,
    'prototype-logical-id',
    ['EnvSecret'],
    env(
      { API_TOKEN: { 'Fn::FindInMap': ['constructor', 'hasOwnProperty', 'toString'] } },
      { Mappings: { constructor: { hasOwnProperty: { toString: `ghp_${fake(85, 36)}` } } } },
    ),
  ),
  bad(
    'rb-r-proto-condition-secret',
    R,
    'prototype-logical-id',
    ['EnvSecret'],
    env(
      { PAYMENTS: { 'Fn::If': ['isPrototypeOf', `sk_live_${fake(86, 24)}`, 'none'] } },
      { Conditions: { isPrototypeOf: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } } },
    ),
  ),
);

/** Red-team pass B, every case. */
export const REDTEAM_B_CASES: AdversarialCase[] = [
  ...T2_DIRTY,
  ...T2_CLEAN,
  ...T6_DIRTY,
  ...T6_CLEAN,
  ...T10_CASES,
  ...T8_CASES,
  ...ROBUST,
];
