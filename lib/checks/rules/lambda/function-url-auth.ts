import { props } from '../../../cfn/resolve';
import { defineRule, violationIf } from '../../rule';
import { openAuthProblem } from '../../shared/open-auth-type';

/**
 * Function URLs without IAM authentication (T7). An AuthType only known at deploy time fails closed (see
 * `openAuthProblem`); a missing AuthType, which CloudFormation rejects anyway, is reported too.
 */
export const FunctionUrlAuth = defineRule('FunctionUrlAuth', ['AWS::Lambda::Url'], (node) =>
  violationIf(openAuthProblem(node, props(node).AuthType, 'AuthType', true)),
);
