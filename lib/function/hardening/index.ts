export * from './harden';
export * from './problems';
export * from './settings';
export * from './validate';
