import { CfnMapping, CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { flagged, newStack } from '../checks/support';

const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const withRole = (scope: any, id: string, roleArn: string) =>
  new lambda.Function(scope, id, {
    code,
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    role: iam.Role.fromRoleArn(scope, `${id}Role`, roleArn, { mutable: false }),
  });

describe('roleIdentity: a role the template decides through a mapping', () => {
  it('is the role its text names, so a mapped and a literal spelling of one role are one role', () => {
    const stack = newStack();
    new CfnMapping(stack, 'Roles', {
      mapping: { prod: { exec: 'arn:aws:iam::111111111111:role/svc-exec', other: 'arn:aws:iam::111111111111:role/svc-other' } },
    });
    withRole(stack, 'Mapped', Fn.findInMap('Roles', 'prod', 'exec'));
    withRole(stack, 'Literal', 'arn:aws:iam::111111111111:role/svc-exec');
    withRole(stack, 'Other', Fn.findInMap('Roles', 'prod', 'other'));
    expect(flagged(stack, 'SharedRole')).toEqual([expect.stringMatching(/^Literal/), expect.stringMatching(/^Mapped/)]);
  });

  it("is the role a parameter's Default names, shared with a literal spelling of it", () => {
    const stack = newStack();
    const exec = new CfnParameter(stack, 'ExecRoleArn', { default: 'arn:aws:iam::111111111111:role/legacy-exec' });
    const free = new CfnParameter(stack, 'FreeRoleArn');
    withRole(stack, 'FromDefault', exec.valueAsString);
    withRole(stack, 'Literal', 'arn:aws:iam::111111111111:role/legacy-exec');
    withRole(stack, 'NoDefault', free.valueAsString);
    expect(flagged(stack, 'SharedRole')).toEqual([expect.stringMatching(/^FromDefault/), expect.stringMatching(/^Literal/)]);
  });
});
