import type { ClusterNetworkPolicyEgressPeer } from '../model';
import { describeValue, oneOrListOf, PropType, satisfying } from './props-check';
import { ICdk8sPlusWorkload, isCdk8sPlusWorkload, Workload } from './workload';

/**
 * A peer (or the subject) of a ClusterNetworkPolicy rule. The policy is cluster-scoped, so a
 * peer names its namespaces itself: `Namespaces`, `Workload` with a namespace or namespace
 * labels, `IpRange` (egress `networks`), `Nodes` and `DomainNames` (egress, experimental).
 */
export interface IClusterPeer {
  /**
   * The peer as ONE ClusterNetworkPolicy peer (exactly one field set). Throws, starting the
   * message with `where`, when it has no such form (a workload without a namespace, an
   * IpRange with excepts).
   */
  toClusterNetworkPolicyPeer(where: string): ClusterNetworkPolicyEgressPeer;
}

/** A cluster peer, or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or Pod of any line. */
export type ClusterPeerLike = IClusterPeer | ICdk8sPlusWorkload;

/** One cluster peer or several; several peers in one rule are an OR. */
export type ClusterPeersLike = ClusterPeerLike | readonly ClusterPeerLike[];

function isClusterPeer(value: unknown): value is IClusterPeer {
  return typeof value === 'object' && value !== null && typeof (value as Partial<IClusterPeer>).toClusterNetworkPolicyPeer === 'function';
}

/**
 * Normalizes cluster peer inputs (cdk8s-plus workloads become a `Workload`); `where` names the
 * field for the error about anything else, such as `Peer.anywhere()`, which a
 * ClusterNetworkPolicy cannot write (its rules need at least one peer).
 */
export function toClusterPeers(peers: ClusterPeersLike, where: string): IClusterPeer[] {
  const list: readonly unknown[] = Array.isArray(peers) ? peers : [peers];
  if (list.length === 0) {
    throw new Error(`${where}: give at least one peer; a ClusterNetworkPolicy rule needs one (the CRD requires minItems 1)`);
  }
  return list.map((peer, index) => {
    if (isClusterPeer(peer)) {
      return peer;
    }
    if (isCdk8sPlusWorkload(peer)) {
      return Workload.of(peer);
    }
    const at = Array.isArray(peers) ? `${where}[${index}]` : where;
    throw new Error(`${at}: not a ClusterNetworkPolicy peer: give ${CLUSTER_PEER_CHOICES}; got ${describeValue(peer)}${EVERY_PEER_HINT}`);
  });
}

/** What a `ClusterPeerLike` may be, for errors. */
const CLUSTER_PEER_CHOICES = 'Namespaces, a Workload with a namespace, IpRange, Nodes, DomainNames, an IClusterPeer or a cdk8s-plus workload';
const EVERY_PEER_HINT = ' (for every pod use Namespaces.all(), for every address IpRange.anyIpv4() and IpRange.anyIpv6())';

/** True for a `ClusterPeerLike`. */
export function isClusterPeerLike(value: unknown): value is ClusterPeerLike {
  return isClusterPeer(value) || isCdk8sPlusWorkload(value);
}

/** A `ClusterPeersLike` prop: one cluster peer or a list of them. */
export const CLUSTER_PEERS_PROP: PropType = oneOrListOf(satisfying(isClusterPeerLike, `${CLUSTER_PEER_CHOICES}${EVERY_PEER_HINT}`));

