import { Direction, Protocol } from '../model';

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
  readonly allowed: boolean;
}

/** The verdict for one flow with both directions explained. */
export interface Explanation {
  readonly from: Peer;
  readonly to: Peer;
  readonly probe: PortProbe;
  readonly allowed: boolean;
  /** Undefined when the source is external (judged on the destination's side only). */
  readonly egress?: DirectionVerdict;
  /** Undefined when the destination is external. */
  readonly ingress?: DirectionVerdict;
}
