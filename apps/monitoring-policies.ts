import { Construct } from 'constructs';
import { AllowApiServer, AllowTo, Namespaces, NamespacePolicyChart, Port } from '../lib';
import { METRICS_PORT, prometheus } from './shop-workloads';

/**
 * The monitoring namespace: zero trust, then Prometheus may scrape the shop and ask the API
 * server which pods to scrape (Kubernetes service discovery).
 */
export class MonitoringPolicies extends NamespacePolicyChart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'monitoring', baseline: true });

    new AllowTo(this, 'prometheus-scrape-shop', {
      pods: prometheus,
      to: Namespaces.named('shop'),
      ports: [Port.tcp(METRICS_PORT)],
    });

    // `kubectl get endpoints kubernetes -n default` lists these addresses.
    new AllowApiServer(this, 'prometheus-to-api-server', { pods: prometheus, addresses: ['172.20.0.1', '10.0.0.10'] });
  }
}
