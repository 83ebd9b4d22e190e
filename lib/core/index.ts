export * from './secrets';
export * from './pricing';
