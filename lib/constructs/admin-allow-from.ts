import { Construct } from 'constructs';
import { ADMIN_RULE_PROPS, adminDefinition, AdminRuleProps } from './admin-rule-props';
import { ClusterNetworkPolicyBase } from './cluster-network-policy-base';
import { CLUSTER_PEERS_PROP, ClusterPeersLike } from './cluster-peer';
import { checkProps, constructPath, requiredProp } from './props-check';

/** Props for `AdminAllowFrom`. */
export interface AdminAllowFromProps extends AdminRuleProps {
  /**
   * The sources always accepted on `ports` of the subject's pods, e.g. the monitoring pods:
   * `Workload.select({ 'app.kubernetes.io/name': 'prometheus' }, { namespace: 'monitoring' })`.
   */
  readonly from: ClusterPeersLike;
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
    checkProps<AdminAllowFromProps>(constructPath(scope, id), props, { ...ADMIN_RULE_PROPS, from: requiredProp(CLUSTER_PEERS_PROP) });
    super(scope, id, adminDefinition(props, { ingress: [{ name: 'allow-ingress', action: 'Accept', peers: props.from }] }));
  }
}
