export * from './shared-role';
export * from './wildcard-permissions';
export * from './admin-managed-policy';
