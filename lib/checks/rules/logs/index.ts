export * from './log-group-encryption';
