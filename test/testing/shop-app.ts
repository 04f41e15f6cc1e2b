import { App, Chart, Testing } from 'cdk8s';
import { AllowFrom, DefaultDeny, NamespacePolicyChart, Port, Workload } from '../../lib';

/** The example: production is ingress-isolated and web-api may open postgres on 5432. */
export function shop(): { app: App; chart: Chart; web: Workload; db: Workload } {
  const app = Testing.app();
  const chart = new NamespacePolicyChart(app, 'production', { namespace: 'production' });
  const web = Workload.select({ app: 'web-api' });
  const db = Workload.select({ app: 'postgres' });
  new DefaultDeny(chart, 'default-deny-ingress', { direction: 'ingress' });
  new AllowFrom(chart, 'allow-api-to-db', { pods: db, from: web, ports: [Port.tcp(5432)] });
  return { app, chart, web, db };
}
