import { App, Annotations as CoreAnnotations, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureFunction, SecureFunctionProps } from '../../../lib/function';

const base = { code: lambda.Code.fromInline('exports.handler = async () => 1;'), handler: 'index.handler' };

function warningsOf(props: (stack: Stack) => Partial<SecureFunctionProps>): string[] {
  const stack = new Stack(new App(), 'S');
  new SecureFunction(stack, 'Fn', { ...base, ...props(stack) });
  return Annotations.fromStack(stack)
    .findWarning('/S/Fn', Match.anyValue())
    .map((w) => String(w.entry.data));
}

describe('an override that weakens a secure default is announced as a CDK warning on the function', () => {
  test.each<[string, (stack: Stack) => Partial<SecureFunctionProps>, RegExp]>([
    [
      'tracing DISABLED',
      () => ({ tracing: lambda.Tracing.DISABLED }),
      /tracing is DISABLED \(default ACTIVE\).*\[ack: cdk-bulkhead:tracingDisabled\]/,
    ],
    [
      'recursive loops allowed',
      () => ({ recursiveLoop: lambda.RecursiveLoop.ALLOW }),
      /recursiveLoop is ALLOW \(default TERMINATE\).*\[ack: cdk-bulkhead:recursiveLoopAllowed\]/,
    ],
    [
      'a role of yours',
      (s) => ({ role: new iam.Role(s, 'Mine', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }) }),
      /role is S\/Mine .*least-privilege \(T1\).*\[ack: cdk-bulkhead:roleOfYours\]/,
    ],
    [
      'an imported DLQ',
      (s) => ({ deadLetterQueue: sqs.Queue.fromQueueArn(s, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:dlq') }),
      /deadLetterQueue is S\/Imported, made outside this app.*\[ack: cdk-bulkhead:deadLetterQueueNotVerified\]/,
    ],
    [
      'infinite log retention',
      () => ({ logRetention: logs.RetentionDays.INFINITE }),
      /logRetention is INFINITE.*\[ack: cdk-bulkhead:logRetentionInfinite\]/,
    ],
  ])('%s', (_name, props, expected) => {
    const warnings = warningsOf(props);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(expected);
  });

  test('the defaults, and overrides that do not weaken them, warn about nothing', () => {
    expect(warningsOf(() => ({}))).toEqual([]);
    expect(
      warningsOf(() => ({
        tracing: lambda.Tracing.PASS_THROUGH,
        logRetention: logs.RetentionDays.ONE_WEEK,
        reservedConcurrentExecutions: 2,
      })),
    ).toEqual([]);
  });

  test('a deliberately public function URL warns; the warning can be acknowledged', () => {
    const publicUrl = (acknowledge: boolean) => {
      const stack = new Stack(new App(), 'S');
      const fn = new SecureFunction(stack, 'Fn', base);
      fn.addSecureFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, allowPublicAccess: true });
      if (acknowledge)
        CoreAnnotations.of(fn).acknowledgeWarning('cdk-bulkhead:publicFunctionUrl', 'A public webhook that verifies signatures itself.');
      return Annotations.fromStack(stack)
        .findWarning('/S/Fn', Match.anyValue())
        .map((w) => String(w.entry.data));
    };
    expect(publicUrl(false)).toEqual([expect.stringMatching(/authType NONE .*\(T7\)/)]);
    expect(publicUrl(true)).toEqual([]);
  });
});
