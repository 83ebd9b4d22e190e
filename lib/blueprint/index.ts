export * from './props';
export * from './report-types';
export * from './bulkhead-blueprint';
