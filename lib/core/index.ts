export * from './secrets';
export * from './pricing';
export { BulkheadErrors } from './errors';
export * from './rule-acknowledgement';
export * from './today';
