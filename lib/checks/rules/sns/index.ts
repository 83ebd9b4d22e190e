export * from './topic-encryption';
export * from './topic-tls-only';
