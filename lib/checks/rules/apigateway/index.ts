export * from './method-authorization';
export * from './route-authorization';
export * from './unscanned-api-definition';
