export * from './method-authorization';
export * from './route-authorization';
