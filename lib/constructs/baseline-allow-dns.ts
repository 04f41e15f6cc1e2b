import { Construct } from 'constructs';
import { ClusterNetworkPolicyBase } from './cluster-network-policy-base';
import type { ClusterPeersLike } from './cluster-peer';
import { DNS_PROVIDER_PROP, DnsProvider } from './dns-provider';
import { Namespaces, NAMESPACES_PROP } from './namespaces';
import { checkProps, constructPath, optionalProp, requiredProp, WHOLE_NUMBER } from './props-check';

/** Props for `BaselineAllowDns`. */
export interface BaselineAllowDnsProps {
  /**
   * The precedence within the Baseline tier: lower than a `BaselineDefaultDeny`'s (1000 by
   * default), so DNS is accepted before the deny is reached.
   */
  readonly priority: number;
  /**
   * The namespaces whose pods may resolve names.
   * @default every namespace
   */
  readonly namespaces?: Namespaces;
  /**
   * Where the DNS servers are.
   * @default DnsProvider.coreDns()
   */
  readonly provider?: DnsProvider;
}

/**
 * Accepts DNS lookups in the Baseline tier: egress to the cluster's DNS servers on UDP and TCP,
 * for the pods no NetworkPolicy governs; the companion of `BaselineDefaultDeny`. A namespace
 * whose NetworkPolicies isolate egress must still allow DNS itself (`AllowDns`): the
 * NetworkPolicy tier decides for the pods it selects.
 *
 * ```yaml
 * apiVersion: policy.networking.k8s.io/v1alpha2
 * kind: ClusterNetworkPolicy
 * metadata:
 *   name: baseline-allow-dns
 * spec:
 *   tier: Baseline
 *   priority: 900
 *   subject:
 *     namespaces: {}
 *   egress:
 *     - name: allow-dns
 *       action: Accept
 *       to:
 *         - pods:
 *             namespaceSelector:
 *               matchLabels:
 *                 kubernetes.io/metadata.name: kube-system
 *             podSelector:
 *               matchLabels:
 *                 k8s-app: kube-dns
 *       protocols:
 *         - udp:
 *             destinationPort:
 *               number: 53
 *         - tcp:
 *             destinationPort:
 *               number: 53
 * ```
 */
export class BaselineAllowDns extends ClusterNetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: BaselineAllowDnsProps) {
    checkProps<BaselineAllowDnsProps>(constructPath(scope, id), props, {
      priority: requiredProp(WHOLE_NUMBER),
      namespaces: optionalProp(NAMESPACES_PROP),
      provider: optionalProp(DNS_PROVIDER_PROP),
    });
    const provider = props.provider ?? DnsProvider.coreDns();
    super(scope, id, {
      tier: 'Baseline',
      priority: props.priority,
      subject: props.namespaces ?? Namespaces.all(),
      // The provider's peers are NetworkPolicy peers; the ones without a cluster form (a
      // custom IPeer) are refused by name.
      egress: [{ name: 'allow-dns', action: 'Accept', peers: provider.peers as unknown as ClusterPeersLike, ports: provider.ports }],
    });
  }
}
