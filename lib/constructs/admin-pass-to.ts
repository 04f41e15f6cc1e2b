import { Construct } from 'constructs';
import { ADMIN_RULE_PROPS, adminDefinition, AdminRuleProps } from './admin-rule-props';
import { ClusterNetworkPolicyBase } from './cluster-network-policy-base';
import { CLUSTER_PEERS_PROP, ClusterPeersLike } from './cluster-peer';
import { checkProps, constructPath, optionalProp } from './props-check';

/** Props for `AdminPassTo`. */
export interface AdminPassToProps extends AdminRuleProps {
  /**
   * Ingress from these sources is passed.
   * @default ingress is not passed (give `from`, `to` or both)
   */
  readonly from?: ClusterPeersLike;
  /**
   * Egress to these destinations is passed.
   * @default egress is not passed (give `from`, `to` or both)
   */
  readonly to?: ClusterPeersLike;
}

/**
 * Delegates traffic to the namespace owners: an Admin-tier Pass, which skips the rest of the
 * Admin tier, so the NetworkPolicies decide (and, for pods no NetworkPolicy selects, the
 * Baseline tier).
 *
 * ```yaml
 * apiVersion: policy.networking.k8s.io/v1alpha2
 * kind: ClusterNetworkPolicy
 * metadata:
 *   name: pass-tenant-traffic
 * spec:
 *   tier: Admin
 *   priority: 50
 *   subject:
 *     namespaces:
 *       matchLabels:
 *         tenant: blue
 *   ingress:
 *     - name: pass-ingress
 *       action: Pass
 *       from:
 *         - namespaces:
 *             matchLabels:
 *               tenant: blue
 * ```
 */
export class AdminPassTo extends ClusterNetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AdminPassToProps) {
    const path = constructPath(scope, id);
    checkProps<AdminPassToProps>(path, props, { ...ADMIN_RULE_PROPS, from: optionalProp(CLUSTER_PEERS_PROP), to: optionalProp(CLUSTER_PEERS_PROP) });
    if (props.from === undefined && props.to === undefined) {
      throw new Error(`${path}: give from (ingress to pass), to (egress to pass) or both`);
    }
    super(
      scope,
      id,
      adminDefinition(props, {
        ingress: props.from === undefined ? undefined : [{ name: 'pass-ingress', action: 'Pass', peers: props.from }],
        egress: props.to === undefined ? undefined : [{ name: 'pass-egress', action: 'Pass', peers: props.to }],
      }),
    );
  }
}
