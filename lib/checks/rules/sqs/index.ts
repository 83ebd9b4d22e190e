export * from './queue-encryption';
export * from './queue-tls-only';
