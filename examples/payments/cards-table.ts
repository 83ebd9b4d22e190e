import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The GSI the nightly reconciliation queries by settlement day (a Query, never a Scan). */
export const BY_DAY_INDEX = 'byDay';

/**
 * Cards on file and settlements, encrypted with the stage's customer-managed key (T3), with point-in-time recovery.
 * Grants are explicit actions on this table only (the table's grant* helpers add kms:ReEncrypt* and
 * kms:GenerateDataKey* wildcards).
 */
export class CardsTable extends Construct {
  public readonly table: dynamodb.Table;

  constructor(
    scope: Construct,
    id: string,
    private readonly key: kms.IKey,
  ) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: BY_DAY_INDEX,
      partitionKey: { name: 'day', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: ['amountMinor', 'currency'],
    });
  }

  /** Lets `grantee` call exactly `actions` on the table (and, for Query, on the by-day index), plus the key. */
  public grant(grantee: iam.IGrantable, actions: string[], options: { byDayIndex?: boolean } = {}): void {
    const resources = options.byDayIndex ? [`${this.table.tableArn}/index/${BY_DAY_INDEX}`] : [this.table.tableArn];
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
    const writes = actions.some((a) => /Put|Update/.test(a));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: writes ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${this.table.stack.region}.amazonaws.com` } },
      }),
    );
  }
}
