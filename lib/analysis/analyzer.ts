import { ClusterModel, ContainerPort, IpAddress, Labels, NAMESPACE_NAME_LABEL, endpointId, parseIp } from '../model';
import { Bitset } from './bitset';
import { ClassSelection } from './class-selection';
import { ClassRules, ResolvedRule } from './class-rules';
import { compareIds } from './compare-ids';
import { IpBlockRegistry, compilePolicies } from './compiled-policy';
import { policyRelevance } from './policy-relevance';
import { ProbeFlows } from './probe-flows';
import { EndpointClasses, groupEndpointClasses } from './endpoint-classes';
import { ALL_PORTS, intersectPortSets, isEmptyPortSet, unionPortSets, NO_PORTS } from './port-set';
import { rulePortSet, rulePortsMatch } from './rule-ports';
import { Direction, DirectionVerdict, Explanation, Peer, PortProbe, PortSet, ReachResult, RuleRef } from './types';

/** Restricts a result to some sources and destinations, by endpoint id. */
export interface EndpointFilter {
  readonly from?: (id: string) => boolean;
  readonly to?: (id: string) => boolean;
}

/** An entry of the port matrix: everything `from` may open on `to`. */
export interface PortMatrixEntry {
  readonly from: string;
  readonly to: string;
  readonly ports: PortSet;
}

/** One end of a flow: an endpoint's class, or an address outside the cluster. */
type Side =
  | { readonly kind: 'endpoint'; readonly id: string; readonly classIndex: number }
  | { readonly kind: 'external'; readonly ip: IpAddress };

/**
 * Who can reach whom under a set of NetworkPolicies, as Kubernetes enforces them.
 *
 * Endpoints that no policy can tell apart share a class; per probe, each class's allowed
 * egress destinations and ingress sources are bitsets over classes, and endpoint pairs are
 * expanded only at the end. Policies must be valid per the API server (see lib/validate).
 */
export class Analyzer {
  private readonly ids: readonly string[];
  private readonly indexById: ReadonlyMap<string, number>;
  private readonly endpointClasses: EndpointClasses;
  private readonly registry = new IpBlockRegistry();
  private readonly rules: ClassRules;
  /** allowedPorts work shared between pairs decided by the same rules. */
  private readonly portsByRules = new Map<string, PortSet>();

  constructor(model: ClusterModel) {
    const endpoints = [...model.endpoints].sort((a, b) => compareIds(endpointId(a), endpointId(b)));
    this.ids = endpoints.map(endpointId);
    this.indexById = uniqueIndex(this.ids);
    const policies = compilePolicies(model.policies, this.registry);
    this.endpointClasses = groupEndpointClasses(endpoints, this.registry.blocks, policyRelevance(policies));
    this.rules = new ClassRules(this.endpointClasses, policies, new ClassSelection(this.endpointClasses, namespaceLabelsOf(model)));
  }

  /** Every endpoint id (`namespace/name`), sorted. */
  endpointIds(): string[] {
    return [...this.ids];
  }

  hasEndpoint(id: string): boolean {
    return this.indexById.has(id);
  }

  /**
   * Every allowed ordered pair of endpoints for one port and protocol, self pairs included.
   * `endpoints` lists the ids that pass the `from` or the `to` filter.
   */
  reach(probe: PortProbe, filter: EndpointFilter = {}): ReachResult {
    const { listed, pairs } = this.endpointPairs(filter, probe);
    return {
      port: probe.port,
      protocol: probe.protocol,
      endpoints: listed.map((index) => this.ids[index]),
      allowed: pairs.map(([source, destination]) => [this.ids[source], this.ids[destination]] as const),
    };
  }

  /** Everything allowed from one peer to another: named ports resolved on the destination. */
  allowedPorts(from: Peer, to: Peer): PortSet {
    return this.flowPorts(this.side(from), this.side(to));
  }

  /** Every ordered pair of (filtered) endpoints with something allowed, sorted by source then destination. */
  portMatrix(filter: EndpointFilter = {}): PortMatrixEntry[] {
    const classOf = this.endpointClasses.classOf;
    const byClassPair = new Map<number, PortSet>();
    const entries: PortMatrixEntry[] = [];
    for (const [source, destination] of this.endpointPairs(filter, undefined).pairs) {
      const pair = classOf[source] * this.rules.classCount + classOf[destination];
      let ports = byClassPair.get(pair);
      if (!ports) {
        ports = this.flowPorts(this.endpointSide(source), this.endpointSide(destination));
        byClassPair.set(pair, ports);
      }
      if (!isEmptyPortSet(ports)) {
        entries.push({ from: this.ids[source], to: this.ids[destination], ports });
      }
    }
    return entries;
  }

  isAllowed(from: Peer, to: Peer, probe: PortProbe): boolean {
    return this.explain(from, to, probe).allowed;
  }

  /** The verdict with each direction explained: isolation, the selecting policies, the allowing rules. */
  explain(from: Peer, to: Peer, probe: PortProbe): Explanation {
    const source = this.side(from);
    const destination = this.side(to);
    if (source.kind === 'external' && destination.kind === 'external') {
      throw new Error('cannot judge a flow between two external addresses: at least one side must be an endpoint (namespace/name)');
    }
    const egress = source.kind === 'endpoint' ? this.verdict('egress', source, destination, probe) : undefined;
    const ingress = destination.kind === 'endpoint' ? this.verdict('ingress', destination, source, probe) : undefined;
    return { from, to, probe, allowed: (egress?.allowed ?? true) && (ingress?.allowed ?? true), egress, ingress };
  }

  private verdict(direction: Direction, deciding: Side & { kind: 'endpoint' }, other: Side, probe: PortProbe): DirectionVerdict {
    const destinationPorts = this.containerPortsOf(direction === 'ingress' ? deciding : other);
    const policies = this.rules.isolatingPolicies(direction, deciding.classIndex);
    const allowedBy: RuleRef[] = this.rules.decidingRules(direction, deciding.classIndex)
      .filter((resolved) => this.admitsPeer(resolved, other) && rulePortsMatch(resolved.rule.ports, probe, destinationPorts))
      .map((resolved) => resolved.rule.ref);
    const isolated = policies.length > 0;
    return {
      direction,
      endpoint: deciding.id,
      isolated,
      selectedBy: policies.map((policyIndex) => this.rules.policyId(policyIndex)),
      allowedBy,
      allowed: !isolated || allowedBy.length > 0,
    };
  }

  /** Everything allowed from source to destination: egress ports of the source AND ingress ports of the destination. */
  private flowPorts(source: Side, destination: Side): PortSet {
    const egress = this.directionPorts('egress', source, destination, destination);
    return isEmptyPortSet(egress) ? NO_PORTS : intersectPortSets(egress, this.directionPorts('ingress', destination, source, destination));
  }

  /** The ports the deciding side's rules admit towards `other`; all when it is outside or not isolated. */
  private directionPorts(direction: Direction, deciding: Side, other: Side, destination: Side): PortSet {
    if (deciding.kind === 'external' || this.rules.isolatingPolicies(direction, deciding.classIndex).length === 0) {
      return ALL_PORTS;
    }
    const admitting = this.rules.decidingRules(direction, deciding.classIndex).filter((resolved) => this.admitsPeer(resolved, other));
    // The union depends only on the admitting rules, and on the destination when a port is named.
    const named = admitting.some((resolved) => resolved.rule.ports.hasNamed);
    const key = `${admitting.map((resolved) => resolved.index).join(',')}${named && destination.kind === 'endpoint' ? `@${destination.classIndex}` : ''}`;
    let ports = this.portsByRules.get(key);
    if (!ports) {
      const destinationPorts = this.containerPortsOf(destination);
      ports = unionPortSets(NO_PORTS, ...admitting.map((resolved) => rulePortSet(resolved.rule.ports, destinationPorts)));
      this.portsByRules.set(key, ports);
    }
    return ports;
  }

  private admitsPeer(resolved: ResolvedRule, other: Side): boolean {
    if (other.kind === 'endpoint') {
      return resolved.peerClasses.has(other.classIndex);
    }
    return (
      resolved.rule.anyPeer ||
      resolved.rule.peers.some((term) => term.kind === 'ipBlock' && this.registry.blocks[term.block].matches(other.ip))
    );
  }

  private containerPortsOf(side: Side): readonly ContainerPort[] {
    return side.kind === 'endpoint' ? this.rules.classPorts(side.classIndex) : [];
  }

  private side(peer: Peer): Side {
    if (peer.kind === 'external') {
      const ip = parseIp(peer.ip);
      if (!ip) {
        throw new Error(`external peer ${JSON.stringify(peer.ip)} is not an IPv4 or IPv6 address`);
      }
      return { kind: 'external', ip };
    }
    const index = this.indexById.get(peer.id);
    if (index === undefined) {
      throw new Error(`unknown endpoint ${JSON.stringify(peer.id)}: expected namespace/name of one of ${this.ids.length} endpoints`);
    }
    return this.endpointSide(index);
  }

  private endpointSide(index: number): Side & { kind: 'endpoint' } {
    return { kind: 'endpoint', id: this.ids[index], classIndex: this.endpointClasses.classOf[index] };
  }

  /**
   * The filtered endpoints (by index, ascending) and the pairs of them whose policies admit
   * the probe, sorted by source then destination; with no probe, the pairs whose rules admit
   * each other on some port (every pair with a non-empty allowedPorts is among them).
   */
  private endpointPairs(filter: EndpointFilter, probe: PortProbe | undefined): { listed: number[]; pairs: [number, number][] } {
    const sources = this.filteredIndices(filter.from);
    const destinations = this.filteredIndices(filter.to);
    const classOf = this.endpointClasses.classOf;
    const sourceClasses = new Bitset(this.rules.classCount);
    const destinationClasses = new Bitset(this.rules.classCount);
    sources.forEach((index) => sourceClasses.add(classOf[index]));
    destinations.forEach((index) => destinationClasses.add(classOf[index]));
    const classPairs = new ProbeFlows(this.rules, probe).allowedClassPairs(sourceClasses, destinationClasses);
    const destinationsByClass: number[][] = [];
    destinations.forEach((index) => (destinationsByClass[classOf[index]] ??= []).push(index));
    // Per source class, the destination endpoints it may reach, ascending.
    const reachable = new Map<number, number[]>();
    const pairs: [number, number][] = [];
    for (const source of sources) {
      const sourceClass = classOf[source];
      let reached = reachable.get(sourceClass);
      if (!reached) {
        reached = classPairs[sourceClass].flatMap((destinationClass) => destinationsByClass[destinationClass]).sort((a, b) => a - b);
        reachable.set(sourceClass, reached);
      }
      for (const destination of reached) {
        pairs.push([source, destination]);
      }
    }
    const listed = new Set([...sources, ...destinations]);
    return { listed: [...listed].sort((a, b) => a - b), pairs };
  }

  private filteredIndices(keep: ((id: string) => boolean) | undefined): number[] {
    return this.ids.flatMap((id, index) => (keep === undefined || keep(id) ? [index] : []));
  }
}

function uniqueIndex(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, position) => {
    if (index.has(id)) {
      throw new Error(`two endpoints are both named ${JSON.stringify(id)}: endpoint ids (namespace/name) must be unique`);
    }
    index.set(id, position);
  });
  return index;
}

/** Namespace labels as the API server keeps them: with `kubernetes.io/metadata.name` always set to the name. */
function namespaceLabelsOf(model: ClusterModel): (namespace: string) => Labels {
  const declared = new Map(model.namespaces.map((namespace) => [namespace.name, namespace.labels]));
  return (namespace) => ({ ...declared.get(namespace), [NAMESPACE_NAME_LABEL]: namespace });
}
