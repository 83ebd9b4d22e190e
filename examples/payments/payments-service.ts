import { Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { FunctionProfiles } from '../../lib/function';
import { BulkheadStage } from '../../lib/stages';
import { CardsApi } from './cards-api';
import { CardsTable } from './cards-table';
import { CEILINGS } from './config';
import { Consumers } from './consumers';
import { ReconcileJob } from './reconcile-job';

/**
 * The payments service in one stage: the internal cards API, the settlement and fraud-scoring consumers and the
 * nightly reconciliation, all sharing one customer-managed key per stage ($1/month instead of one per function).
 */
export class PaymentsService extends Stack {
  public readonly key: kms.Key;
  public readonly api: CardsApi;
  public readonly consumers: Consumers;
  public readonly reconcile: ReconcileJob;

  constructor(stage: BulkheadStage, id: string, props: StackProps = {}) {
    super(stage, id, { stackName: `${stage.serviceName}-${stage.shortName}-service`, ...props });
    this.key = new kms.Key(this, 'ServiceKey', {
      enableKeyRotation: true,
      description: `Encrypts the data, queues, stream, secrets, logs and function environments of ${stage.serviceName}-${stage.shortName} (T3)`,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Every SecureFunction of this stack, the environment recycler included, uses the stage key.
    FunctionProfiles.apply(this, { ...stage.profile, encryptionKey: this.key });

    const cards = new CardsTable(this, 'Cards', this.key);
    const fingerprintKey = new secretsmanager.Secret(this, 'CardFingerprintKey', {
      description: 'HMAC key that fingerprints card numbers (so duplicates are found without storing them)',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(fingerprintKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No scheduled rotation: rotating the fingerprint key invalidates every stored fingerprint, so it is rotated by a planned re-key (new secret, backfill, switch), not by a rotation Lambda.',
    });

    const name = (what: string) => `${stage.serviceName}-${what}-${stage.shortName}`;
    this.api = new CardsApi(this, 'CardsApi', {
      key: this.key,
      cards,
      fingerprintKey,
      apiName: name('cards'),
      reservedConcurrentExecutions: CEILINGS.updateCard[stage.shortName],
    });
    this.consumers = new Consumers(this, 'Consumers', { key: this.key, cards });
    this.reconcile = new ReconcileJob(this, 'ReconcileJob', { key: this.key, cards });
  }
}
