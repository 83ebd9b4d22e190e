export * from './stage-spec';
export * from './bulkhead-stage';
export * from './isolated-stages';
export * from './deploy-guard';
export * from './deploy-guard-step';
