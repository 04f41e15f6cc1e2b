import { ContainerPort, Direction } from '../model';
import { Bitset } from './bitset';
import { ClassRules, ResolvedRule } from './class-rules';
import { ClassTierRules, ResolvedTierRule, TierPlan } from './class-tier-rules';
import { RulePorts, rulePortsMatch } from './rule-ports';
import { DirectionOutcome, RuleMatch, SetAlgebra, TierOutcome, decideDirection, walkTier } from './tier-walk';
import { PortProbe } from './types';

function bitsetAlgebra(size: number): SetAlgebra<Bitset> {
  return {
    none: new Bitset(size),
    all: Bitset.full(size),
    or: (a, b) => a.or(b),
    and: (a, b) => a.and(b),
    minus: (a, b) => a.andNot(b),
  };
}

/**
 * The per-probe bitsets: for each class, the destination classes its egress allows and the
 * source classes its ingress allows. Classes decided by the same rules share one answer.
 * Without a probe, every rule counts as admitting: the flows allowed on some port.
 * With admin-tier policies (`tiers`), each class's sets come from the tier walk, and the
 * flows whose verdict is ambiguous are kept apart; without a probe they are a superset of the
 * flows allowed (or ambiguous) on some port, for the caller to compute ports on.
 */
export class ProbeFlows {
  private readonly full: Bitset;
  /** Destination classes admitted, per distinct rule port list. */
  private readonly portMatches = new Map<string, Bitset>();
  private readonly byRules = new Map<string, Bitset>();
  private readonly egressByClass: (Bitset | undefined)[];
  private readonly ingressByClass: (Bitset | undefined)[];
  /** With tiers: per direction and class, the other side's classes whose verdict is ambiguous. */
  private readonly ambiguousByClass: Record<Direction, Bitset[]> = { ingress: [], egress: [] };
  private readonly algebra: SetAlgebra<Bitset>;
  /** Tier walks by plan (and, for ingress, the deciding class's port list). */
  private readonly tierOutcomes = new Map<string, TierOutcome<Bitset>>();
  private readonly portListIds = new Map<readonly ContainerPort[], number>();
  /** decideDirection's answers by the identities of its inputs. */
  private readonly decided = new Map<string, DirectionOutcome<Bitset>>();
  private readonly identities = new Map<object, number>();

  constructor(
    private readonly rules: ClassRules,
    private readonly probe: PortProbe | undefined,
    private readonly tiers?: ClassTierRules,
  ) {
    this.full = Bitset.full(rules.classCount);
    this.egressByClass = new Array(rules.classCount);
    this.ingressByClass = new Array(rules.classCount);
    this.algebra = bitsetAlgebra(rules.classCount);
  }

  egressDestinations(sourceClass: number): Bitset {
    let destinations = this.egressByClass[sourceClass];
    if (!destinations) {
      const networkPolicy =
        this.rules.isolatingPolicies('egress', sourceClass).length === 0
          ? undefined
          : this.union(this.rules.decidingRules('egress', sourceClass), (resolved, into) =>
              into.orWithIntersection(resolved.peerClasses, this.destinationsMatchingPorts(resolved.rule.ports)),
            );
      destinations = this.tiers ? this.tiered('egress', sourceClass, networkPolicy) : (networkPolicy ?? this.full);
      this.egressByClass[sourceClass] = destinations;
    }
    return destinations;
  }

  ingressSources(destinationClass: number): Bitset {
    let sources = this.ingressByClass[destinationClass];
    if (!sources) {
      let networkPolicy: Bitset | undefined;
      if (this.rules.isolatingPolicies('ingress', destinationClass).length > 0) {
        const ports = this.rules.classPorts(destinationClass);
        const admitting = this.rules.decidingRules('ingress', destinationClass).filter(({ rule }) => this.admits(rule.ports, ports));
        networkPolicy = this.union(admitting, (resolved, into) => into.orWith(resolved.peerClasses));
      }
      sources = this.tiers ? this.tiered('ingress', destinationClass, networkPolicy) : (networkPolicy ?? this.full);
      this.ingressByClass[destinationClass] = sources;
    }
    return sources;
  }

  /**
   * Every (source class, destination class) pair whose verdict is ambiguous: neither direction
   * denies, and one is ambiguous. Indexed by source class, ascending; empty without tiers.
   */
  ambiguousClassPairs(sourceClasses: Bitset, destinationClasses: Bitset): number[][] {
    const pairs: number[][] = [];
    if (!this.tiers) {
      return pairs;
    }
    const ambiguousIngress = destinationClasses.toArray().filter((destination) => !this.ambiguous('ingress', destination).isEmpty());
    for (const source of sourceClasses.toArray()) {
      const found: number[] = [];
      // Egress ambiguous, ingress allowed or ambiguous; then egress allowed, ingress ambiguous.
      this.ambiguous('egress', source).forEachShared(destinationClasses, (destination) => {
        if (this.ingressSources(destination).has(source) || this.ambiguous('ingress', destination).has(source)) {
          found.push(destination);
        }
      });
      const egressAllowed = this.egressDestinations(source);
      for (const destination of ambiguousIngress) {
        if (egressAllowed.has(destination) && this.ambiguous('ingress', destination).has(source)) {
          found.push(destination);
        }
      }
      pairs[source] = found.sort((a, b) => a - b);
    }
    return pairs;
  }

  /** The other side's classes whose verdict is ambiguous for the deciding class (tiers only). */
  private ambiguous(direction: Direction, classIndex: number): Bitset {
    if (direction === 'egress') {
      this.egressDestinations(classIndex);
    } else {
      this.ingressSources(classIndex);
    }
    return this.ambiguousByClass[direction][classIndex];
  }

  /** The tier walk of one class and direction: allowed returned, ambiguous kept. */
  private tiered(direction: Direction, classIndex: number, networkPolicy: Bitset | undefined): Bitset {
    const tiers = this.tiers!;
    const admin = tiers.plan('Admin', direction, classIndex);
    const baseline = tiers.plan('Baseline', direction, classIndex);
    const other: Direction = direction === 'egress' ? 'ingress' : 'egress';
    let outcome: DirectionOutcome<Bitset>;
    if (!admin && !baseline) {
      outcome = { allowed: networkPolicy ?? this.full, ambiguous: this.algebra.none };
    } else {
      // Walks and NetworkPolicy sets are shared objects: classes with the same ones decide alike.
      const adminOutcome = admin && this.walk(admin, direction, classIndex);
      const baselineOutcome = baseline && networkPolicy === undefined ? this.walk(baseline, direction, classIndex) : undefined;
      const baselineDenyAmbiguous = this.rules.isolatingPolicies(other, classIndex).length > 0;
      const key = [adminOutcome, networkPolicy, baselineOutcome].map((part) => (part ? this.identity(part) : 0)).join(' ') + (baselineDenyAmbiguous ? ' 2' : '');
      outcome = this.decided.get(key) ?? decideDirection(this.algebra, adminOutcome, networkPolicy, baselineOutcome, baselineDenyAmbiguous);
      this.decided.set(key, outcome);
    }
    this.ambiguousByClass[direction][classIndex] = outcome.ambiguous;
    return outcome.allowed;
  }

  /** A number per shared object (a memoized walk or NetworkPolicy set). */
  private identity(part: object): number {
    let id = this.identities.get(part);
    if (id === undefined) {
      id = this.identities.size + 1;
      this.identities.set(part, id);
    }
    return id;
  }

  private walk(plan: TierPlan, direction: Direction, classIndex: number): TierOutcome<Bitset> {
    // Egress rules' named ports resolve on the destination (the other side); ingress rules' on this class.
    const ports = this.rules.classPorts(classIndex);
    let portsId = 0;
    if (direction === 'ingress') {
      portsId = this.portListIds.get(ports) ?? this.portListIds.size + 1;
      this.portListIds.set(ports, portsId);
    }
    const key = `${plan.key} ${portsId}`;
    let outcome = this.tierOutcomes.get(key);
    if (!outcome) {
      const match = (resolved: ResolvedTierRule): RuleMatch<Bitset> => {
        const { peerClasses, unknownClasses, rule } = resolved;
        if (this.probe === undefined) {
          const total = rule.ports.all;
          return { matched: peerClasses, matchedAll: total ? peerClasses : this.algebra.none, unknown: unknownClasses, unknownAll: total ? unknownClasses : this.algebra.none };
        }
        const portClasses = direction === 'egress' ? this.destinationsMatchingPorts(rule.ports) : this.admits(rule.ports, ports) ? this.full : this.algebra.none;
        const matched = peerClasses.and(portClasses);
        const unknown = unknownClasses.and(portClasses);
        return { matched, matchedAll: matched, unknown, unknownAll: unknown };
      };
      outcome = walkTier(this.algebra, plan, match);
      this.tierOutcomes.set(key, outcome);
    }
    return outcome;
  }

  /**
   * For each source class, the destination classes it may reach (egress of the source AND
   * ingress of the destination), ascending; indexed by source class. Walks whichever
   * direction allows fewer class pairs, so sparse policies cost little.
   */
  allowedClassPairs(sourceClasses: Bitset, destinationClasses: Bitset): number[][] {
    const sources = sourceClasses.toArray();
    const destinations = destinationClasses.toArray();
    const egressPairs = sources.reduce((sum, s) => sum + this.egressDestinations(s).countShared(destinationClasses), 0);
    const ingressPairs = destinations.reduce((sum, d) => sum + this.ingressSources(d).countShared(sourceClasses), 0);
    const pairs: number[][] = [];
    for (const source of sources) {
      pairs[source] = [];
    }
    if (egressPairs <= ingressPairs) {
      for (const source of sources) {
        this.egressDestinations(source).forEachShared(destinationClasses, (destination) => {
          if (this.ingressSources(destination).has(source)) {
            pairs[source].push(destination);
          }
        });
      }
    } else {
      for (const destination of destinations) {
        this.ingressSources(destination).forEachShared(sourceClasses, (source) => {
          if (this.egressDestinations(source).has(destination)) {
            pairs[source].push(destination);
          }
        });
      }
    }
    return pairs;
  }

  /**
   * Folds rules into a new set, once per distinct list of rules. Rule indices are unique over
   * both directions, so a list names its direction (and with it how `add` folds) by itself.
   */
  private union(rules: readonly ResolvedRule[], add: (resolved: ResolvedRule, into: Bitset) => void): Bitset {
    const key = rules.map((resolved) => resolved.index).join(',');
    let set = this.byRules.get(key);
    if (!set) {
      set = new Bitset(this.rules.classCount);
      for (const resolved of rules) {
        add(resolved, set);
      }
      this.byRules.set(key, set);
    }
    return set;
  }

  private admits(ports: RulePorts, destinationPorts: readonly ContainerPort[]): boolean {
    return this.probe === undefined || rulePortsMatch(ports, this.probe, destinationPorts);
  }

  /** The destination classes on which the rule's ports admit the probe. */
  private destinationsMatchingPorts(ports: RulePorts): Bitset {
    let classes = this.portMatches.get(ports.key);
    if (!classes) {
      if (!ports.hasNamed) {
        classes = this.admits(ports, []) ? this.full : new Bitset(this.rules.classCount);
      } else {
        classes = new Bitset(this.rules.classCount);
        for (let c = 0; c < this.rules.classCount; c++) {
          if (this.admits(ports, this.rules.classPorts(c))) {
            classes.add(c);
          }
        }
      }
      this.portMatches.set(ports.key, classes);
    }
    return classes;
  }
}
