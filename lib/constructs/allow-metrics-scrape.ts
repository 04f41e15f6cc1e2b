import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { Port } from './port';
import { PodsLike } from './pods';
import { Workload } from './workload';
import { PolicyEnforcementProps } from './policy-enforcement';

/** Props for `AllowMetricsScrape`. */
export interface AllowMetricsScrapeProps extends PolicyEnforcementProps {
  /** The pods whose metrics are scraped. */
  readonly pods: PodsLike;
  /** The metrics port on `pods`, e.g. `Port.tcp(9090)` or `Port.named('metrics')`. */
  readonly port: Port;
  /**
   * The namespace the scraper runs in.
   * @default 'monitoring'
   */
  readonly monitoringNamespace?: string;
  /**
   * The scraper's pod labels.
   * @default { 'app.kubernetes.io/name': 'prometheus' }
   */
  readonly scraperLabels?: Record<string, string>;
}

/**
 * Allows a monitoring namespace's scraper pods in to the metrics port of `pods`: ONE peer
 * with namespaceSelector AND podSelector, so other pods of the monitoring namespace stay out.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: allow-scrape-api
 *   namespace: shop
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: api
 *   policyTypes: [Ingress]
 *   ingress:
 *     - from:
 *         - namespaceSelector:
 *             matchLabels:
 *               kubernetes.io/metadata.name: monitoring
 *           podSelector:
 *             matchLabels:
 *               app.kubernetes.io/name: prometheus
 *       ports:
 *         - protocol: TCP
 *           port: 9090
 * ```
 */
export class AllowMetricsScrape extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AllowMetricsScrapeProps) {
    const scraper = Workload.select(props.scraperLabels ?? { 'app.kubernetes.io/name': 'prometheus' }, {
      namespace: props.monitoringNamespace ?? 'monitoring',
    });
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, ingress: [{ peers: [scraper], ports: [props.port] }] });
  }
}
