import { CfnResource } from 'aws-cdk-lib';
import { functionIdOf } from '../../../cfn/function-refs';
import { isWildcardArn } from '../../../cfn/policy-document';
import { decidedValues, possibleTexts } from '../../../cfn/possible-texts';
import { props, StackIndex } from '../../../cfn/resolve';
import { alternatives, describeIntrinsic, exactText, ifCondition, textOf, UNKNOWN } from '../../../cfn/values';
import { defineRule, violationIf } from '../../rule';
import { openAuthProblem } from '../../shared/open-auth-type';

/** True when a side of the value is absent (unset, or AWS::NoValue on a side of Fn::If). */
function absentOnSomeSide(value: unknown): boolean {
  return alternatives(value).some((v) => v === undefined || v === null || v === '');
}

/**
 * A source condition that names nothing: absent on some side, or an ARN of wildcards only (`arn:aws:*`), also when a
 * parameter's Default or a mapping decides it.
 */
function openSource(node: CfnResource, value: unknown): boolean {
  if (absentOnSomeSide(value)) return true;
  return decidedValues(node, value).some((v) => {
    const text = textOf(v.value);
    return v.value === undefined || text === '' || text === '*' || /^arn:[^:]*:\*?$/.test(text) || isWildcardArn(text);
  });
}

/**
 * True when this template holds a function URL of the permission's function that may be AuthType NONE: then
 * FunctionUrlAuth reports the public URL, and the permission that goes with it is not reported a second time.
 */
function publicUrlInTemplate(node: CfnResource, functionName: unknown): boolean {
  const index = StackIndex.of(node);
  const target = functionIdOf(functionName, index);
  if (target === undefined) return false;
  return index
    .ofType('AWS::Lambda::Url')
    .some(
      (url) =>
        functionIdOf(url.properties.TargetFunctionArn, index) === target &&
        openAuthProblem(url.node, url.properties.AuthType, 'AuthType', true) !== undefined,
    );
}

/**
 * Lambda permissions that let anyone invoke the function (T7): `Principal: "*"` without `PrincipalOrgID`,
 * `SourceAccount` or `SourceArn`, and an AWS service principal (`s3.amazonaws.com`, `sns.amazonaws.com`,
 * `apigateway.amazonaws.com`...) without `SourceArn` or `SourceAccount`, which lets that service invoke it on behalf
 * of any account's bucket, topic or API (the confused deputy). A Principal decided by a parameter's Default or a
 * mapping is judged like a literal. A condition absent on one side of an `Fn::If`, or a wildcard-only SourceArn,
 * counts as absent. Permissions for a function URL (`lambda:InvokeFunctionUrl`, `FunctionUrlAuthType`,
 * `InvokedViaFunctionUrl`) are public when `FunctionUrlAuthType` may be NONE: reported here unless this template
 * holds a URL of the function that may be NONE (FunctionUrlAuth reports that one), since the grant is public
 * whether the URL is in this template, in another stack, or created later. With `AWS_IAM` they are left to the URL.
 */
export const OpenPermission = defineRule('OpenPermission', ['AWS::Lambda::Permission'], (node) => {
  const p = props(node);
  const principals = possibleTexts(node, p.Principal).filter((t) => !t.includes(UNKNOWN));
  const via = typeof p.Principal === 'string' ? '' : ` (from ${describeIntrinsic(p.Principal)})`;
  const on = (value: unknown): string => (ifCondition(value) !== undefined ? ` (absent on one side of Fn::If ${ifCondition(value)})` : '');
  const unscoped = openSource(node, p.SourceArn) && openSource(node, p.SourceAccount);
  const forUrl =
    p.FunctionUrlAuthType !== undefined || p.InvokedViaFunctionUrl !== undefined || exactText(p.Action) === 'lambda:InvokeFunctionUrl';
  if (principals.includes('*')) {
    if (!absentOnSomeSide(p.PrincipalOrgID) || !unscoped) return violationIf(undefined);
    if (forUrl) {
      // Without FunctionUrlAuthType an InvokeFunctionUrl grant holds for a URL of any AuthType, NONE included.
      const urlOnly = exactText(p.Action) === 'lambda:InvokeFunctionUrl';
      const problem = openAuthProblem(node, p.FunctionUrlAuthType, 'FunctionUrlAuthType', urlOnly);
      if (problem === undefined || publicUrlInTemplate(node, p.FunctionName)) return violationIf(undefined);
      return violationIf(
        `Principal is "*"${via} for the function's URL and ${problem}: anyone on the internet can invoke the function through a URL with AuthType NONE, whether it is in this template, in another stack or created later`,
      );
    }
    return violationIf(
      `Principal is "*"${via} and neither PrincipalOrgID, SourceAccount nor SourceArn narrows it${on(p.PrincipalOrgID)}${on(p.SourceAccount)}${on(p.SourceArn)}: anyone can invoke the function`,
    );
  }
  const service = principals.find((t) => /\.amazonaws\.com(\.cn)?$/.test(t));
  if (service !== undefined && unscoped) {
    return violationIf(
      `Principal is the service ${service}${via} without SourceArn or SourceAccount${on(p.SourceAccount)}${on(p.SourceArn)}: the service may invoke the function for any account's resources (confused deputy)`,
    );
  }
  return violationIf(undefined);
});
