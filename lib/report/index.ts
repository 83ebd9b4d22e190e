export * from './bulkhead-report';
