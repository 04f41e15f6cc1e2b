/**
 * A deliberately simple pairwise evaluator written straight from
 * /work/shared/docs/networkpolicy-semantics.md, used as the oracle for the analyzer.
 * It shares nothing with lib/analysis but CIDR/IP parsing: no classes, no bitsets, no caches.
 */
import {
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

  allowed(from: Peer, to: Peer, probe: PortProbe): boolean {
    const destinationPorts = to.kind === 'endpoint' ? this.endpoint(to.id).ports : [];
    const egressOk = from.kind === 'external' || this.directionAllows('Egress', this.endpoint(from.id), to, probe, destinationPorts);
    const ingressOk = to.kind === 'external' || this.directionAllows('Ingress', this.endpoint(to.id), from, probe, destinationPorts);
    return egressOk && ingressOk;
  }

  /** Every allowed ordered pair, sorted by source then destination. */
  reach(probe: PortProbe): [string, string][] {
    const ids = this.model.endpoints.map((e) => `${e.namespace}/${e.name}`).sort();
    const pairs: [string, string][] = [];
    for (const from of ids) {
      for (const to of ids) {
        if (this.allowed({ kind: 'endpoint', id: from }, { kind: 'endpoint', id: to }, probe)) {
          pairs.push([from, to]);
        }
      }
    }
    return pairs;
  }
}
