import * as path from 'path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SecretReference, SecureFunction } from '../../lib/function';
import { CardsTable } from './cards-table';

export interface CardsApiProps {
  readonly key: kms.IKey;
  readonly cards: CardsTable;
  /** The HMAC key fingerprinting card numbers, passed to the function by reference (T2). */
  readonly fingerprintKey: secretsmanager.ISecret;
  readonly reservedConcurrentExecutions?: number;
  /** The API's name, `<service>-cards-<stage>`. */
  readonly apiName: string;
}

/**
 * The internal cards API: `PUT /cards/{cardId}`, every method AWS_IAM-authorized (T7), callers limited to this
 * account by the resource policy, access logs in a log group encrypted with the stage key (T3), and stage
 * throttling below the function's concurrency ceiling so excess requests are refused at the edge (T4).
 */
export class CardsApi extends Construct {
  public readonly api: apigw.RestApi;
  public readonly updateCard: SecureFunction;

  constructor(scope: Construct, id: string, props: CardsApiProps) {
    super(scope, id);
    const account = Stack.of(this).account;

    this.updateCard = new SecureFunction(this, 'UpdateCard', {
      code: lambda.Code.fromAsset(path.join(__dirname, 'handlers', 'update-card')),
      handler: 'index.handler',
      description: "Replaces a customer's card on file; stores last4 and a keyed fingerprint, never the card number",
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      // T6: an implant injected into a warm environment is gone within 4 hours.
      maxEnvironmentAge: Duration.hours(4),
      environment: { CARDS_TABLE: props.cards.table.tableName },
      secrets: { FINGERPRINT_KEY_SECRET_ARN: SecretReference.fromSecret(props.fingerprintKey) },
    });
    props.cards.grant(this.updateCard, ['dynamodb:UpdateItem']);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      encryptionKey: props.key,
      retention: logs.RetentionDays.ONE_MONTH,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.apiName,
      description: 'Internal cards API: IAM-authorized callers of this account only',
      // The account-wide API Gateway CloudWatch role (AmazonAPIGatewayPushToCloudWatchLogs) is account setup, not
      // this service's: creating it here would attach a managed policy (T1) and overwrite the account's setting.
      cloudWatchRole: false,
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            principals: [new iam.AccountPrincipal(account)],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
          }),
        ],
      }),
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        // Errors only, and never request bodies: a data trace would write card numbers to the logs.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
        metricsEnabled: true,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 20,
      },
    });
    const validator = this.api.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });
    const model = this.api.addModel('CardUpdate', {
      contentType: 'application/json',
      schema: {
        type: apigw.JsonSchemaType.OBJECT,
        additionalProperties: false,
        required: ['pan', 'expiryMonth', 'expiryYear', 'holderName', 'expectedVersion'],
        properties: {
          pan: { type: apigw.JsonSchemaType.STRING, pattern: '^[0-9]{12,19}$' },
          expiryMonth: { type: apigw.JsonSchemaType.INTEGER, minimum: 1, maximum: 12 },
          expiryYear: { type: apigw.JsonSchemaType.INTEGER },
          holderName: { type: apigw.JsonSchemaType.STRING, minLength: 1, maxLength: 64 },
          expectedVersion: { type: apigw.JsonSchemaType.INTEGER, minimum: 0 },
        },
      },
    });
    const card = this.api.root.addResource('cards').addResource('{cardId}');
    card.addMethod('PUT', new apigw.LambdaIntegration(this.updateCard), {
      requestValidator: validator,
      requestModels: { 'application/json': model },
      requestParameters: { 'method.request.path.cardId': true },
    });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Internal service-to-service API: every method uses AWS_IAM (SigV4) authorization and the resource policy admits only principals of this account; there are no end users to hold Cognito tokens.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF: unsigned requests are refused by IAM authorization before any integration runs, the resource policy admits only this account, and stage throttling (50 rps, burst 20) bounds what a caller can cost.',
    });
  }
}
