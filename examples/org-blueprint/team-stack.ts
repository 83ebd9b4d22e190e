import * as path from 'path';
import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3d from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * A team's existing app, written with plain aws-cdk-lib only: nothing here knows about cdk-bulkhead. The blueprint
 * applied in app.ts hardens its NodejsFunctions and aws-cdk-lib's own handlers.
 */
export class CardsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const handlers = path.join(__dirname, 'handlers');

    const updateCard = new nodejs.NodejsFunction(this, 'UpdateCard', {
      entry: path.join(handlers, 'update-card.ts'),
      runtime: lambda.Runtime.NODEJS_LATEST,
    });
    // The card service calls it with IAM credentials of this account.
    updateCard.grantInvoke(new iam.AccountRootPrincipal());

    const onUpload = new nodejs.NodejsFunction(this, 'OnUpload', {
      entry: path.join(handlers, 'on-upload.ts'),
      runtime: lambda.Runtime.NODEJS_LATEST,
      timeout: Duration.seconds(30), // a team's own choice: shows in the override report
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      enforceSSL: true,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const uploads = new s3.Bucket(this, 'Uploads', {
      enforceSSL: true,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
      serverAccessLogsBucket: accessLogs,
    });
    uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(onUpload), { prefix: 'uploads/' });

    new s3d.BucketDeployment(this, 'Seed', {
      sources: [s3d.Source.jsonData('config/limits.json', { defaultLimitUsd: 500 })],
      destinationBucket: uploads,
    });

    new cr.AwsCustomResource(this, 'ReadLimitParameter', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: '/cards/max-limit' },
        physicalResourceId: cr.PhysicalResourceId.of('cards-max-limit'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'cards/max-limit' })],
      }),
    });
  }
}
