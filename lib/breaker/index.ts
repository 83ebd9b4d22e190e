export * from './breaker-mode';
export * from './cost-breaker';
export * from './breaker-control';
