import { ClusterNetworkPolicyTier, Direction } from '../model';
import { Bitset } from './bitset';
import { ClassSelection } from './class-selection';
import { CompiledTierPolicy, CompiledTierRule, TierPeerTerm } from './compiled-tier-policy';
import { EndpointClasses } from './endpoint-classes';

/** An admin-tier rule with the endpoint classes its peers pick. */
export interface ResolvedTierRule {
  readonly rule: CompiledTierRule;
  /** Classes some peer surely matches. Shared: never modify. */
  readonly peerClasses: Bitset;
  /**
   * Classes whose match the model cannot tell (not in peerClasses): hostNetwork pods under
   * `networks` or `nodes` (docs/admin-tier.md, Ambiguous 4), every class under `domainNames`.
   */
  readonly unknownClasses: Bitset;
}

/** One policy's rules of one direction, first match wins. */
export interface PlannedPolicy {
  readonly id: string;
  readonly rules: readonly ResolvedTierRule[];
}

/**
 * The policies of one tier that select a class for one direction, as they are evaluated:
 * per API version (no order between versions, docs/admin-tier.md Ambiguous 7), priority
 * groups in precedence order; the policies of a group share a priority and have no order
 * between them (Ambiguous 1).
 */
export interface TierPlan {
  readonly key: string;
  readonly versions: readonly (readonly (readonly PlannedPolicy[])[])[];
  /**
   * When nothing is unordered (one version, one policy per priority): every rule in precedence
   * order, the first match deciding, which is the same walk without the combining.
   */
  readonly linear?: readonly ResolvedTierRule[];
  /** Classes some rule of the plan matches or may match: for any other class the tier decides nothing. */
  readonly touched: Bitset;
  /** Every rule of the plan, in a fixed order: which of them match a class is all a walk depends on, with the ports. */
  readonly rules: readonly ResolvedTierRule[];
  /** True when some rule names a port, so the destination's container ports matter too. */
  readonly hasNamedPorts: boolean;
}

/**
 * The admin-tier policies as seen from endpoint classes: each policy's subject classes,
 * each rule's peers as bitsets, and per class, direction and tier the plan to walk.
 * Subjects and pod peers leave hostNetwork pods out (types.go ClusterNetworkPolicySubject).
 */
export class ClassTierRules {
  private readonly subjects: readonly Bitset[];
  private readonly resolved: readonly Record<Direction, readonly ResolvedTierRule[]>[];
  private readonly plans = new Map<string, TierPlan | undefined>();
  /** Per tier and direction, the plan of each class asked for (null: none has a say). */
  private readonly planByClass: Record<ClusterNetworkPolicyTier, Record<Direction, (TierPlan | null)[]>> = {
    Admin: { ingress: [], egress: [] },
    Baseline: { ingress: [], egress: [] },
  };
  private readonly hostNetwork: Bitset;

  /** `policies` must be sorted by id. */
  constructor(
    endpointClasses: EndpointClasses,
    private readonly policies: readonly CompiledTierPolicy[],
    selection: ClassSelection,
  ) {
    const size = endpointClasses.classes.length;
    this.hostNetwork = new Bitset(size);
    endpointClasses.classes.forEach((endpointClass) => endpointClass.hostNetwork && this.hostNetwork.add(endpointClass.index));
    const none = new Bitset(size);
    const every = Bitset.full(size);
    const podClasses = (term: TierPeerTerm & { kind: 'pods' }): Bitset =>
      selection.peer('', { kind: 'pods', namespaceSelector: term.namespaceSelector, podSelector: term.podSelector }).andNot(this.hostNetwork);
    const resolve = (rule: CompiledTierRule): ResolvedTierRule => {
      let peerClasses = none;
      let unknownClasses = none;
      for (const term of rule.peers) {
        if (term.kind === 'pods') {
          peerClasses = peerClasses.or(podClasses(term));
        } else if (term.kind === 'network') {
          const matched = selection.peer('', { kind: 'ipBlock', block: term.block });
          peerClasses = peerClasses.or(matched.andNot(this.hostNetwork));
          unknownClasses = unknownClasses.or(matched.and(this.hostNetwork));
        } else if (term.kind === 'nodes') {
          unknownClasses = unknownClasses.or(this.hostNetwork);
        } else {
          unknownClasses = every;
        }
      }
      return { rule, peerClasses, unknownClasses: unknownClasses.andNot(peerClasses) };
    };
    this.subjects = policies.map((policy) =>
      selection.peer('', { kind: 'pods', namespaceSelector: policy.subject.namespaceSelector, podSelector: policy.subject.podSelector }).andNot(this.hostNetwork),
    );
    this.resolved = policies.map((policy) => ({ ingress: policy.ingress.map(resolve), egress: policy.egress.map(resolve) }));
  }

  /** The plan of `tier` for the class and direction; undefined when no policy of the tier has a say. */
  plan(tier: ClusterNetworkPolicyTier, direction: Direction, classIndex: number): TierPlan | undefined {
    const cache = this.planByClass[tier][direction];
    let plan = cache[classIndex];
    if (plan === undefined) {
      // A policy without rules of a direction "does not affect" that direction (types.go Ingress/Egress).
      const selecting = this.policies.flatMap((policy, index) =>
        policy.tier === tier && this.subjects[index].has(classIndex) && policy[direction].length > 0 ? [index] : [],
      );
      const key = `${direction} ${selecting.join(',')}`;
      if (!this.plans.has(key)) {
        this.plans.set(key, selecting.length === 0 ? undefined : this.makePlan(key, direction, selecting));
      }
      plan = this.plans.get(key) ?? null;
      cache[classIndex] = plan;
    }
    return plan ?? undefined;
  }

  private makePlan(key: string, direction: Direction, selecting: readonly number[]): TierPlan {
    const byVersion = new Map<string, Map<number, PlannedPolicy[]>>();
    for (const index of selecting) {
      const policy = this.policies[index];
      const groups = byVersion.get(policy.version) ?? new Map<number, PlannedPolicy[]>();
      byVersion.set(policy.version, groups);
      const group = groups.get(policy.priority) ?? [];
      groups.set(policy.priority, group);
      group.push({ id: policy.id, rules: this.resolved[index][direction] });
    }
    const versions = [...byVersion.keys()].sort().map((version) => {
      const groups = byVersion.get(version)!;
      return [...groups.keys()].sort((a, b) => a - b).map((priority) => groups.get(priority)!);
    });
    const linear = versions.length === 1 && versions[0].every((group) => group.length === 1) ? versions[0].flatMap((group) => group[0].rules) : undefined;
    const rules = selecting.flatMap((index) => this.resolved[index][direction]);
    const touched = new Bitset(this.hostNetwork.size);
    for (const resolved of rules) {
      touched.orWith(resolved.peerClasses);
      touched.orWith(resolved.unknownClasses);
    }
    const hasNamedPorts = rules.some((resolved) => resolved.rule.ports.hasNamed);
    return { key, versions, ...(linear ? { linear } : {}), touched, rules, hasNamedPorts };
  }
}
