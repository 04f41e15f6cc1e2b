import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { PODS_PROP, PodsLike } from './pods';
import { ENFORCEMENT_PROPS, PolicyEnforcementProps } from './policy-enforcement';
import { ACKNOWLEDGE_PROPS, AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { Port, PORT_PROP } from './port';
import { checkProps, constructPath, LABELS, optionalProp, requiredProp, TEXT } from './props-check';
import { Workload } from './workload';

/** Props for `AllowMetricsScrape`. */
export interface AllowMetricsScrapeProps extends PolicyEnforcementProps, AcknowledgeProps {
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
    checkProps<AllowMetricsScrapeProps>(constructPath(scope, id), props, {
      pods: requiredProp(PODS_PROP),
      port: requiredProp(PORT_PROP),
      monitoringNamespace: optionalProp(TEXT),
      scraperLabels: optionalProp(LABELS),
      ...ENFORCEMENT_PROPS,
      ...ACKNOWLEDGE_PROPS,
    });
    const scraper = Workload.select(props.scraperLabels ?? { 'app.kubernetes.io/name': 'prometheus' }, {
      namespace: props.monitoringNamespace ?? 'monitoring',
    });
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, ingress: [{ peers: [scraper], ports: [props.port] }], ...acknowledgementsOf(props) });
  }
}
