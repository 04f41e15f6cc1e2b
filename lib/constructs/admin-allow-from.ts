import { Construct } from 'constructs';
import { ClusterNetworkPolicyBase, ClusterPolicySubject } from './cluster-network-policy-base';
import { ClusterPeersLike } from './cluster-peer';
import { Namespaces } from './namespaces';
import { Port } from './port';

/** Props for `AdminAllowFrom`. */
export interface AdminAllowFromProps {
  /**
   * The sources always accepted, e.g. the monitoring pods:
   * `Workload.select({ 'app.kubernetes.io/name': 'prometheus' }, { namespace: 'monitoring' })`.
   */
  readonly from: ClusterPeersLike;
  /** The precedence within the Admin tier. */
  readonly priority: number;
  /**
   * The destination ports on the subject's pods, e.g. `[Port.tcp(9090)]` or
   * `[Port.named('metrics')]`.
   * @default every protocol and port
   */
  readonly ports?: readonly Port[];
  /**
   * The pods that accept the traffic.
   * @default every pod of every namespace
   */
  readonly subject?: ClusterPolicySubject;
}

/**
 * Traffic no namespace owner can block: an Admin-tier Accept of ingress from the given
 * sources on the given ports (monitoring scrapes every pod's metrics port). Accept is final
 * for this ingress: no NetworkPolicy is consulted for it.
 *
 * ```yaml
 * apiVersion: policy.networking.k8s.io/v1alpha2
 * kind: ClusterNetworkPolicy
 * metadata:
 *   name: allow-monitoring-scrape
 * spec:
 *   tier: Admin
 *   priority: 20
 *   subject:
 *     namespaces: {}
 *   ingress:
 *     - name: allow-ingress
 *       action: Accept
 *       from:
 *         - pods:
 *             namespaceSelector:
 *               matchLabels:
 *                 kubernetes.io/metadata.name: monitoring
 *             podSelector:
 *               matchLabels:
 *                 app.kubernetes.io/name: prometheus
 *       protocols:
 *         - tcp:
 *             destinationPort:
 *               number: 9090
 * ```
 */
export class AdminAllowFrom extends ClusterNetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AdminAllowFromProps) {
    super(scope, id, {
      tier: 'Admin',
      priority: props.priority,
      subject: props.subject ?? Namespaces.all(),
      ingress: [{ name: 'allow-ingress', action: 'Accept', peers: props.from, ports: props.ports }],
    });
  }
}
