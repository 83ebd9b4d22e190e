import { defineRule, NOT_APPLICABLE } from '../../rule';

/** HTTP and WebSocket API routes without authorization (T7). */
export const RouteAuthorization = defineRule('RouteAuthorization', ['AWS::ApiGatewayV2::Route'], () => NOT_APPLICABLE);
