export * from './version';
export * from './core';
export * from './function';
export * from './checks';
export * from './stages';
export * from './billing';
export * from './breaker';
export * from './report';
