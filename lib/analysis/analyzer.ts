import { ClusterModel, ContainerPort, Direction, IpAddress, Labels, NAMESPACE_NAME_LABEL, compareText, endpointId, parseIp } from '../model';
import { portSetHas } from './port-set';
import { Bitset } from './bitset';
import { ClassSelection } from './class-selection';
import { ClassRules, ResolvedRule } from './class-rules';
import { ClassTierRules, ResolvedTierRule, TierPlan } from './class-tier-rules';
import { IpBlockRegistry, compilePolicies } from './compiled-policy';
import { compileTierPolicies } from './compiled-tier-policy';
import { EndpointFilter, keepsDestination, keepsEither, keepsSource } from './endpoint-filter';
import { policyRelevance } from './policy-relevance';
import { ProbeFlows } from './probe-flows';
import { EndpointClasses, groupEndpointClasses } from './endpoint-classes';
import { ALL_PORTS_ID, NO_PORTS_ID, PortSetId, PortSetTable } from './port-set-table';
import { RulePorts, rulePortSet, rulePortsMatch } from './rule-ports';
import { RuleTables, buildRuleTables } from './rule-tables';
import { DirectionOutcome, RuleMatch, SetAlgebra, TierOutcome, decideDirection, walkTier } from './tier-walk';
import { FlowMatch, TierTrace, traceTier } from './tier-trace';
import { DirectionVerdict, Explanation, Peer, PortProbe, PortSet, ReachResult, RuleRef, TierRuleRef, TierVerdict } from './types';

/** An entry of the port matrix: everything `from` may open on `to`. */
export interface PortMatrixEntry {
  readonly from: string;
  readonly to: string;
  readonly ports: PortSet;
  /**
   * Ports whose verdict the network-policy-api leaves undefined (not in `ports`).
   * @default none: present only with admin-tier policies, when not empty
   */
  readonly ambiguousPorts?: PortSet;
}

/** One direction's ports, and those with an ambiguous verdict. */
type DirectionPorts = DirectionOutcome<PortSetId>;

/** A rule whose peers do not match: no ports either way. */
const NO_PORT_MATCH: RuleMatch<PortSetId> = { matched: NO_PORTS_ID, matchedAll: NO_PORTS_ID, unknown: NO_PORTS_ID, unknownAll: NO_PORTS_ID };

const BASELINE_DENY_ONE_DIRECTION =
  'a NetworkPolicy selects the pod for the other direction only; whether the Baseline tier still applies to this direction is not defined (docs/admin-tier.md, Ambiguous 2)';

/** An address outside the cluster has no container ports: named ports never resolve on it. */
const NO_CONTAINER_PORTS: readonly ContainerPort[] = [];

/** One end of a flow: an endpoint's class, or an address outside the cluster. */
type Side =
  | { readonly kind: 'endpoint'; readonly id: string; readonly classIndex: number }
  | { readonly kind: 'external'; readonly ip: IpAddress };

/**
 * Who can reach whom under a set of NetworkPolicies, as Kubernetes enforces them, and under
 * the admin and baseline tiers of the network-policy-api when the model holds them
 * (docs/admin-tier.md: Admin by priority, then NetworkPolicy, then Baseline, then allow).
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
  /** The admin-tier policies by class; undefined when the model has none (NetworkPolicy alone decides). */
  private readonly tiers?: ClassTierRules;
  /**
   * Per endpoint index, true for a single pod: its flow to itself is by its own Pod IP, which
   * ClusterNetworkPolicy does not apply to (site-src/api-overview.md, hairpin). A workload's
   * self pair also stands for flows between its pods, which it does apply to.
   */
  private readonly singlePod: readonly boolean[];
  private readonly portAlgebra: SetAlgebra<PortSetId>;
  /** Tier walks over ports by plan, the rules matching the other side, and the destination's port list. */
  private readonly tierOutcomes = new Map<string, TierOutcome<PortSetId>>();
  private readonly portListIds = new Map<readonly ContainerPort[], number>();

  constructor(model: ClusterModel) {
    const byId = model.endpoints.map((endpoint) => ({ id: endpointId(endpoint), endpoint })).sort((a, b) => compareText(a.id, b.id));
    const endpoints = byId.map(({ endpoint }) => endpoint);
    this.ids = byId.map(({ id }) => id);
    this.indexById = uniqueIndex(this.ids);
    const policies = compilePolicies(model.policies, this.registry);
    const tierPolicies = compileTierPolicies(model.adminTierPolicies ?? [], this.registry);
    const hostNetworkPods = model.hostNetworkPods ?? 'pod';
    this.endpointClasses = groupEndpointClasses(endpoints, this.registry.blocks, policyRelevance(policies, tierPolicies, hostNetworkPods !== 'pod'));
    const selection = new ClassSelection(this.endpointClasses, namespaceLabelsOf(model));
    this.rules = new ClassRules(this.endpointClasses, policies, selection, hostNetworkPods);
    if (tierPolicies.length > 0) {
      this.tiers = new ClassTierRules(this.endpointClasses, tierPolicies, selection);
    }
    this.singlePod = endpoints.map((endpoint) => endpoint.kind === 'Pod');
    const table = this.portSets;
    this.portAlgebra = {
      none: NO_PORTS_ID,
      all: ALL_PORTS_ID,
      or: (a, b) => table.union(a, b),
      and: (a, b) => table.intersect(a, b),
      minus: (a, b) => table.subtract(a, b),
    };
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
    const { sources, reachable, ambiguous } = this.endpointPairs(filter, probe);
    const allowed: (readonly [string, string])[] = [];
    const unclear: (readonly [string, string])[] = [];
    for (const source of sources) {
      const self = this.tiers && this.singlePod[source] && keepsDestination(filter, this.ids[source]) ? this.hairpinAllows(source, probe) : undefined;
      for (const destination of withSelf(reachable(source), source, self)) {
        allowed.push([this.ids[source], this.ids[destination]]);
      }
      for (const destination of ambiguous(source)) {
        if (destination !== source || self === undefined) {
          unclear.push([this.ids[source], this.ids[destination]]);
        }
      }
    }
    const endpoints = this.ids.filter((id) => keepsEither(filter, id));
    return { port: probe.port, protocol: probe.protocol, endpoints, allowed, ...(unclear.length > 0 ? { ambiguous: unclear } : {}) };
  }

  /**
   * How many ordered pairs reach() lists as allowed and as ambiguous, counted class by class
   * without listing them: 10,000 open endpoints are 100,000,000 pairs.
   */
  reachCount(probe: PortProbe, filter: EndpointFilter = {}): PairCounts {
    const pairs = this.endpointPairs(filter, probe);
    const classOf = this.endpointClasses.classOf;
    const allowedCounts = new ClassPairCounts(pairs.reachableClasses, pairs.destinationsByClass);
    const ambiguousCounts = new ClassPairCounts(pairs.ambiguousClasses, pairs.destinationsByClass);
    const counts = { allowed: 0, ambiguous: 0 };
    for (const source of pairs.sources) {
      const sourceClass = classOf[source];
      counts.allowed += allowedCounts.count(sourceClass);
      counts.ambiguous += ambiguousCounts.count(sourceClass);
      if (this.tiers && this.singlePod[source] && keepsDestination(filter, this.ids[source])) {
        // As reach(): the hairpin verdict replaces the class's for the self pair.
        counts.allowed += (this.hairpinAllows(source, probe) ? 1 : 0) - (allowedCounts.reachesOwnClass(sourceClass) ? 1 : 0);
        counts.ambiguous -= ambiguousCounts.reachesOwnClass(sourceClass) ? 1 : 0;
      }
    }
    return counts;
  }

  /**
   * How many entries of portMatrix() allow some port, and how many have ports with an
   * ambiguous verdict (an entry can do both), counted class by class without listing them.
   */
  portMatrixCount(filter: EndpointFilter = {}): PairCounts {
    const { sources, reachableClasses, destinationsByClass } = this.endpointPairs(filter, undefined);
    const classOf = this.endpointClasses.classOf;
    // Per source class, the destination classes with something allowed, and with something ambiguous: flowPorts depends on classes alone.
    const allowedClasses: number[][] = [];
    const ambiguousClasses: number[][] = [];
    for (const source of sources) {
      const sourceClass = classOf[source];
      if (allowedClasses[sourceClass]) {
        continue;
      }
      allowedClasses[sourceClass] = [];
      ambiguousClasses[sourceClass] = [];
      for (const destinationClass of reachableClasses[sourceClass] ?? []) {
        const members = destinationsByClass[destinationClass];
        const ports = members && this.flowPorts(this.endpointSide(source), this.endpointSide(members[0]));
        if (ports?.allowed !== undefined && ports.allowed !== NO_PORTS_ID) {
          allowedClasses[sourceClass].push(destinationClass);
        }
        if (ports?.ambiguous !== undefined && ports.ambiguous !== NO_PORTS_ID) {
          ambiguousClasses[sourceClass].push(destinationClass);
        }
      }
    }
    const allowedCounts = new ClassPairCounts(allowedClasses, destinationsByClass);
    const ambiguousCounts = new ClassPairCounts(ambiguousClasses, destinationsByClass);
    const counts = { allowed: 0, ambiguous: 0 };
    for (const source of sources) {
      const sourceClass = classOf[source];
      counts.allowed += allowedCounts.count(sourceClass);
      counts.ambiguous += ambiguousCounts.count(sourceClass);
      if (this.tiers && this.singlePod[source] && keepsDestination(filter, this.ids[source])) {
        // As portMatrix(): the hairpin ports (never ambiguous) replace the class's for the self pair.
        counts.allowed += (this.hairpinPorts(source) !== NO_PORTS_ID ? 1 : 0) - (allowedCounts.reachesOwnClass(sourceClass) ? 1 : 0);
        counts.ambiguous -= ambiguousCounts.reachesOwnClass(sourceClass) ? 1 : 0;
      }
    }
    return counts;
  }

  /** Everything allowed from one peer to another: named ports resolved on the destination. */
  allowedPorts(from: Peer, to: Peer): PortSet {
    return this.portSets.get(this.peerFlowPorts(from, to).allowed);
  }

  /** The ports from one peer to another whose verdict is ambiguous (only with admin-tier policies). */
  ambiguousPorts(from: Peer, to: Peer): PortSet {
    return this.portSets.get(this.peerFlowPorts(from, to).ambiguous);
  }

  private peerFlowPorts(from: Peer, to: Peer): DirectionPorts {
    const source = this.side(from);
    const destination = this.side(to);
    const hairpin = this.hairpinIndex(source, destination);
    return hairpin === undefined ? this.flowPorts(source, destination) : { allowed: this.hairpinPorts(hairpin), ambiguous: NO_PORTS_ID };
  }

  /** The endpoint index of a single pod flowing to itself, with admin-tier policies around (see singlePod). */
  private hairpinIndex(source: Side, destination: Side): number | undefined {
    if (!this.tiers || source.kind !== 'endpoint' || destination.kind !== 'endpoint' || source.id !== destination.id) {
      return undefined;
    }
    const index = this.indexById.get(source.id)!;
    return this.singlePod[index] ? index : undefined;
  }

  /**
   * Every ordered pair of (filtered) endpoints with something allowed, sorted by source then
   * destination. Pairs allowing the same ports share one PortSet object.
   */
  portMatrix(filter: EndpointFilter = {}): PortMatrixEntry[] {
    const { sources, reachable } = this.endpointPairs(filter, undefined);
    const classOf = this.endpointClasses.classOf;
    // Per source class, its flows (destinations and their ports): sources of one class allow the same.
    const flowsByClass: { readonly to: number[]; readonly ports: DirectionPorts[] }[] = [];
    const entries: PortMatrixEntry[] = [];
    const entry = (from: string, to: number, ports: DirectionPorts): PortMatrixEntry => ({
      from,
      to: this.ids[to],
      ports: this.portSets.get(ports.allowed),
      ...(ports.ambiguous !== NO_PORTS_ID ? { ambiguousPorts: this.portSets.get(ports.ambiguous) } : {}),
    });
    for (const source of sources) {
      let flows = flowsByClass[classOf[source]];
      if (!flows) {
        flows = { to: [], ports: [] };
        for (const destination of reachable(source)) {
          const ports = this.flowPorts(this.endpointSide(source), this.endpointSide(destination));
          if (ports.allowed !== NO_PORTS_ID || ports.ambiguous !== NO_PORTS_ID) {
            flows.to.push(destination);
            flows.ports.push(ports);
          }
        }
        flowsByClass[classOf[source]] = flows;
      }
      const from = this.ids[source];
      const hairpin = this.tiers && this.singlePod[source] && keepsDestination(filter, from);
      let selfDone = !hairpin;
      for (let i = 0; i < flows.to.length; i++) {
        const to = flows.to[i];
        if (!selfDone && to >= source) {
          selfDone = true;
          const self = this.hairpinPorts(source);
          if (self !== NO_PORTS_ID) {
            entries.push(entry(from, source, { allowed: self, ambiguous: NO_PORTS_ID }));
          }
          if (to === source) {
            continue;
          }
        }
        entries.push(entry(from, to, flows.ports[i]));
      }
      if (!selfDone) {
        const self = this.hairpinPorts(source);
        if (self !== NO_PORTS_ID) {
          entries.push(entry(from, source, { allowed: self, ambiguous: NO_PORTS_ID }));
        }
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
    const allowed = (egress?.allowed ?? true) && (ingress?.allowed ?? true);
    if (!this.tiers) {
      return { from, to, probe, allowed, egress, ingress };
    }
    // Ambiguous when no direction surely denies and one is ambiguous.
    const verdicts = [egress, ingress].filter((verdict): verdict is DirectionVerdict => verdict !== undefined);
    const denied = verdicts.some((verdict) => !verdict.allowed && verdict.tiers?.ambiguity === undefined);
    const ambiguous = !denied && verdicts.some((verdict) => verdict.tiers?.ambiguity !== undefined);
    return { from, to, probe, allowed, ambiguous, egress, ingress };
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
    const networkPolicyAllows = !isolated || allowedBy.length > 0;
    const verdict = {
      direction,
      endpoint: deciding.id,
      isolated,
      selectedBy: policies.map((policyIndex) => this.rules.policyId(policyIndex)),
      allowedBy,
      allowed: networkPolicyAllows,
    };
    if (!this.tiers) {
      return verdict;
    }
    const tiers = this.tierVerdict(direction, deciding, other, probe, destinationPorts, networkPolicyAllows);
    return { ...verdict, allowed: tiers.allowed, tiers: tiers.verdict };
  }

  /** The tiers' part of one direction, traced rule by rule (the same semantics as walkTier). */
  private tierVerdict(
    direction: Direction,
    deciding: Side & { kind: 'endpoint' },
    other: Side,
    probe: PortProbe,
    destinationPorts: readonly ContainerPort[],
    networkPolicyAllows: boolean,
  ): { allowed: boolean; verdict: TierVerdict } {
    const isolated = this.rules.isolatingPolicies(direction, deciding.classIndex).length > 0;
    const networkPolicyStep = (passedBy: TierRuleRef[]) => ({
      allowed: networkPolicyAllows,
      verdict: { decidedBy: isolated ? ('NetworkPolicy' as const) : ('Default' as const), passedBy },
    });
    if (this.hairpinIndex(deciding, other) !== undefined) {
      const step = networkPolicyStep([]);
      return { allowed: step.allowed, verdict: { ...step.verdict, hairpin: true } };
    }
    const tiers = this.tiers!;
    const match = (resolved: ResolvedTierRule): FlowMatch => {
      const peer = this.tierPeerMatch(resolved, other);
      return peer !== 'no' && rulePortsMatch(resolved.rule.ports, probe, destinationPorts) ? peer : 'no';
    };
    const ambiguousResult = (reason: string, rules: readonly TierRuleRef[], passedBy: TierRuleRef[]) => ({
      allowed: false,
      verdict: { passedBy, ambiguity: reason, ambiguousRules: rules },
    });
    const passedBy: TierRuleRef[] = [];
    const adminPlan = tiers.plan('Admin', direction, deciding.classIndex);
    const admin: TierTrace = adminPlan ? traceTier(adminPlan, match) : { outcome: 'none' };
    if (admin.outcome === 'ambiguous') {
      return ambiguousResult(admin.reason, admin.rules, passedBy);
    }
    if (admin.outcome === 'Accept' || admin.outcome === 'Deny') {
      return { allowed: admin.outcome === 'Accept', verdict: { decidedBy: 'Admin', decidingRule: admin.rule, passedBy } };
    }
    if (admin.outcome === 'Pass') {
      passedBy.push(admin.rule);
    }
    const baselinePlan = tiers.plan('Baseline', direction, deciding.classIndex);
    if (isolated || !baselinePlan) {
      return networkPolicyStep(passedBy);
    }
    const baseline = traceTier(baselinePlan, match);
    if (baseline.outcome === 'ambiguous') {
      return ambiguousResult(baseline.reason, baseline.rules, passedBy);
    }
    if (baseline.outcome === 'Deny') {
      const otherDirection: Direction = direction === 'egress' ? 'ingress' : 'egress';
      if (this.rules.isolatingPolicies(otherDirection, deciding.classIndex).length > 0) {
        return ambiguousResult(BASELINE_DENY_ONE_DIRECTION, [baseline.rule], passedBy);
      }
      return { allowed: false, verdict: { decidedBy: 'Baseline', decidingRule: baseline.rule, passedBy } };
    }
    if (baseline.outcome === 'Accept') {
      return { allowed: true, verdict: { decidedBy: 'Baseline', decidingRule: baseline.rule, passedBy } };
    }
    if (baseline.outcome === 'Pass') {
      passedBy.push(baseline.rule);
    }
    return { allowed: true, verdict: { decidedBy: 'Default', passedBy } };
  }

  /** Whether an admin-tier rule's peers match the other side of a flow. */
  private tierPeerMatch(resolved: ResolvedTierRule, other: Side): FlowMatch {
    if (other.kind === 'endpoint') {
      return resolved.peerClasses.has(other.classIndex) ? 'match' : resolved.unknownClasses.has(other.classIndex) ? 'unknown' : 'no';
    }
    let unknown = false;
    for (const term of resolved.rule.peers) {
      if (term.kind === 'network' && this.registry.blocks[term.block].matches(other.ip)) {
        return 'match';
      }
      // An address outside may be a node's, or one a domain name resolves to.
      unknown ||= term.kind === 'nodes' || term.kind === 'domainNames';
    }
    return unknown ? 'unknown' : 'no';
  }

  /**
   * Everything allowed from source to destination: egress ports of the source AND ingress
   * ports of the destination; and, with tiers, the ports whose verdict is ambiguous.
   */
  private flowPorts(source: Side, destination: Side): DirectionPorts {
    if (!this.tiers) {
      const egress = this.directionPorts('egress', source, destination, destination);
      const allowed = egress === NO_PORTS_ID ? NO_PORTS_ID : this.portSets.intersect(egress, this.directionPorts('ingress', destination, source, destination));
      return { allowed, ambiguous: NO_PORTS_ID };
    }
    const { or, and, minus } = this.portAlgebra;
    const egress = this.tieredDirectionPorts('egress', source, destination, destination);
    const ingress = this.tieredDirectionPorts('ingress', destination, source, destination);
    const allowed = and(egress.allowed, ingress.allowed);
    const possible = and(or(egress.allowed, egress.ambiguous), or(ingress.allowed, ingress.ambiguous));
    return { allowed, ambiguous: minus(possible, allowed) };
  }

  /** The NetworkPolicy-only ports of a single pod to itself (its own Pod IP: no tier applies). */
  private hairpinPorts(index: number): PortSetId {
    const side = this.endpointSide(index);
    const egress = this.directionPorts('egress', side, side, side);
    return egress === NO_PORTS_ID ? NO_PORTS_ID : this.portSets.intersect(egress, this.directionPorts('ingress', side, side, side));
  }

  private hairpinAllows(index: number, probe: PortProbe): boolean {
    return portSetHas(this.portSets.get(this.hairpinPorts(index)), probe);
  }

  /** One direction's ports through the tiers. */
  private tieredDirectionPorts(direction: Direction, deciding: Side, other: Side, destination: Side): DirectionPorts {
    if (deciding.kind === 'external') {
      return { allowed: ALL_PORTS_ID, ambiguous: NO_PORTS_ID };
    }
    const tiers = this.tiers!;
    // A tier none of whose rules can match the other side decides nothing: as if it were absent.
    const relevant = (plan: TierPlan | undefined) => (plan && (other.kind === 'external' || plan.touched.has(other.classIndex)) ? plan : undefined);
    const admin = relevant(tiers.plan('Admin', direction, deciding.classIndex));
    const baseline = relevant(tiers.plan('Baseline', direction, deciding.classIndex));
    const isolated = this.rules.isolatingPolicies(direction, deciding.classIndex).length > 0;
    const networkPolicy = isolated ? this.directionPorts(direction, deciding, other, destination) : undefined;
    if (!admin && !baseline) {
      return { allowed: networkPolicy ?? ALL_PORTS_ID, ambiguous: NO_PORTS_ID };
    }
    const match = (resolved: ResolvedTierRule): RuleMatch<PortSetId> => {
      const peer = this.tierPeerMatch(resolved, other);
      if (peer === 'no') {
        return NO_PORT_MATCH;
      }
      const rulePorts = this.rulePorts(resolved.rule.ports, destination);
      return peer === 'match'
        ? { matched: rulePorts, matchedAll: rulePorts, unknown: NO_PORTS_ID, unknownAll: NO_PORTS_ID }
        : { matched: NO_PORTS_ID, matchedAll: NO_PORTS_ID, unknown: rulePorts, unknownAll: rulePorts };
    };
    const walk = (plan: TierPlan): TierOutcome<PortSetId> => {
      if (other.kind === 'external') {
        return walkTier(this.portAlgebra, plan, match);
      }
      // The outcome depends only on which rules match the other class, and on the destination's ports.
      let signature = '';
      plan.rules.forEach((resolved, index) => {
        if (resolved.peerClasses.has(other.classIndex)) {
          signature += `${index},`;
        } else if (resolved.unknownClasses.has(other.classIndex)) {
          signature += `${index}?,`;
        }
      });
      const key = `${plan.key}|${signature}|${plan.hasNamedPorts ? this.portListId(this.containerPortsOf(destination)) : 0}`;
      let outcome = this.tierOutcomes.get(key);
      if (!outcome) {
        outcome = walkTier(this.portAlgebra, plan, match);
        this.tierOutcomes.set(key, outcome);
      }
      return outcome;
    };
    const otherDirection: Direction = direction === 'egress' ? 'ingress' : 'egress';
    return decideDirection(
      this.portAlgebra,
      admin && walk(admin),
      networkPolicy,
      // The Baseline tier only counts for a direction no NetworkPolicy isolates.
      baseline && networkPolicy === undefined ? walk(baseline) : undefined,
      this.rules.isolatingPolicies(otherDirection, deciding.classIndex).length > 0,
    );
  }

  /** A number per distinct container port list (equal lists of classes are one array). */
  private portListId(ports: readonly ContainerPort[]): number {
    let id = this.portListIds.get(ports);
    if (id === undefined) {
      id = this.portListIds.size + 1;
      this.portListIds.set(ports, id);
    }
    return id;
  }

  /** The ports the deciding side's rules admit towards `other`; all when it is outside or not isolated. */
  private directionPorts(direction: Direction, deciding: Side, other: Side, destination: Side): PortSetId {
    if (deciding.kind === 'external' || this.rules.isolatingPolicies(direction, deciding.classIndex).length === 0) {
      return ALL_PORTS_ID;
    }
    let ports = NO_PORTS_ID;
    for (const resolved of this.rules.decidingRules(direction, deciding.classIndex)) {
      if (this.admitsPeer(resolved, other)) {
        ports = this.portSets.union(ports, this.rulePorts(resolved.rule.ports, destination));
      }
    }
    return ports;
  }

  /** What one rule admits towards the destination: named ports resolve on its container ports. */
  private rulePorts(ports: RulePorts, destination: Side): PortSetId {
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
   * The same per class: what the endpoint lists expand, for counting without them.
   */
  private endpointPairs(filter: EndpointFilter, probe: PortProbe | undefined): EndpointPairs {
    const sources = this.filteredIndices((id) => keepsSource(filter, id));
    const destinations = this.filteredIndices((id) => keepsDestination(filter, id));
    const classOf = this.endpointClasses.classOf;
    const sourceClasses = new Bitset(this.rules.classCount);
    const destinationClasses = new Bitset(this.rules.classCount);
    sources.forEach((index) => sourceClasses.add(classOf[index]));
    destinations.forEach((index) => destinationClasses.add(classOf[index]));
    const flows = new ProbeFlows(this.rules, probe, this.tiers);
    const classPairs = flows.allowedClassPairs(sourceClasses, destinationClasses);
    const destinationsByClass: number[][] = [];
    destinations.forEach((index) => (destinationsByClass[classOf[index]] ??= []).push(index));
    const pairsOf = (reachableClasses: readonly (readonly number[])[], ambiguousClasses: readonly (readonly number[])[]): EndpointPairs => ({
      sources,
      destinationsByClass,
      reachableClasses,
      ambiguousClasses,
      reachable: endpointsOfClassPairs(reachableClasses, destinationsByClass, classOf),
      ambiguous: endpointsOfClassPairs(ambiguousClasses, destinationsByClass, classOf),
    });
    if (!this.tiers) {
      return pairsOf(classPairs, []);
    }
    const ambiguousPairs = flows.ambiguousClassPairs(sourceClasses, destinationClasses);
    if (probe === undefined) {
      // Without a probe both are supersets for flowPorts to refine: one list of candidates.
      const candidates = sourceClasses.toArray().reduce<number[][]>((merged, source) => {
        merged[source] = [...new Set([...classPairs[source], ...ambiguousPairs[source]])].sort((a, b) => a - b);
        return merged;
      }, []);
      return pairsOf(candidates, []);
    }
    return pairsOf(classPairs, ambiguousPairs);
  }

  private filteredIndices(keep: (id: string) => boolean): number[] {
    return this.ids.flatMap((id, index) => (keep(id) ? [index] : []));
  }
}

/** How many ordered pairs allow something, and how many have an ambiguous verdict (reachCount, portMatrixCount). */
export interface PairCounts {
  readonly allowed: number;
  readonly ambiguous: number;
}

/** endpointPairs: per source, its destinations, as endpoints and as classes. */
interface EndpointPairs {
  /** The filtered sources, ascending. */
  readonly sources: number[];
  /** The filtered destinations by class. */
  readonly destinationsByClass: readonly (readonly number[] | undefined)[];
  /** Per source class, the destination classes reached; with no probe, the candidates flowPorts refines. */
  readonly reachableClasses: readonly (readonly number[] | undefined)[];
  /** Per source class, the destination classes with an ambiguous verdict on the probe (none without a probe). */
  readonly ambiguousClasses: readonly (readonly number[] | undefined)[];
  readonly reachable: (source: number) => readonly number[];
  readonly ambiguous: (source: number) => readonly number[];
}

/** Per source class, how many destination endpoints its destination classes hold; made once per class. */
class ClassPairCounts {
  private readonly counts: number[] = [];

  constructor(
    private readonly classPairs: readonly (readonly number[] | undefined)[],
    private readonly destinationsByClass: readonly (readonly number[] | undefined)[],
  ) {}

  count(sourceClass: number): number {
    let count = this.counts[sourceClass];
    if (count === undefined) {
      count = 0;
      for (const destinationClass of this.classPairs[sourceClass] ?? []) {
        count += this.destinationsByClass[destinationClass]?.length ?? 0;
      }
      this.counts[sourceClass] = count;
    }
    return count;
  }

  /** Whether the class reaches its own members (a kept destination of it, then, reaches itself). */
  reachesOwnClass(sourceClass: number): boolean {
    return (this.classPairs[sourceClass] ?? []).includes(sourceClass);
  }
}

/** Per source endpoint, the destination endpoints of the classes its class pairs with, ascending; per source class, made once. */
function endpointsOfClassPairs(
  classPairs: readonly (readonly number[] | undefined)[],
  destinationsByClass: readonly (readonly number[] | undefined)[],
  classOf: readonly number[],
): (source: number) => readonly number[] {
  const reachedByClass: number[][] = [];
  return (source) => {
    const sourceClass = classOf[source];
    let reached = reachedByClass[sourceClass];
    if (!reached) {
      reached = [];
      // A loop, not push(...members): a class can have more endpoints than a call has arguments.
      for (const destinationClass of classPairs[sourceClass] ?? []) {
        for (const destination of destinationsByClass[destinationClass] ?? []) {
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
}

/** `destinations` (ascending) with `self` put in or taken out as `include` says; unchanged when undefined. */
function withSelf(destinations: readonly number[], self: number, include: boolean | undefined): readonly number[] {
  if (include === undefined || destinations.includes(self) === include) {
    return destinations;
  }
  return include ? [...destinations, self].sort((a, b) => a - b) : destinations.filter((destination) => destination !== self);
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
