export * from './apigateway';
export * from './dynamodb';
export * from './iam';
export * from './lambda';
export * from './logs';
export * from './sns';
export * from './sqs';
