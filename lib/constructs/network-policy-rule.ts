import type { PolicyRule } from './network-policy-base';
import { PeersLike } from './peer';
import { Port } from './port';

/** An ingress rule of a `NetworkPolicy`: traffic from any of the peers on any of the ports. */
export interface IngressRule {
  /**
   * Who may connect: one peer or several (several are an OR). `Peer.anywhere()` is every
   * source, in the cluster and outside it.
   * @default every source (the rule has no `from`)
   */
  readonly from?: PeersLike;
  /**
   * The destination ports, on the policy's pods; `Port.service` entries resolve on the
   * policy's Service when its pods are one.
   * @default every port of every protocol; on the pods of a Service, its target ports
   */
  readonly ports?: readonly Port[];
}

/** An egress rule of a `NetworkPolicy`: traffic to any of the peers on any of the ports. */
export interface EgressRule {
  /**
   * Where the pods may connect: one peer or several (several are an OR). `Peer.anywhere()`
   * is every destination, in the cluster and outside it.
   * @default every destination (the rule has no `to`)
   */
  readonly to?: PeersLike;
  /**
   * The destination ports; named ports resolve on the peers, `Port.service` entries on the
   * peers when they are all Services.
   * @default every port of every protocol; to a Service peer, its target ports (one rule per
   * Service when they differ)
   */
  readonly ports?: readonly Port[];
}

/** The rule as the policy base takes it. */
export function ingressRule(rule: IngressRule): PolicyRule {
  return { peers: rule.from, ports: rule.ports };
}

/** The rule as the policy base takes it. */
export function egressRule(rule: EgressRule): PolicyRule {
  return { peers: rule.to, ports: rule.ports };
}
