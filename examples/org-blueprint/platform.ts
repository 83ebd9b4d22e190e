/**
 * The platform team's package (published internally as, say, `@acme/cdk-blueprint`): one configured blueprint.
 * Every team applies it with `acme.applyTo(app)`; docs/blueprint.md explains publishing and what it changes.
 */
import { BulkheadBlueprint } from '../../lib/blueprint';

export const acme = new BulkheadBlueprint({
  alarmEmails: ['oncall@acme.example'],
  // No team may accept a secret in an environment variable, whatever the reason.
  mandatoryRules: ['Bulkhead-EnvSecret'],
  maxAcknowledgementDays: 90,
});
