/**
 * The example org app: the payments service in dev, staging and prod, each in its own account (T9), validated by the
 * Bulkhead pack (through IsolatedStages) and by cdk-nag's AwsSolutions and Serverless packs, then the Bulkhead report.
 *
 *   npx cdk synth        (cdk.json runs this file)
 */
import * as cdk from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { BulkheadReport } from '../../lib/report';
import { IsolatedStages } from '../../lib/stages';
import { addBillingGuard } from './billing';
import { SERVICE, STAGES } from './config';
import { PaymentsService } from './payments-service';

/** Builds the app; `outdir` lets tests synthesize into a temporary directory. */
export function buildApp(props: cdk.AppProps = {}): { app: cdk.App; stages: IsolatedStages; services: PaymentsService[] } {
  const app = new cdk.App(props);
  const stages = new IsolatedStages(app, { service: SERVICE, stages: STAGES });
  const services = stages.stages.map((stage) => {
    const service = new PaymentsService(stage, 'Service');
    addBillingGuard(stage);
    return service;
  });
  cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stages, services };
}

if (require.main === module) {
  BulkheadReport.run(buildApp().app);
}
