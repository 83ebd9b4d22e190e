import { CfnResource } from 'aws-cdk-lib';
import { CdkOwner, cdkOwnerOf } from './recognize';

/** A finding the library accepts on a resource aws-cdk-lib owns, because no prop of that construct can fix it. */
export interface LibraryAcknowledgement {
  /** The rule id, e.g. `Bulkhead-ReservedConcurrency` or `AwsSolutions-IAM4`. */
  readonly id: string;
  /** Why, naming the aws-cdk-lib construct. */
  readonly reason: string;
}

type Because = (owner: string) => string;

/** What cannot be changed on aws-cdk-lib's handlers, per resource type: rule id to the reason. */
const BY_TYPE: { readonly [type: string]: { readonly [id: string]: Because } } = {
  'AWS::Lambda::Function': {
    'Bulkhead-EnvironmentEncryption': (o) =>
      `${o} writes this handler's environment (ARNs and names it needs, no secrets) and has no key prop; BulkheadBlueprint adds a customer-managed key`,
    'Bulkhead-ReservedConcurrency': (o) =>
      `${o} sets no reserved concurrency on its handler and has no prop for it; CloudFormation alone invokes it, at deploy time; BulkheadBlueprint sets a ceiling`,
    'Bulkhead-AsyncFailureHandling': (o) =>
      `${o}'s handler is invoked by CloudFormation, which fails the deployment and reports the error when it fails: a DLQ would only hold CloudFormation's request`,
    'Bulkhead-DynamicCode': (o) =>
      `the handler code is aws-cdk-lib's own bundle for ${o}, pinned by aws-cdk-lib's asset hash, not code of this app`,
    'Bulkhead-UnscannedCode': (o) => `the handler code is aws-cdk-lib's own bundle for ${o}, pinned by aws-cdk-lib's asset hash`,
    'Bulkhead-AssetLockfile': (o) =>
      `the handler code is aws-cdk-lib's own bundle for ${o}; its dependencies are locked by aws-cdk-lib's release`,
    'Bulkhead-UninvokedFunction': (o) => `CloudFormation invokes ${o}'s handler through a custom resource's ServiceToken`,
    'AwsSolutions-L1': (o) => `${o} picks its handler's runtime itself (the newest it supports); upgrading aws-cdk-lib moves it`,
    'Serverless-LambdaLatestVersion': (o) =>
      `${o} picks its handler's runtime itself (the newest it supports); upgrading aws-cdk-lib moves it`,
    'Serverless-LambdaDLQ': (o) => `${o}'s handler is invoked by CloudFormation, which reports a failure as a failed deployment`,
    'Serverless-LambdaAsyncFailureDestination': (o) =>
      `${o}'s handler is invoked by CloudFormation, which reports a failure as a failed deployment`,
    'Serverless-LambdaDefaultMemorySize': (o) => `${o} sizes its own handler; no prop changes it`,
    'Serverless-LambdaDefaultTimeout': (o) => `${o} sets its own handler's timeout; no prop changes it`,
    'Serverless-LambdaTracing': (o) =>
      `${o}'s handler runs at deploy time only; its traces would show CloudFormation's calls, and it has no tracing prop`,
  },
  'AWS::IAM::Role': {
    'AwsSolutions-IAM4': (o) => `${o} gives its handler's role the AWSLambdaBasicExecutionRole managed policy itself`,
    'AwsSolutions-IAM5': (o) => `${o} writes its handler's permissions itself`,
    'Bulkhead-WildcardPermissions': (o) => `${o} writes its handler's permissions itself; no prop narrows them`,
    'Serverless-LambdaStarPermissions': (o) => `${o} writes its handler's permissions itself`,
  },
  'AWS::IAM::Policy': {
    'AwsSolutions-IAM5': (o) =>
      `${o} writes its handler's permissions itself (e.g. CloudWatch Logs retention APIs support no resource-level permission, the Provider framework invokes any version of your handler)`,
    'Bulkhead-WildcardPermissions': (o) => `${o} writes its handler's permissions itself; no prop narrows them`,
  },
  'AWS::StepFunctions::StateMachine': {
    'AwsSolutions-SF1': (o) => `${o} makes this waiter state machine itself and has no logging prop for it`,
    'AwsSolutions-SF2': (o) => `${o} makes this waiter state machine itself and has no tracing prop for it`,
    'Serverless-StepFunctionStateMachineXray': (o) => `${o} makes this waiter state machine itself and has no tracing prop for it`,
  },
};

/**
 * The findings accepted on `resource` because aws-cdk-lib owns it (see `cdkOwnerOf`), each with a reason naming
 * the construct; empty for every other resource. DeprecatedRuntime is never among them: upgrading aws-cdk-lib
 * fixes it.
 */
export function libraryAcknowledgements(
  resource: CfnResource,
  owner: CdkOwner | undefined = cdkOwnerOf(resource),
): LibraryAcknowledgement[] {
  return owner === undefined ? [] : libraryAcknowledgementsOf(resource.cfnResourceType, owner.construct);
}

/**
 * The same acknowledgements for a resource of a template (`bulkhead check --assembly`), owned by `construct`
 * as `cdkOwnerOfTemplateResource` recognized it.
 */
export function libraryAcknowledgementsOf(type: string, construct: string): LibraryAcknowledgement[] {
  const who = `aws-cdk-lib's ${construct}`;
  return Object.entries(BY_TYPE[type] ?? {}).map(([id, because]) => ({ id, reason: `Acknowledged by cdk-bulkhead: ${because(who)}.` }));
}
