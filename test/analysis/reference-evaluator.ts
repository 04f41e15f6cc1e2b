/**
 * A deliberately simple pairwise evaluator written straight from
 * /work/shared/docs/networkpolicy-semantics.md and docs/admin-tier.md, used as the oracle for
 * the analyzer. It shares nothing with lib/analysis but CIDR/IP parsing: no classes, no
 * bitsets, no caches.
 */
import {
  AdminTierPolicy,
  ClusterModel,
  ContainerPort,
  Endpoint,
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  cidrContainsIp,
  parseCidr,
  parseIp,
} from '../../lib/model';
import { Peer, PortProbe } from '../../lib/analysis/types';

type Labels = Record<string, string>;

/** A flow's verdict: the API leaves some undefined (docs/admin-tier.md, "Ambiguous"). */
export type Verdict = 'allowed' | 'denied' | 'ambiguous';

/** What one tier did with one direction of a flow. */
type TierResult = 'Accept' | 'Deny' | 'Pass' | 'none' | 'ambiguous';

/** One admin-tier rule in the shape both API versions share. */
interface AnyTierRule {
  readonly action: string;
  readonly peers: readonly {
    readonly namespaces?: LabelSelector;
    readonly pods?: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };
    readonly networks?: readonly string[];
    readonly nodes?: LabelSelector;
    readonly domainNames?: readonly string[];
  }[];
  /** A probe test for the rule's protocols/ports; absent lists match everything. */
  readonly ports: (probe: PortProbe, destinationPorts: readonly ContainerPort[]) => boolean;
}

function inRange(protocol: string, from: number, to: number, probe: PortProbe): boolean {
  return protocol === probe.protocol && from <= probe.port && probe.port <= to;
}

function namedMatches(name: string, probe: PortProbe, destinationPorts: readonly ContainerPort[]): boolean {
  return destinationPorts.some((c) => c.name === name && c.protocol === probe.protocol && c.port === probe.port);
}

function tierRules(policy: AdminTierPolicy, direction: 'Ingress' | 'Egress'): AnyTierRule[] {
  if (policy.kind === 'ClusterNetworkPolicy') {
    const rules = direction === 'Ingress'
      ? (policy.spec.ingress ?? []).map((r) => ({ action: r.action, peers: r.from, protocols: r.protocols }))
      : (policy.spec.egress ?? []).map((r) => ({ action: r.action, peers: r.to, protocols: r.protocols }));
    return rules.map((r) => ({
      action: r.action,
      peers: r.peers,
      ports: (probe, destinationPorts) =>
        r.protocols === undefined ||
        r.protocols.some((p) => {
          if (p.destinationNamedPort !== undefined) {
            return namedMatches(p.destinationNamedPort, probe, destinationPorts);
          }
          const [protocol, ports] = p.tcp ? ['TCP', p.tcp] : p.udp ? ['UDP', p.udp] : ['SCTP', p.sctp!];
          const port = ports.destinationPort!;
          return port.number !== undefined ? inRange(protocol, port.number, port.number, probe) : inRange(protocol, port.range!.start, port.range!.end, probe);
        }),
    }));
  }
  const spec = policy.spec;
  const rules = direction === 'Ingress'
    ? (spec.ingress ?? []).map((r) => ({ action: r.action as string, peers: r.from, ports: r.ports }))
    : (spec.egress ?? []).map((r) => ({ action: r.action as string, peers: r.to, ports: r.ports }));
  return rules.map((r) => ({
    action: r.action === 'Allow' ? 'Accept' : r.action,
    peers: r.peers,
    ports: (probe, destinationPorts) =>
      r.ports === undefined ||
      r.ports.some((p) =>
        p.namedPort !== undefined ? namedMatches(p.namedPort, probe, destinationPorts)
        : p.portNumber ? inRange(p.portNumber.protocol ?? 'TCP', p.portNumber.port, p.portNumber.port, probe)
        : inRange(p.portRange!.protocol ?? 'TCP', p.portRange!.start, p.portRange!.end, probe),
      ),
  }));
}

function tierOf(policy: AdminTierPolicy): 'Admin' | 'Baseline' {
  return policy.kind === 'ClusterNetworkPolicy' ? policy.spec.tier : policy.kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline';
}

function priorityOf(policy: AdminTierPolicy): number {
  return policy.kind === 'BaselineAdminNetworkPolicy' ? 0 : policy.spec.priority;
}

function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value || !(key in labels)) {
      return false;
    }
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const present = key in labels;
    const ok =
      operator === 'In' ? present && values.includes(labels[key])
      : operator === 'NotIn' ? !present || !values.includes(labels[key])
      : operator === 'Exists' ? present
      : !present;
    if (!ok) {
      return false;
    }
  }
  return true;
}

export class ReferenceEvaluator {
  constructor(private readonly model: ClusterModel) {}

  private endpoint(id: string): Endpoint {
    const found = this.model.endpoints.find((e) => `${e.namespace}/${e.name}` === id);
    if (!found) {
      throw new Error(`no endpoint ${id}`);
    }
    return found;
  }

  private namespaceLabels(name: string): Labels {
    const declared = this.model.namespaces.find((ns) => ns.name === name);
    return { ...(declared?.labels ?? {}), 'kubernetes.io/metadata.name': name };
  }

  private policyTypes(policy: NetworkPolicy): string[] {
    const spec = policy.spec;
    if (spec.policyTypes !== undefined && spec.policyTypes.length > 0) {
      return [...spec.policyTypes];
    }
    return spec.egress !== undefined && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }

  private ipsOf(other: Peer): string[] {
    return other.kind === 'external' ? [other.ip] : [...this.endpoint(other.id).ips];
  }

  private peerMatches(policyNamespace: string, peer: NetworkPolicyPeer, other: Peer): boolean {
    if (peer.ipBlock) {
      const cidr = parseCidr(peer.ipBlock.cidr)!;
      const excepts = (peer.ipBlock.except ?? []).map((text) => parseCidr(text)!);
      return this.ipsOf(other).some((text) => {
        const ip = parseIp(text)!;
        return cidrContainsIp(cidr, ip) && !excepts.some((hole) => cidrContainsIp(hole, ip));
      });
    }
    if (other.kind === 'external') {
      return false;
    }
    const pod = this.endpoint(other.id);
    const namespaceOk = peer.namespaceSelector
      ? selectorMatches(peer.namespaceSelector, this.namespaceLabels(pod.namespace))
      : pod.namespace === policyNamespace;
    const podOk = peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
    return namespaceOk && podOk;
  }

  private portMatches(port: NetworkPolicyPort, probe: PortProbe, destinationPorts: readonly ContainerPort[]): boolean {
    const protocol = port.protocol ?? 'TCP';
    if (protocol !== probe.protocol) {
      return false;
    }
    if (port.port === undefined) {
      return true;
    }
    if (typeof port.port === 'string') {
      return destinationPorts.some((c) => c.name === port.port && c.protocol === protocol && c.port === probe.port);
    }
    const end = port.endPort ?? port.port;
    return port.port <= probe.port && probe.port <= end;
  }

  /** Whether `pod`'s policies for `direction` let the flow with `other` through. */
  private directionAllows(direction: 'Ingress' | 'Egress', pod: Endpoint, other: Peer, probe: PortProbe, destinationPorts: readonly ContainerPort[]): boolean {
    const selecting = this.model.policies
      .map((entry) => entry.policy)
      .filter((p) => p.metadata.namespace === pod.namespace && selectorMatches(p.spec.podSelector, pod.labels) && this.policyTypes(p).includes(direction));
    if (selecting.length === 0) {
      return true;
    }
    return selecting.some((policy) => {
      const rules = direction === 'Ingress'
        ? (policy.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
        : (policy.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
      return rules.some((rule) => {
        const peerOk = !rule.peers || rule.peers.length === 0 || rule.peers.some((peer) => this.peerMatches(policy.metadata.namespace!, peer, other));
        const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((port) => this.portMatches(port, probe, destinationPorts));
        return peerOk && portOk;
      });
    });
  }

  /** Whether a NetworkPolicy in the pod's namespace selects it for the direction. */
  private isolated(direction: 'Ingress' | 'Egress', pod: Endpoint): boolean {
    return this.model.policies.some(
      ({ policy: p }) => p.metadata.namespace === pod.namespace && selectorMatches(p.spec.podSelector, pod.labels) && this.policyTypes(p).includes(direction),
    );
  }

  /** 'match', 'no', or 'unknown' when the model cannot tell (nodes, domainNames, hostNetwork pods). */
  private tierPeerMatches(peer: AnyTierRule['peers'][number], other: Peer): 'match' | 'no' | 'unknown' {
    const pod = other.kind === 'endpoint' ? this.endpoint(other.id) : undefined;
    if (peer.namespaces || peer.pods) {
      if (!pod || pod.hostNetwork) {
        return 'no';
      }
      const namespaceSelector = peer.namespaces ?? peer.pods!.namespaceSelector;
      const podSelector = peer.pods?.podSelector ?? {};
      return selectorMatches(namespaceSelector, this.namespaceLabels(pod.namespace)) && selectorMatches(podSelector, pod.labels) ? 'match' : 'no';
    }
    if (peer.networks) {
      const inside = this.ipsOf(other).some((text) => peer.networks!.some((cidr) => cidrContainsIp(parseCidr(cidr)!, parseIp(text)!)));
      return !inside ? 'no' : pod?.hostNetwork ? 'unknown' : 'match';
    }
    if (peer.nodes) {
      return pod && !pod.hostNetwork ? 'no' : 'unknown';
    }
    return 'unknown';
  }

  /** One tier's result for a direction of the flow: per API version, priority groups in order. */
  private tierResult(tier: 'Admin' | 'Baseline', direction: 'Ingress' | 'Egress', pod: Endpoint, other: Peer, probe: PortProbe, destinationPorts: readonly ContainerPort[]): TierResult {
    const selecting = (this.model.adminTierPolicies ?? [])
      .map((entry) => entry.policy)
      .filter((policy) => {
        const subject = policy.spec.subject;
        const namespaceSelector = subject.namespaces ?? subject.pods!.namespaceSelector;
        const podSelector = subject.pods?.podSelector ?? {};
        return (
          tierOf(policy) === tier &&
          !pod.hostNetwork &&
          selectorMatches(namespaceSelector, this.namespaceLabels(pod.namespace)) &&
          selectorMatches(podSelector, pod.labels)
        );
      });
    const firstMatch = (policy: AdminTierPolicy): TierResult => {
      for (const rule of tierRules(policy, direction)) {
        const peers = rule.peers.map((peer) => this.tierPeerMatches(peer, other));
        if (!rule.ports(probe, destinationPorts) || peers.every((match) => match === 'no')) {
          continue;
        }
        return peers.includes('match') ? (rule.action as TierResult) : 'ambiguous';
      }
      return 'none';
    };
    /** Results with no order between them. */
    const agree = (results: TierResult[]): TierResult => {
      const decided = [...new Set(results.filter((result) => result !== 'none'))];
      return decided.length === 0 ? 'none' : decided.length === 1 ? decided[0] : 'ambiguous';
    };
    const perVersion = ['ClusterNetworkPolicy', 'v1alpha1'].map((version) => {
      const policies = selecting.filter((policy) => (policy.kind === 'ClusterNetworkPolicy') === (version === 'ClusterNetworkPolicy'));
      const priorities = [...new Set(policies.map(priorityOf))].sort((a, b) => a - b);
      for (const priority of priorities) {
        const result = agree(policies.filter((policy) => priorityOf(policy) === priority).map(firstMatch));
        if (result !== 'none') {
          return result;
        }
      }
      return 'none';
    });
    return agree(perVersion);
  }

  /** One direction: Admin tier, then NetworkPolicy, then Baseline tier, then allow. */
  private directionVerdict(direction: 'Ingress' | 'Egress', pod: Endpoint, other: Peer, probe: PortProbe, destinationPorts: readonly ContainerPort[]): Verdict {
    const networkPolicy: Verdict = this.directionAllows(direction, pod, other, probe, destinationPorts) ? 'allowed' : 'denied';
    const selfByPodIp = other.kind === 'endpoint' && other.id === `${pod.namespace}/${pod.name}` && pod.kind === 'Pod';
    if (selfByPodIp) {
      return networkPolicy;
    }
    const admin = this.tierResult('Admin', direction, pod, other, probe, destinationPorts);
    if (admin === 'Accept') {
      return 'allowed';
    }
    if (admin === 'Deny') {
      return 'denied';
    }
    if (admin === 'ambiguous') {
      return 'ambiguous';
    }
    if (this.isolated(direction, pod)) {
      return networkPolicy;
    }
    const baseline = this.tierResult('Baseline', direction, pod, other, probe, destinationPorts);
    if (baseline === 'ambiguous') {
      return 'ambiguous';
    }
    if (baseline === 'Deny') {
      // Selected by a NetworkPolicy for the other direction only: Ambiguous 2.
      return this.isolated(direction === 'Ingress' ? 'Egress' : 'Ingress', pod) ? 'ambiguous' : 'denied';
    }
    return 'allowed';
  }

  verdict(from: Peer, to: Peer, probe: PortProbe): Verdict {
    const destinationPorts = to.kind === 'endpoint' ? this.endpoint(to.id).ports : [];
    const egress: Verdict = from.kind === 'external' ? 'allowed' : this.directionVerdict('Egress', this.endpoint(from.id), to, probe, destinationPorts);
    const ingress: Verdict = to.kind === 'external' ? 'allowed' : this.directionVerdict('Ingress', this.endpoint(to.id), from, probe, destinationPorts);
    return egress === 'denied' || ingress === 'denied' ? 'denied' : egress === 'ambiguous' || ingress === 'ambiguous' ? 'ambiguous' : 'allowed';
  }

  allowed(from: Peer, to: Peer, probe: PortProbe): boolean {
    return this.verdict(from, to, probe) === 'allowed';
  }

  /** Every ordered pair with the verdict, sorted by source then destination. */
  pairs(probe: PortProbe, verdict: Verdict): [string, string][] {
    const ids = this.model.endpoints.map((e) => `${e.namespace}/${e.name}`).sort();
    const pairs: [string, string][] = [];
    for (const from of ids) {
      for (const to of ids) {
        if (this.verdict({ kind: 'endpoint', id: from }, { kind: 'endpoint', id: to }, probe) === verdict) {
          pairs.push([from, to]);
        }
      }
    }
    return pairs;
  }

  /** Every allowed ordered pair, sorted by source then destination. */
  reach(probe: PortProbe): [string, string][] {
    return this.pairs(probe, 'allowed');
  }
}
