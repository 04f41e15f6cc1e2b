import { ContainerPort } from '../model';
import { Bitset } from './bitset';
import { ClassRules, ResolvedRule } from './class-rules';
import { RulePorts, rulePortsMatch } from './rule-ports';
import { PortProbe } from './types';

/**
 * The per-probe bitsets: for each class, the destination classes its egress allows and the
 * source classes its ingress allows. Classes decided by the same rules share one answer.
 * Without a probe, every rule counts as admitting: the flows allowed on some port.
 */
export class ProbeFlows {
  private readonly full: Bitset;
  /** Destination classes admitted, per distinct rule port list. */
  private readonly portMatches = new Map<string, Bitset>();
  private readonly byRules = new Map<string, Bitset>();
  private readonly egressByClass: (Bitset | undefined)[];
  private readonly ingressByClass: (Bitset | undefined)[];

  constructor(
    private readonly rules: ClassRules,
    private readonly probe: PortProbe | undefined,
  ) {
    this.full = Bitset.full(rules.classCount);
    this.egressByClass = new Array(rules.classCount);
    this.ingressByClass = new Array(rules.classCount);
  }

  egressDestinations(sourceClass: number): Bitset {
    let destinations = this.egressByClass[sourceClass];
    if (!destinations) {
      destinations =
        this.rules.isolatingPolicies('egress', sourceClass).length === 0
          ? this.full
          : this.union(this.rules.decidingRules('egress', sourceClass), (resolved, into) =>
              into.orWithIntersection(resolved.peerClasses, this.destinationsMatchingPorts(resolved.rule.ports)),
            );
      this.egressByClass[sourceClass] = destinations;
    }
    return destinations;
  }

  ingressSources(destinationClass: number): Bitset {
    let sources = this.ingressByClass[destinationClass];
    if (!sources) {
      if (this.rules.isolatingPolicies('ingress', destinationClass).length === 0) {
        sources = this.full;
      } else {
        const ports = this.rules.classPorts(destinationClass);
        const admitting = this.rules.decidingRules('ingress', destinationClass).filter(({ rule }) => this.admits(rule.ports, ports));
        sources = this.union(admitting, (resolved, into) => into.orWith(resolved.peerClasses));
      }
      this.ingressByClass[destinationClass] = sources;
    }
    return sources;
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
