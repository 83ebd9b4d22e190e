export * from './version';
export * from './core';
