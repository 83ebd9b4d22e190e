export * from './props';
export * from './profile';
export * from './secrets';
export * from './event-sources';
export * from './function-url';
export * from './secure-function';
export * from './function-options';
