export * from './levels';
export * from './pack';
