import { Bitset } from './bitset';
import { ClassRules } from './class-rules';
import { RulePorts, rulePortsMatch } from './rule-ports';
import { PortProbe } from './types';

/**
 * The per-probe bitsets: for each class, the destination classes its egress allows and the
 * source classes its ingress allows. Classes isolated by the same policies share the work.
 */
export class ProbeFlows {
  private readonly full: Bitset;
  private readonly portMatches = new Map<RulePorts, Bitset>();
  private readonly egressByPolicies = new Map<string, Bitset>();
  private readonly ingressByKey = new Map<string, Bitset>();
  private readonly ingressByClass = new Map<number, Bitset>();

  constructor(
    private readonly rules: ClassRules,
    private readonly probe: PortProbe,
  ) {
    this.full = Bitset.full(rules.classCount);
  }

  egressDestinations(sourceClass: number): Bitset {
    const policies = this.rules.isolatingPolicies('egress', sourceClass);
    if (policies.length === 0) {
      return this.full;
    }
    const key = policies.join(',');
    let destinations = this.egressByPolicies.get(key);
    if (!destinations) {
      destinations = new Bitset(this.rules.classCount);
      for (const { rule, peerClasses } of this.rules.decidingRules('egress', sourceClass)) {
        destinations.orWithIntersection(peerClasses, this.destinationsMatchingPorts(rule.ports));
      }
      this.egressByPolicies.set(key, destinations);
    }
    return destinations;
  }

  ingressSources(destinationClass: number): Bitset {
    let sources = this.ingressByClass.get(destinationClass);
    if (sources) {
      return sources;
    }
    const policies = this.rules.isolatingPolicies('ingress', destinationClass);
    if (policies.length === 0) {
      sources = this.full;
    } else {
      const rules = this.rules.decidingRules('ingress', destinationClass);
      // Named ports make the answer depend on this class's container ports.
      const key = rules.some(({ rule }) => rule.ports.hasNamed) ? `${policies.join(',')}@${destinationClass}` : policies.join(',');
      sources = this.ingressByKey.get(key);
      if (!sources) {
        sources = new Bitset(this.rules.classCount);
        const ports = this.rules.classPorts(destinationClass);
        for (const { rule, peerClasses } of rules) {
          if (rulePortsMatch(rule.ports, this.probe, ports)) {
            sources.orWith(peerClasses);
          }
        }
        this.ingressByKey.set(key, sources);
      }
    }
    this.ingressByClass.set(destinationClass, sources);
    return sources;
  }

  /** The destination classes on which the rule's ports admit the probe. */
  private destinationsMatchingPorts(ports: RulePorts): Bitset {
    let classes = this.portMatches.get(ports);
    if (!classes) {
      classes = new Bitset(this.rules.classCount);
      if (!ports.hasNamed) {
        if (rulePortsMatch(ports, this.probe, [])) {
          classes = this.full;
        }
      } else {
        for (let c = 0; c < this.rules.classCount; c++) {
          if (rulePortsMatch(ports, this.probe, this.rules.classPorts(c))) {
            classes.add(c);
          }
        }
      }
      this.portMatches.set(ports, classes);
    }
    return classes;
  }
}

