import { IpRange } from './ip-range';
import type { EgressRule } from './network-policy-rule';
import { IPeer, PEERS_PROP, PeersLike, toPeers } from './peer';
import { Port, PORTS_PROP } from './port';
import { checkProps, objectOf, optionalProp, PropType, requiredProp, satisfying, TEXT } from './props-check';
import { Workload } from './workload';

/** Options for `DnsProvider.nodeLocal`. */
export interface NodeLocalDnsOptions {
  /**
   * The link-local address NodeLocal DNSCache listens on.
   * @default '169.254.20.10'
   */
  readonly address?: string;
}

/** Options for `DnsProvider.custom`. */
export interface CustomDnsOptions {
  /** The DNS servers: pods, namespaces or addresses. */
  readonly peers: PeersLike;
  /**
   * The DNS ports.
   * @default UDP 53 and TCP 53
   */
  readonly ports?: readonly Port[];
}

/** The ports DNS clients use: UDP, and TCP for large answers and fallback. */
function dnsPorts(port: number): Port[] {
  return [Port.udp(port), Port.tcp(port)];
}

/** The CoreDNS / kube-dns pods of kubeadm, EKS and GKE clusters. */
function kubeDns(): Workload {
  return Workload.select({ 'k8s-app': 'kube-dns' }, { namespace: 'kube-system', name: 'kube-dns' });
}

/** Where the cluster's DNS servers are, for `AllowDns`. */
export class DnsProvider {
  /** CoreDNS / kube-dns: pods `k8s-app: kube-dns` in `kube-system`, UDP and TCP 53. */
  public static coreDns(): DnsProvider {
    return new DnsProvider([kubeDns()], dnsPorts(53));
  }

  /**
   * NodeLocal DNSCache: it listens on a link-local address from host-network pods, which no
   * selector matches, so the rule adds an ipBlock for that address to the CoreDNS pods.
   */
  public static nodeLocal(options: NodeLocalDnsOptions = {}): DnsProvider {
    checkProps('DnsProvider.nodeLocal', { options }, { options: optionalProp(objectOf<NodeLocalDnsOptions>({ address: optionalProp(TEXT) }, 'options')) });
    return new DnsProvider([IpRange.address(options.address ?? '169.254.20.10'), kubeDns()], dnsPorts(53));
  }

  /**
   * OpenShift: the DNS operator's pods `dns.operator.openshift.io/daemonset-dns: default` in
   * `openshift-dns`, which listen on 5353 (policies see the port after the Service's translation).
   */
  public static openShift(): DnsProvider {
    const dns = Workload.select(
      { 'dns.operator.openshift.io/daemonset-dns': 'default' },
      { namespace: 'openshift-dns', name: 'dns-default' },
    );
    return new DnsProvider([dns], dnsPorts(5353));
  }

  /** Any other DNS servers. */
  public static custom(options: CustomDnsOptions): DnsProvider {
    checkProps('DnsProvider.custom', { options }, { options: requiredProp(objectOf<CustomDnsOptions>({ peers: requiredProp(PEERS_PROP), ports: optionalProp(PORTS_PROP) }, 'options')) });
    return new DnsProvider(toPeers(options.peers, 'DnsProvider.custom: peers'), options.ports ?? dnsPorts(53));
  }

  private constructor(
    /** The DNS servers, as peers of one egress rule. */
    public readonly peers: readonly IPeer[],
    /** The ports of that rule. */
    public readonly ports: readonly Port[],
  ) {}

  /**
   * The egress rule that allows DNS lookups to these servers, for a `NetworkPolicy`'s
   * `egress` (what `AllowDns` writes as its one rule).
   */
  public egressRule(): EgressRule {
    return { to: [...this.peers], ports: [...this.ports] };
  }
}

/** A `DnsProvider` prop. */
export const DNS_PROVIDER_PROP: PropType = satisfying(
  (value) => value instanceof DnsProvider,
  'a DnsProvider (DnsProvider.coreDns(), DnsProvider.nodeLocal(), DnsProvider.openShift(), DnsProvider.custom(...))',
);
