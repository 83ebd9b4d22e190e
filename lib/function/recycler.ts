import * as path from 'path';
import { Aws, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What the recycler needs from SecureFunction, without importing it (it is one itself). */
export interface RecyclerFunction extends lambda.IFunction {
  readonly key: kms.IKey;
  readonly failureQueue: sqs.IQueue;
}

/** Creates the hardened recycler function; passed in by SecureFunction to avoid a circular import. */
export type RecyclerFactory = (scope: Construct, id: string) => RecyclerFunction;

const RECYCLER_ID = 'BulkheadRecycler';

/** One recycler per stack: a scheduled rule invoking one small function for every function with a maximum age (T6). */
class StackRecycler extends Construct {
  public readonly fn: RecyclerFunction;
  private readonly targets: string[] = [];
  private readonly ages: number[] = [];

  constructor(scope: Construct, id: string, factory: RecyclerFactory) {
    super(scope, id);
    this.fn = factory(this, 'Recycler');
    const schedule = events.Schedule.expression(Lazy.string({ produce: () => `rate(${Math.min(...this.ages)} minutes)` }));
    const rule = new events.Rule(this, 'Schedule', {
      description: 'Recycles warm Lambda environments older than their maximum age (cdk-bulkhead, T6)',
      schedule,
    });
    const dlq = this.fn.failureQueue;
    rule.addTarget(
      new targets.LambdaFunction(this.fn, {
        event: events.RuleTargetInput.fromObject({ functionNames: Lazy.list({ produce: () => this.targets }) }),
        deadLetterQueue: dlq,
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    );
    // EventBridge writes failed deliveries to the DLQ, which is encrypted with the recycler's key.
    this.fn.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeDeadLettersOfRecyclerRule',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        // Rules of this account and region only; naming this rule's ARN would make the template circular.
        conditions: { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/*` } },
      }),
    );
  }

  public add(target: lambda.IFunction, key: kms.IKey, maxAge: Duration): void {
    this.targets.push(target.functionName);
    this.ages.push(Math.floor(maxAge.toMinutes({ integral: false })));
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'],
        resources: [target.functionArn],
      }),
    );
    // Reading and rewriting an environment encrypted with a customer-managed key needs the key, via Lambda only.
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `lambda.${Aws.REGION}.amazonaws.com` } },
      }),
    );
  }
}

/** Registers `target` with its stack's recycler, creating the recycler on first use. */
export function recycle(target: lambda.IFunction, key: kms.IKey, maxAge: Duration, factory: RecyclerFactory): RecyclerFunction {
  const stack = Stack.of(target);
  const existing = stack.node.tryFindChild(RECYCLER_ID) as StackRecycler | undefined;
  const recycler = existing ?? new StackRecycler(stack, RECYCLER_ID, factory);
  recycler.add(target, key, maxAge);
  return recycler.fn;
}

/** The directory of the recycler's handler (plain JavaScript, no bundling needed: it uses the SDK in the runtime). */
export const RECYCLER_CODE_DIR = path.join(__dirname, 'runtime', 'recycler');
