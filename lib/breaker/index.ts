export * from './breaker-mode';
export * from './cost-breaker';
