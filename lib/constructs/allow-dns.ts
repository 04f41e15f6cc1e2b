import { Construct } from 'constructs';
import { DNS_PROVIDER_PROP, DnsProvider } from './dns-provider';
import { NetworkPolicyBase } from './network-policy-base';
import { egressRule } from './network-policy-rule';
import { PODS_PROP, PodsLike } from './pods';
import { ENFORCEMENT_PROPS, PolicyEnforcementProps } from './policy-enforcement';
import { ACKNOWLEDGE_PROPS, AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { checkProps, constructPath, optionalProp } from './props-check';

/** Props for `AllowDns`. */
export interface AllowDnsProps extends PolicyEnforcementProps, AcknowledgeProps {
  /**
   * The pods that may resolve names.
   * @default every pod of the namespace
   */
  readonly pods?: PodsLike;
  /**
   * Where the DNS servers are.
   * @default DnsProvider.coreDns()
   */
  readonly provider?: DnsProvider;
}

/**
 * Allows DNS lookups: egress to the cluster's DNS servers on UDP and TCP. Needed by every
 * namespace with an egress default deny, or names stop resolving.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: allow-dns
 *   namespace: production
 * spec:
 *   podSelector: {}
 *   policyTypes: [Egress]
 *   egress:
 *     - to:
 *         - namespaceSelector:
 *             matchLabels:
 *               kubernetes.io/metadata.name: kube-system
 *           podSelector:
 *             matchLabels:
 *               k8s-app: kube-dns
 *       ports:
 *         - protocol: UDP
 *           port: 53
 *         - protocol: TCP
 *           port: 53
 * ```
 */
export class AllowDns extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    checkProps<AllowDnsProps>(constructPath(scope, id), props, {
      pods: optionalProp(PODS_PROP),
      provider: optionalProp(DNS_PROVIDER_PROP),
      ...ENFORCEMENT_PROPS,
      ...ACKNOWLEDGE_PROPS,
    });
    const provider = props.provider ?? DnsProvider.coreDns();
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, egress: [egressRule(provider.egressRule())], ...acknowledgementsOf(props) });
  }
}
