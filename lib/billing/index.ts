export * from './worst-case-cost';
export * from './billing-guard';
