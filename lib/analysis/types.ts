import { AdminTierPolicy, ClusterNetworkPolicyTier, Direction, Protocol } from '../model';

/**
 * The analyzer's public vocabulary. Pure data: the engine (analyzer.ts) produces these,
 * listing, explaining, diffing and the renderers in lib/report consume them.
 */

/** One numeric port and protocol to probe. Named ports in policies resolve on the destination. */
export interface PortProbe {
  readonly port: number;
  readonly protocol: Protocol;
}

/** A source or destination: an endpoint by `namespace/name`, or an address outside the cluster. */
export type Peer =
  | { readonly kind: 'endpoint'; readonly id: string }
  | { readonly kind: 'external'; readonly ip: string };

/** Every allowed ordered pair for one probe over the (optionally filtered) endpoints. */
export interface ReachResult {
  readonly port: number;
  readonly protocol: Protocol;
  /** Endpoint ids, sorted. */
  readonly endpoints: readonly string[];
  /** Allowed [source, destination] pairs, self pairs included, sorted by source then destination. */
  readonly allowed: ReadonlyArray<readonly [string, string]>;
  /**
   * Pairs whose verdict the network-policy-api leaves undefined (same-priority policies
   * disagreeing, ...: docs/admin-tier.md), not in `allowed`; sorted like it.
   * @default none: present only when some pair is ambiguous
   */
  readonly ambiguous?: ReadonlyArray<readonly [string, string]>;
}

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/**
 * A set of ports per protocol as sorted, disjoint, non-adjacent inclusive ranges within
 * 1..65535. A protocol with no ranges allows nothing.
 */
export type PortSet = Readonly<Record<Protocol, readonly PortRange[]>>;

/** A rule of a policy: `namespace/name`, the direction, and the index in spec.ingress/egress. */
export interface RuleRef {
  readonly policy: string;
  readonly direction: Direction;
  readonly ruleIndex: number;
}

/** A rule of an admin-tier policy: its kind, name, tier and priority, and where it is in the policy. */
export interface TierRuleRef {
  readonly kind: AdminTierPolicy['kind'];
  /** The policy's name (cluster-scoped: no namespace). */
  readonly policy: string;
  readonly tier: ClusterNetworkPolicyTier;
  /** `spec.priority`; undefined for a BaselineAdminNetworkPolicy, which has none. */
  readonly priority?: number;
  readonly direction: Direction;
  readonly ruleIndex: number;
  /** The rule's `name`, when it has one. */
  readonly name?: string;
  /** The action as written: Accept, Deny, Pass (v1alpha2); Allow, Deny, Pass (v1alpha1). */
  readonly action: string;
}

/** Which step decided a direction: a tier, or the default (everything allowed). */
export type DecidingTier = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'Default';

/** How the admin and baseline tiers judged one direction of a flow. */
export interface TierVerdict {
  /** The step whose decision stands; undefined when the outcome is ambiguous. */
  readonly decidedBy?: DecidingTier;
  /** The Accept or Deny rule that decided, when a ClusterNetworkPolicy tier did. */
  readonly decidingRule?: TierRuleRef;
  /** Pass rules that handed the flow on to the next tier, in evaluation order. */
  readonly passedBy: readonly TierRuleRef[];
  /**
   * Why the outcome cannot be told from the API's documents, one sentence; with the rules
   * involved in `ambiguousRules`.
   */
  readonly ambiguity?: string;
  readonly ambiguousRules?: readonly TierRuleRef[];
  /**
   * True for a pod reaching its own Pod IP: ClusterNetworkPolicy does not apply to it
   * (network-policy-api site-src/api-overview.md), only NetworkPolicy does.
   * @default false
   */
  readonly hairpin?: boolean;
}

/** Why one direction allows or denies a flow. */
export interface DirectionVerdict {
  readonly direction: Direction;
  /** The endpoint whose policies decide this direction (source for egress, destination for ingress). */
  readonly endpoint: string;
  /** False when no policy selects the endpoint for this direction: everything is allowed. */
  readonly isolated: boolean;
  /** Policies (`namespace/name`) that select the endpoint for this direction, sorted. */
  readonly selectedBy: readonly string[];
  /** Rules that allow the flow; empty when denied or not isolated. */
  readonly allowedBy: readonly RuleRef[];
  /** With admin-tier policies: false also when ambiguous (see `tiers.ambiguity`). */
  readonly allowed: boolean;
  /**
   * The admin and baseline tiers' part: which tier decided, by which rule, what passed.
   * `isolated`, `selectedBy` and `allowedBy` stay the NetworkPolicy tier's facts.
   * @default undefined: the model holds no admin-tier policy
   */
  readonly tiers?: TierVerdict;
}

/** The verdict for one flow with both directions explained. */
export interface Explanation {
  readonly from: Peer;
  readonly to: Peer;
  readonly probe: PortProbe;
  readonly allowed: boolean;
  /**
   * True when the cluster's outcome depends on what the network-policy-api leaves undefined
   * (docs/admin-tier.md, "Ambiguous"): `allowed` is then false, and the direction verdicts
   * say why. Present only when the model holds admin-tier policies.
   * @default false
   */
  readonly ambiguous?: boolean;
  /** Undefined when the source is external (judged on the destination's side only). */
  readonly egress?: DirectionVerdict;
  /** Undefined when the destination is external. */
  readonly ingress?: DirectionVerdict;
}
