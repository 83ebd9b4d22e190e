import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The function's own dead-letter queue as its on-failure destination, adding no grant: the dead-letter
 * configuration already gives the role sqs:SendMessage on this queue, which is all Lambda needs to deliver a
 * failure record. (CDK's SqsDestination would add sqs:GetQueueAttributes, sqs:GetQueueUrl and, for an encrypted
 * queue, kms:ReEncrypt* and kms:GenerateDataKey*, none of which Lambda uses; T1.)
 */
export class DeadLetterQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(_scope: Construct, _fn: lambda.IFunction, _options?: lambda.DestinationOptions): lambda.DestinationConfig {
    return { destination: this.queue.queueArn };
  }
}
