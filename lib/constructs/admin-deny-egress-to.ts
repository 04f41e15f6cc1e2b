import { Construct } from 'constructs';
import { ClusterNetworkPolicyBase, ClusterPolicySubject } from './cluster-network-policy-base';
import { ClusterPeersLike } from './cluster-peer';
import { Namespaces } from './namespaces';
import { Port } from './port';

/** Props for `AdminDenyEgressTo`. */
export interface AdminDenyEgressToProps {
  /** The destinations no pod of the subject may reach, e.g. `IpRange.cloudMetadata()`. */
  readonly to: ClusterPeersLike;
  /**
   * The precedence within the Admin tier. Give it a lower value than any `AdminPassTo` or
   * Admin Accept that could match the same traffic: those would otherwise decide first.
   */
  readonly priority: number;
  /**
   * The destination ports denied.
   * @default every protocol and port
   */
  readonly ports?: readonly Port[];
  /**
   * The pods the guardrail applies to.
   * @default every pod of every namespace
   */
  readonly subject?: ClusterPolicySubject;
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
    super(scope, id, {
      tier: 'Admin',
      priority: props.priority,
      subject: props.subject ?? Namespaces.all(),
      egress: [{ name: 'deny-egress', action: 'Deny', peers: props.to, ports: props.ports }],
    });
  }
}
