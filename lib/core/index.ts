export * from './secrets';
export * from './pricing';
export * from './rule-acknowledgement';
