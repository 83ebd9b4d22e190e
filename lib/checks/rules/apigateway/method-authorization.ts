import { defineRule, NOT_APPLICABLE } from '../../rule';

/** REST API methods without authorization (T7). */
export const MethodAuthorization = defineRule('MethodAuthorization', ['AWS::ApiGateway::Method'], () => NOT_APPLICABLE);
