import * as kplus from 'cdk8s-plus-28';
import { NetworkPolicyPeer } from '../model';
import { Workload } from './workload';

/** A workload our constructs refer to, resolved so analysis and tests can treat it as an endpoint. */
export interface DeclaredWorkload {
  readonly namespace: string;
  /** The stable endpoint name within the namespace. */
  readonly name: string;
  /** The pod labels the policies select it by. */
  readonly labels: Record<string, string>;
}

/**
 * The other side of a rule: who may connect (ingress) or be connected to (egress).
 * One vocabulary for every construct: workloads, namespaces and IP ranges all render
 * themselves as ONE NetworkPolicy peer.
 */
export interface IPeer {
  /**
   * The peer as a policy in `policyNamespace` must write it: a pod selector alone means
   * "in the policy's namespace", so peers elsewhere add a namespace selector to the same peer.
   */
  toNetworkPolicyPeer(policyNamespace: string): NetworkPolicyPeer;

  /** The specific workloads this peer stands for; empty for namespaces and IP ranges. */
  declaredWorkloads(policyNamespace: string): DeclaredWorkload[];
}

/** A peer, or a cdk8s-plus-28 Deployment, StatefulSet, DaemonSet, Job or Pod. */
export type PeerLike = IPeer | kplus.AbstractPod;

/** One peer or several; several peers in one rule are an OR. */
export type PeersLike = PeerLike | readonly PeerLike[];

/** Normalizes peer inputs: cdk8s-plus-28 workloads become a `Workload` read from the object. */
export function toPeers(peers: PeersLike): IPeer[] {
  const list: readonly PeerLike[] = Array.isArray(peers) ? peers : [peers as PeerLike];
  return list.map((peer) => (peer instanceof kplus.AbstractPod ? Workload.of(peer) : peer));
}
