import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BulkheadChecks } from '../../lib/checks';
import { SecureFunction, SecureFunctionProps } from '../../lib/function';
import { BulkheadReport } from '../../lib/report';
import { IsolatedStages } from '../../lib/stages';
import { parseReport } from '../report/parse-report';

const base = { code: lambda.Code.fromInline('exports.handler = async () => 1;'), handler: 'index.handler' };
const make = (props: Partial<SecureFunctionProps>) => () => new SecureFunction(new Stack(new App(), 'S'), 'Fn', { ...base, ...props });
// Clearly fake, built at run time so no secret-shaped literal sits in the repository.
const fakeAccessKeyId = 'AKIA' + 'FAKEFAKEFAKEFAKE';
const opaque = 'q8Zr' + 'T2vLx9Wp';

describe('secret detection judges the value; where it is unsure, environmentNotSecret vouches with a reason (T2)', () => {
  test('a resource name under a secret-looking name is accepted without any escape', () => {
    expect(make({ environment: { TOKEN_TABLE: 'orders-tokens-dev' } })).not.toThrow();
  });

  test('an opaque literal under a secret-looking name is refused, and the fix names the escape', () => {
    expect(make({ environment: { SESSION_TOKEN_SALT: opaque } })).toThrow(
      /environment\.SESSION_TOKEN_SALT is "<hidden: its name suggests a secret.*Fix: store the value .*; if the value is not a secret, say why: environmentNotSecret: \{ SESSION_TOKEN_SALT: '<why this is not a secret>' \}/,
    );
  });

  test('vouched for with a reason, it is accepted, and the pack does not report it', () => {
    const stack = new Stack(new App(), 'S');
    const fn = new SecureFunction(stack, 'Fn', {
      ...base,
      environment: { SESSION_TOKEN_SALT: opaque },
      environmentNotSecret: { SESSION_TOKEN_SALT: 'A public salt, published in our API docs.' },
    });
    fn.grantInvoke(new iam.AccountRootPrincipal());
    expect(fn.environmentNotSecret).toEqual({ SESSION_TOKEN_SALT: 'A public salt, published in our API docs.' });
    const envSecret = new BulkheadChecks(stack).validateScope(stack).violations.filter((v) => v.ruleName.startsWith('Bulkhead-EnvSecret'));
    expect(envSecret).toEqual([]);
  });

  test('a known key format is refused even when vouched for', () => {
    expect(make({ environment: { UPSTREAM: fakeAccessKeyId }, environmentNotSecret: { UPSTREAM: 'trust me' } })).toThrow(
      /environment\.UPSTREAM .*AWS access key ID.*environmentNotSecret cannot vouch for a value in a known key format/,
    );
  });

  test('a vouched variable must exist and carry a reason', () => {
    expect(make({ environment: {}, environmentNotSecret: { MISSING: 'why' } })).toThrow(
      /environmentNotSecret\.MISSING is "MISSING"; allowed: a variable of environment/,
    );
    expect(make({ environment: { A_TOKEN: 'x' }, environmentNotSecret: { A_TOKEN: '  ' } })).toThrow(
      /environmentNotSecret\.A_TOKEN .*allowed: a reason/,
    );
  });

  test('addEnvironment after construction honours the same escape', () => {
    const fn = new SecureFunction(new Stack(new App(), 'S'), 'Fn', { ...base, environmentNotSecret: {} });
    expect(() => fn.addEnvironment('SESSION_TOKEN_SALT', opaque)).toThrow(/SESSION_TOKEN_SALT/);
  });

  test('the Bulkhead report shows each vouched variable with its reason', () => {
    const app = new App();
    const stages = new IsolatedStages(app, { service: 'shop', stages: [{ name: 'dev', account: '111111111111', region: 'eu-west-1' }] });
    const stack = new Stack(stages.stage('dev'), 'Service');
    new SecureFunction(stack, 'Fn', {
      ...base,
      environment: { SESSION_TOKEN_SALT: opaque },
      environmentNotSecret: { SESSION_TOKEN_SALT: 'A public salt.' },
    }).grantInvoke(new iam.AccountRootPrincipal());
    const [listed] = parseReport(BulkheadReport.render(app)).stages[0].functions;
    expect(listed.fields['not secret']).toBe('SESSION_TOKEN_SALT ("A public salt.")');
  });
});
