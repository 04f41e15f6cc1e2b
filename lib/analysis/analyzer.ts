import { ClusterModel, ContainerPort, Direction, IpAddress, Labels, NAMESPACE_NAME_LABEL, compareText, endpointId, parseIp } from '../model';
import { Bitset } from './bitset';
import { ClassSelection } from './class-selection';
import { ClassRules, ResolvedRule } from './class-rules';
import { IpBlockRegistry, compilePolicies } from './compiled-policy';
import { EndpointFilter, keepsDestination, keepsEither, keepsSource } from './endpoint-filter';
import { policyRelevance } from './policy-relevance';
import { ProbeFlows } from './probe-flows';
import { EndpointClasses, groupEndpointClasses } from './endpoint-classes';
import { ALL_PORTS_ID, NO_PORTS_ID, PortSetId, PortSetTable } from './port-set-table';
import { rulePortSet, rulePortsMatch } from './rule-ports';
import { RuleTables, buildRuleTables } from './rule-tables';
import { DirectionVerdict, Explanation, Peer, PortProbe, PortSet, ReachResult, RuleRef } from './types';

/** An entry of the port matrix: everything `from` may open on `to`. */
export interface PortMatrixEntry {
  readonly from: string;
  readonly to: string;
  readonly ports: PortSet;
}

/** An address outside the cluster has no container ports: named ports never resolve on it. */
const NO_CONTAINER_PORTS: readonly ContainerPort[] = [];

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
  /** Every port set computed, numbered: pairs decided alike share the work and the result. */
  private readonly portSets = new PortSetTable();
  /** What a rule's ports admit, by RulePorts.key: rules of many policies share port lists. */
  private readonly unnamedRulePorts = new Map<string, PortSetId>();
  /** The same for port lists naming ports, per list of the destination's container ports. */
  private readonly namedRulePorts = new Map<string, Map<readonly ContainerPort[], PortSetId>>();
  /** endpointSide per endpoint index, made once. */
  private readonly sides: (Side & { kind: 'endpoint' })[] = [];

  constructor(model: ClusterModel) {
    const byId = model.endpoints.map((endpoint) => ({ id: endpointId(endpoint), endpoint })).sort((a, b) => compareText(a.id, b.id));
    const endpoints = byId.map(({ endpoint }) => endpoint);
    this.ids = byId.map(({ id }) => id);
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
    const { sources, reachable } = this.endpointPairs(filter, probe);
    const allowed: (readonly [string, string])[] = [];
    for (const source of sources) {
      for (const destination of reachable(source)) {
        allowed.push([this.ids[source], this.ids[destination]]);
      }
    }
    return { port: probe.port, protocol: probe.protocol, endpoints: this.ids.filter((id) => keepsEither(filter, id)), allowed };
  }

  /** Everything allowed from one peer to another: named ports resolved on the destination. */
  allowedPorts(from: Peer, to: Peer): PortSet {
    return this.portSets.get(this.flowPorts(this.side(from), this.side(to)));
  }

  /**
   * Every ordered pair of (filtered) endpoints with something allowed, sorted by source then
   * destination. Pairs allowing the same ports share one PortSet object.
   */
  portMatrix(filter: EndpointFilter = {}): PortMatrixEntry[] {
    const { sources, reachable } = this.endpointPairs(filter, undefined);
    const classOf = this.endpointClasses.classOf;
    // Per source class, its flows (destinations and their ports): sources of one class allow the same.
    const flowsByClass: { readonly to: string[]; readonly ports: PortSet[] }[] = [];
    const entries: PortMatrixEntry[] = [];
    for (const source of sources) {
      let flows = flowsByClass[classOf[source]];
      if (!flows) {
        flows = { to: [], ports: [] };
        for (const destination of reachable(source)) {
          const ports = this.flowPorts(this.endpointSide(source), this.endpointSide(destination));
          if (ports !== NO_PORTS_ID) {
            flows.to.push(this.ids[destination]);
            flows.ports.push(this.portSets.get(ports));
          }
        }
        flowsByClass[classOf[source]] = flows;
      }
      const from = this.ids[source];
      for (let i = 0; i < flows.to.length; i++) {
        entries.push({ from, to: flows.to[i], ports: flows.ports[i] });
      }
    }
    return entries;
  }

  /** The policies (`namespace/name`) that isolate an endpoint for the direction, sorted; empty when it is wide open. */
  isolatingPolicies(id: string, direction: Direction): string[] {
    const side = this.side({ kind: 'endpoint', id }) as Side & { kind: 'endpoint' };
    return this.rules.isolatingPolicies(direction, side.classIndex).map((policyIndex) => this.rules.policyId(policyIndex));
  }

  /** The compiled rules as plain tables, for a reader that explains flows on its own; `addresses` are outside IPs it may ask about. */
  ruleTables(addresses: readonly string[] = []): RuleTables {
    return buildRuleTables(this.ids, this.endpointClasses, this.rules, this.registry.blocks, addresses);
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

  /**
   * The ingress rules of the policies isolating an endpoint whose ports admit the probe, from
   * whichever peers they name (named ports resolved on the endpoint): empty when nothing at all
   * may reach it on that port, or when it is not isolated for ingress (see `explain`).
   */
  ingressRulesOnPort(id: string, probe: PortProbe): RuleRef[] {
    const side = this.side({ kind: 'endpoint', id });
    if (side.kind !== 'endpoint') {
      return [];
    }
    const ports = this.containerPortsOf(side);
    return this.rules
      .decidingRules('ingress', side.classIndex)
      .filter((resolved) => rulePortsMatch(resolved.rule.ports, probe, ports))
      .map((resolved) => resolved.rule.ref);
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
  private flowPorts(source: Side, destination: Side): PortSetId {
    const egress = this.directionPorts('egress', source, destination, destination);
    return egress === NO_PORTS_ID ? NO_PORTS_ID : this.portSets.intersect(egress, this.directionPorts('ingress', destination, source, destination));
  }

  /** The ports the deciding side's rules admit towards `other`; all when it is outside or not isolated. */
  private directionPorts(direction: Direction, deciding: Side, other: Side, destination: Side): PortSetId {
    if (deciding.kind === 'external' || this.rules.isolatingPolicies(direction, deciding.classIndex).length === 0) {
      return ALL_PORTS_ID;
    }
    let ports = NO_PORTS_ID;
    for (const resolved of this.rules.decidingRules(direction, deciding.classIndex)) {
      if (this.admitsPeer(resolved, other)) {
        ports = this.portSets.union(ports, this.rulePorts(resolved, destination));
      }
    }
    return ports;
  }

  /** What one rule admits towards the destination: named ports resolve on its container ports. */
  private rulePorts(resolved: ResolvedRule, destination: Side): PortSetId {
    const ports = resolved.rule.ports;
    if (!ports.hasNamed) {
      let id = this.unnamedRulePorts.get(ports.key);
      if (id === undefined) {
        id = this.portSets.intern(rulePortSet(ports, NO_CONTAINER_PORTS));
        this.unnamedRulePorts.set(ports.key, id);
      }
      return id;
    }
    let byPorts = this.namedRulePorts.get(ports.key);
    if (!byPorts) {
      byPorts = new Map();
      this.namedRulePorts.set(ports.key, byPorts);
    }
    // Equal port lists of classes are one array (see EndpointClass.ports).
    const destinationPorts = this.containerPortsOf(destination);
    let id = byPorts.get(destinationPorts);
    if (id === undefined) {
      id = this.portSets.intern(rulePortSet(ports, destinationPorts));
      byPorts.set(destinationPorts, id);
    }
    return id;
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
    return side.kind === 'endpoint' ? this.rules.classPorts(side.classIndex) : NO_CONTAINER_PORTS;
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
    return (this.sides[index] ??= { kind: 'endpoint', id: this.ids[index], classIndex: this.endpointClasses.classOf[index] });
  }

  /**
   * The filtered sources (by index, ascending) and, per source, the filtered destinations
   * its and their policies admit the probe to, ascending; with no probe, those
   * whose rules admit each other on some port (every pair with a non-empty allowedPorts).
   */
  private endpointPairs(
    filter: EndpointFilter,
    probe: PortProbe | undefined,
  ): { sources: number[]; reachable: (source: number) => readonly number[] } {
    const sources = this.filteredIndices((id) => keepsSource(filter, id));
    const destinations = this.filteredIndices((id) => keepsDestination(filter, id));
    const classOf = this.endpointClasses.classOf;
    const sourceClasses = new Bitset(this.rules.classCount);
    const destinationClasses = new Bitset(this.rules.classCount);
    sources.forEach((index) => sourceClasses.add(classOf[index]));
    destinations.forEach((index) => destinationClasses.add(classOf[index]));
    const classPairs = new ProbeFlows(this.rules, probe).allowedClassPairs(sourceClasses, destinationClasses);
    const destinationsByClass: number[][] = [];
    destinations.forEach((index) => (destinationsByClass[classOf[index]] ??= []).push(index));
    // Per source class, the destination endpoints it may reach, ascending.
    const reachedByClass: number[][] = [];
    const reachable = (source: number): readonly number[] => {
      const sourceClass = classOf[source];
      let reached = reachedByClass[sourceClass];
      if (!reached) {
        reached = [];
        // A loop, not push(...members): a class can have more endpoints than a call has arguments.
        for (const destinationClass of classPairs[sourceClass]) {
          for (const destination of destinationsByClass[destinationClass]) {
            reached.push(destination);
          }
        }
        // Classes are numbered in endpoint order, so often already ascending.
        if (!isAscending(reached)) {
          reached.sort((a, b) => a - b);
        }
        reachedByClass[sourceClass] = reached;
      }
      return reached;
    };
    return { sources, reachable };
  }

  private filteredIndices(keep: (id: string) => boolean): number[] {
    return this.ids.flatMap((id, index) => (keep(id) ? [index] : []));
  }
}

function isAscending(numbers: readonly number[]): boolean {
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i - 1] > numbers[i]) {
      return false;
    }
  }
  return true;
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
  // Asked once per namespace for every namespace selector: made once each.
  const labelsByNamespace = new Map<string, Labels>();
  return (namespace) => {
    let labels = labelsByNamespace.get(namespace);
    if (!labels) {
      labels = { ...declared.get(namespace), [NAMESPACE_NAME_LABEL]: namespace };
      labelsByNamespace.set(namespace, labels);
    }
    return labels;
  };
}
