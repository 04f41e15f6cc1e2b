import { Construct } from 'constructs';
import { ADMIN_RULE_PROPS, adminDefinition, AdminRuleProps } from './admin-rule-props';
import { ClusterNetworkPolicyBase } from './cluster-network-policy-base';
import { CLUSTER_PEERS_PROP, ClusterPeersLike } from './cluster-peer';
import { checkProps, constructPath, requiredProp } from './props-check';

/** Props for `AdminDenyEgressTo`. */
export interface AdminDenyEgressToProps extends AdminRuleProps {
  /** The destinations no pod of the subject may reach, e.g. `IpRange.cloudMetadata()`. */
  readonly to: ClusterPeersLike;
}

/**
 * A guardrail no namespace owner can lift: an Admin-tier Deny of egress to the given
 * destinations. NetworkPolicies never see this traffic.
 *
 * ```yaml
 * apiVersion: policy.networking.k8s.io/v1alpha2
 * kind: ClusterNetworkPolicy
 * metadata:
 *   name: deny-cloud-metadata
 * spec:
 *   tier: Admin
 *   priority: 10
 *   subject:
 *     namespaces: {}
 *   egress:
 *     - name: deny-egress
 *       action: Deny
 *       to:
 *         - networks: [169.254.169.254/32]
 * ```
 */
export class AdminDenyEgressTo extends ClusterNetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AdminDenyEgressToProps) {
    checkProps<AdminDenyEgressToProps>(constructPath(scope, id), props, { ...ADMIN_RULE_PROPS, to: requiredProp(CLUSTER_PEERS_PROP) });
    super(scope, id, adminDefinition(props, { egress: [{ name: 'deny-egress', action: 'Deny', peers: props.to }] }));
  }
}
