import { ContainerPort, Direction, HostNetworkTreatment } from '../model';
import { Bitset } from './bitset';
import { ClassSelection } from './class-selection';
import { CompiledPolicy, CompiledRule, PeerTerm } from './compiled-policy';
import { EndpointClasses } from './endpoint-classes';

/** A rule with the endpoint classes its peers pick. */
export interface ResolvedRule {
  /** Position among all rules of all policies. */
  readonly index: number;
  readonly rule: CompiledRule;
  /** Shared between rules: never modify. */
  readonly peerClasses: Bitset;
}

interface ResolvedPolicy {
  readonly policy: CompiledPolicy;
  readonly ingress?: readonly ResolvedRule[];
  readonly egress?: readonly ResolvedRule[];
}

/**
 * The policies as seen from endpoint classes: which policies isolate each class per
 * direction, and each rule's peers as a bitset of classes. Built once per cluster.
 */
export class ClassRules {
  private readonly policies: readonly ResolvedPolicy[];
  /** Per direction and class, the indices of the isolating policies, in policy id order. */
  private readonly isolating: Record<Direction, number[][]> = { ingress: [], egress: [] };
  private readonly rulesByClass: Record<Direction, (readonly ResolvedRule[] | undefined)[]> = { ingress: [], egress: [] };

  /**
   * `policies` must be sorted by id. `hostNetworkPods` (ClusterModel.hostNetworkPods) says
   * whether policies select hostNetwork classes (`pod` only) and whether rule selectors match
   * them (not under `node`); ipBlocks match them by address either way.
   */
  constructor(
    private readonly endpointClasses: EndpointClasses,
    policies: readonly CompiledPolicy[],
    selection: ClassSelection,
    hostNetworkPods: HostNetworkTreatment = 'pod',
  ) {
    const classCount = this.classCount;
    let ruleCount = 0;
    const hostNetwork = new Bitset(classCount);
    if (hostNetworkPods !== 'pod') {
      endpointClasses.classes.forEach((endpointClass) => endpointClass.hostNetwork && hostNetwork.add(endpointClass.index));
    }
    const unselected = (picked: Bitset): Bitset => (hostNetwork.isEmpty() ? picked : picked.andNot(hostNetwork));
    const unmatched = hostNetworkPods === 'node' ? unselected : (picked: Bitset): Bitset => picked;
    const selected = (picked: Bitset, term: PeerTerm): Bitset => (term.kind === 'ipBlock' ? picked : unmatched(picked));
    // Peer sets are only read: rules with every peer, or with one peer term, share theirs.
    const everyClass = Bitset.full(classCount);
    const peerClassesOf = (policy: CompiledPolicy, rule: CompiledRule): Bitset => {
      if (rule.anyPeer) {
        return everyClass;
      }
      if (rule.peers.length === 1) {
        return selected(selection.peer(policy.namespace, rule.peers[0]), rule.peers[0]);
      }
      const union = new Bitset(classCount);
      for (const term of rule.peers) {
        union.orWith(selected(selection.peer(policy.namespace, term), term));
      }
      return union;
    };
    const resolve = (policy: CompiledPolicy, rules: readonly CompiledRule[] | undefined): ResolvedRule[] | undefined =>
      rules?.map((rule) => ({ index: ruleCount++, rule, peerClasses: peerClassesOf(policy, rule) }));
    this.policies = policies.map((policy) => ({ policy, ingress: resolve(policy, policy.ingress), egress: resolve(policy, policy.egress) }));
    for (let c = 0; c < classCount; c++) {
      this.isolating.ingress.push([]);
      this.isolating.egress.push([]);
    }
    this.policies.forEach(({ policy, ingress, egress }, policyIndex) => {
      for (const classIndex of unselected(selection.podsInNamespace(policy.namespace, policy.podSelector)).toArray()) {
        if (ingress) {
          this.isolating.ingress[classIndex].push(policyIndex);
        }
        if (egress) {
          this.isolating.egress[classIndex].push(policyIndex);
        }
      }
    });
  }

  get classCount(): number {
    return this.endpointClasses.classes.length;
  }

  classPorts(classIndex: number): readonly ContainerPort[] {
    return this.endpointClasses.classes[classIndex].ports;
  }

  /** Indices of the policies isolating the class for the direction; empty when it is wide open. */
  isolatingPolicies(direction: Direction, classIndex: number): readonly number[] {
    return this.isolating[direction][classIndex];
  }

  get policyCount(): number {
    return this.policies.length;
  }

  /** The policy's rules for the direction; undefined when it does not isolate that direction. */
  policyRules(policyIndex: number, direction: Direction): readonly ResolvedRule[] | undefined {
    return this.policies[policyIndex][direction];
  }

  policyId(policyIndex: number): string {
    return this.policies[policyIndex].policy.id;
  }

  /** The rules of every policy isolating the class for the direction, in policy id then rule order. */
  decidingRules(direction: Direction, classIndex: number): readonly ResolvedRule[] {
    let rules = this.rulesByClass[direction][classIndex];
    if (!rules) {
      rules = this.isolating[direction][classIndex].flatMap((policyIndex) => this.policies[policyIndex][direction] ?? []);
      this.rulesByClass[direction][classIndex] = rules;
    }
    return rules;
  }
}
