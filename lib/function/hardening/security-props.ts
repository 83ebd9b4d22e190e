import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaPriceTable } from '../../core/pricing';
import { SecretReference } from '../secrets';

/** The security props a hardened function takes besides aws-cdk-lib's own (SecureNodejsFunction). */
export interface FunctionSecurityProps {
  /**
   * Customer-managed key that encrypts the environment, the DLQ and the log group (T3). Pass one key to several
   * functions to pay for one key instead of one per function.
   * @default - the profile's key, else a new key with rotation on
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Topic that receives every alarm of this function (T4).
   * @default - the profile's topic, else alarms without actions
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Secrets passed by reference: environment variable name to secret. The variable holds only the ARN (Secrets
   * Manager) or the parameter name (SSM), and the function may read exactly these (T2).
   * @default - no secrets
   */
  readonly secrets?: { [name: string]: SecretReference };

  /**
   * Variables of `environment` whose values you vouch are not secrets, each with the reason. For when the secret
   * detector judges a value by its variable's name alone (`API_TOKEN_HEADER: 'x-api-token'`): it is unsure there.
   * A value in a known key format (an AWS access key, a private key, a GitHub, Slack or Stripe token, ...) is
   * refused whatever the reason. Each reason acknowledges `Bulkhead-EnvSecret[NAME]` on this function and is shown
   * in the Bulkhead report (T2).
   * @default - none: every variable is judged
   */
  readonly environmentNotSecret?: { [name: string]: string };

  /**
   * Permissions boundary for the function's own role (T1).
   * @default - no boundary
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * Prices used by the estimated-cost metric and alarm.
   * @default LambdaPriceTable.DEFAULT (us-east-1 on-demand)
   */
  readonly priceTable?: LambdaPriceTable;

  /**
   * Estimated compute cost per hour (USD) above which the cost alarm fires (T4).
   * @default - half of the function's worst-case hourly cost (reserved concurrency running all hour)
   */
  readonly costAlarmThresholdUsdPerHour?: number;
}
