/** The version of cdk-bulkhead, as recorded in its package.json. */
export const BULKHEAD_VERSION: string = require('../package.json').version;
