import * as sns from 'aws-cdk-lib/aws-sns';
import { acknowledgeByLibrary } from './acknowledgements';

/** A plausible e-mail address (one @, a dot in the domain, no spaces): what stages, billing guards and the blueprint accept. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/**
 * cdk-nag's Serverless-SNSRedrivePolicy asks every subscription for a dead-letter queue; for e-mail subscriptions of an
 * alarm topic nobody would ever drain it, and the alarm's state stays visible in CloudWatch when a mail bounces.
 */
export function acknowledgeEmailRedrive(topic: sns.ITopic): void {
  acknowledgeByLibrary(topic, {
    id: 'Serverless-SNSRedrivePolicy',
    reason:
      'E-mail subscriptions of an alarm topic: a dead-letter queue would have no consumer, and the alarm state stays visible in CloudWatch.',
  });
}
