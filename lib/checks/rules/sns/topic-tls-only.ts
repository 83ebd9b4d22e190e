import { defineRule, NOT_APPLICABLE } from '../../rule';

/** SNS topics whose policy does not deny requests without TLS (T3). */
export const TopicTlsOnly = defineRule('TopicTlsOnly', ['AWS::SNS::Topic'], () => NOT_APPLICABLE);
