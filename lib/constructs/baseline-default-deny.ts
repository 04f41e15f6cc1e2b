import { Construct } from 'constructs';
import { MAX_POLICY_PRIORITY } from '../model';
import { ClusterNetworkPolicyBase } from './cluster-network-policy-base';
import { IpRange } from './ip-range';
import { Namespaces, NAMESPACES_PROP } from './namespaces';
import { coversEgress, coversIngress, DIRECTION_PROP, PolicyDirection } from './policy-direction';
import { checkProps, constructPath, FLAG, optionalProp, WHOLE_NUMBER } from './props-check';

/** Props for `BaselineDefaultDeny`. */
export interface BaselineDefaultDenyProps {
  /**
   * The directions to deny.
   * @default 'both'
   */
  readonly direction?: PolicyDirection;
  /**
   * The namespaces whose pods are denied by default.
   * @default every namespace (but `kube-system`, see `includeKubeSystem`)
   */
  readonly namespaces?: Namespaces;
  /**
   * Deny by default in `kube-system` too. Left out, the subject is ANDed with
   * `kubernetes.io/metadata.name NotIn [kube-system]`, so the cluster's own add-ons (DNS,
   * CNI agents, metrics) keep working until they have NetworkPolicies of their own.
   * @default false
   */
  readonly includeKubeSystem?: boolean;
  /**
   * The precedence within the Baseline tier.
   * @default 1000, the last: every other Baseline policy is checked first
   */
  readonly priority?: number;
}

/**
 * The cluster's default flipped from allow to deny, overridable by namespace owners: a
 * Baseline-tier ClusterNetworkPolicy whose rule denies everything, so it decides only what no
 * Admin policy and no NetworkPolicy decided (a pod selected by a NetworkPolicy is decided
 * there). One object for every namespace, where NetworkPolicy needs one per namespace.
 *
 * Ingress: every pod source (`namespaces: {}`); an ingress peer of this API is namespaces or
 * pods only, so traffic from nodes, host-network pods and outside the cluster is not denied by
 * it. Egress: every pod and every address (`networks: [0.0.0.0/0, ::/0]`, which also matches
 * pod IPs).
 *
 * ```yaml
 * apiVersion: policy.networking.k8s.io/v1alpha2
 * kind: ClusterNetworkPolicy
 * metadata:
 *   name: baseline-default-deny
 * spec:
 *   tier: Baseline
 *   priority: 1000
 *   subject:
 *     namespaces:
 *       matchExpressions:
 *         - key: kubernetes.io/metadata.name
 *           operator: NotIn
 *           values: [kube-system]
 *   ingress:
 *     - name: default-deny-ingress
 *       action: Deny
 *       from:
 *         - namespaces: {}
 *   egress:
 *     - name: default-deny-egress
 *       action: Deny
 *       to:
 *         - namespaces: {}
 *         - networks: [0.0.0.0/0, ::/0]
 * ```
 */
export class BaselineDefaultDeny extends ClusterNetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: BaselineDefaultDenyProps = {}) {
    checkProps<BaselineDefaultDenyProps>(constructPath(scope, id), props, {
      direction: optionalProp(DIRECTION_PROP),
      namespaces: optionalProp(NAMESPACES_PROP),
      includeKubeSystem: optionalProp(FLAG),
      priority: optionalProp(WHOLE_NUMBER),
    });
    const direction = props.direction ?? 'both';
    const namespaces = props.namespaces ?? Namespaces.all();
    super(scope, id, {
      tier: 'Baseline',
      priority: props.priority ?? MAX_POLICY_PRIORITY,
      subject: props.includeKubeSystem ? namespaces : namespaces.excluding('kube-system'),
      ingress: coversIngress(direction) ? [{ name: 'default-deny-ingress', action: 'Deny', peers: Namespaces.all() }] : undefined,
      egress: coversEgress(direction)
        ? [{ name: 'default-deny-egress', action: 'Deny', peers: [Namespaces.all(), IpRange.anyIpv4(), IpRange.anyIpv6()] }]
        : undefined,
    });
  }
}
