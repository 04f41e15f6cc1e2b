import { Construct } from 'constructs';
import { AdminAllowFrom, AdminDenyEgressTo, BaselineAllowDns, BaselineDefaultDeny, ClusterPolicyChart, DnsProvider, IpRange, Namespaces, Port } from '../lib';
import { METRICS_PORT, prometheus } from './shop-workloads';

/**
 * The platform team's cluster-scoped policies (ClusterNetworkPolicy, policy.networking.k8s.io
 * v1alpha2), which the app teams' NetworkPolicies refine:
 * - Admin tier, before every NetworkPolicy: no pod reaches the cloud metadata address, and
 *   Prometheus may scrape every pod on the metrics port whatever a namespace allows;
 * - Baseline tier, after them: what no NetworkPolicy isolates is denied both ways, except DNS
 *   to CoreDNS. kube-system is left out (the preset's default), and so is the ingress
 *   controller's namespace, whose owners have not written its policies yet: a baseline deny
 *   there would cut every Ingress.
 */
export class PlatformPolicies extends ClusterPolicyChart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);

    new AdminDenyEgressTo(this, 'deny-cloud-metadata', { priority: 10, to: IpRange.cloudMetadata() });
    new AdminAllowFrom(this, 'allow-prometheus-scrape', { priority: 20, from: prometheus, ports: [Port.tcp(METRICS_PORT)] });
    new BaselineAllowDns(this, 'baseline-allow-dns', { priority: 10, provider: DnsProvider.coreDns() });
    new BaselineDefaultDeny(this, 'baseline-default-deny', { direction: 'both', namespaces: Namespaces.all().excluding('ingress-nginx') });
  }
}
