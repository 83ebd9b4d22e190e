import { props } from '../../../cfn/resolve';
import { isWildcardArn } from '../../../cfn/policy-document';
import { alternatives, exactText, ifCondition, textOf } from '../../../cfn/values';
import { defineRule, violationIf } from '../../rule';

/** True when a side of the value is absent (unset, or AWS::NoValue on a side of Fn::If). */
function absentOnSomeSide(value: unknown): boolean {
  return alternatives(value).some((v) => v === undefined || v === null || v === '');
}

/** A source condition that names nothing: absent on some side, or an ARN of wildcards only (`arn:aws:*`). */
function openSource(value: unknown): boolean {
  if (absentOnSomeSide(value)) return true;
  return alternatives(value).some((v) => /^arn:[^:]*:\*?$/.test(textOf(v)) || textOf(v) === '*' || isWildcardArn(textOf(v)));
}

/**
 * Lambda permissions that let anyone invoke the function (T7): `Principal: "*"` without `PrincipalOrgID`,
 * `SourceAccount` or `SourceArn` (permissions of a function URL are FunctionUrlAuth's to judge), and an AWS service
 * principal (`s3.amazonaws.com`, `sns.amazonaws.com`, `apigateway.amazonaws.com`...) without `SourceArn` or
 * `SourceAccount`, which lets that service invoke it on behalf of any account's bucket, topic or API (the confused
 * deputy). A condition absent on one side of an `Fn::If`, or a wildcard-only SourceArn, counts as absent.
 */
export const OpenPermission = defineRule('OpenPermission', ['AWS::Lambda::Permission'], (node) => {
  const p = props(node);
  const principal = exactText(p.Principal);
  const on = (value: unknown): string => (ifCondition(value) !== undefined ? ` (absent on one side of Fn::If ${ifCondition(value)})` : '');
  const unscoped = openSource(p.SourceArn) && openSource(p.SourceAccount);
  // Permissions for a function URL are judged by the URL's AuthType (FunctionUrlAuth), not twice.
  const forUrl =
    p.FunctionUrlAuthType !== undefined || p.InvokedViaFunctionUrl !== undefined || exactText(p.Action) === 'lambda:InvokeFunctionUrl';
  if (principal === '*') {
    if (forUrl || !absentOnSomeSide(p.PrincipalOrgID) || !unscoped) return violationIf(undefined);
    return violationIf(
      `Principal is "*" and neither PrincipalOrgID, SourceAccount nor SourceArn narrows it${on(p.PrincipalOrgID)}${on(p.SourceAccount)}${on(p.SourceArn)}: anyone can invoke the function`,
    );
  }
  if (principal !== undefined && /\.amazonaws\.com(\.cn)?$/.test(principal) && unscoped) {
    return violationIf(
      `Principal is the service ${principal} without SourceArn or SourceAccount${on(p.SourceAccount)}${on(p.SourceArn)}: the service may invoke the function for any account's resources (confused deputy)`,
    );
  }
  return violationIf(undefined);
});
