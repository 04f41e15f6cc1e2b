import type { NetworkPolicyPeer } from '../model';
import { ICdk8sPlusService, isCdk8sPlusService, Service } from './service';
import { ICdk8sPlusWorkload, isCdk8sPlusWorkload, Workload } from './workload';

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
 * themselves as ONE NetworkPolicy peer. Implement it for peers the vocabulary lacks.
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

/**
 * A peer, or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service of any line
 * (a Service, like `Service`, is the pods it selects).
 */
export type PeerLike = IPeer | ICdk8sPlusWorkload | ICdk8sPlusService;

/** One peer or several; several peers in one rule are an OR. */
export type PeersLike = PeerLike | readonly PeerLike[];

/** Every peer at once: the rule omits `from`/`to`, which Kubernetes reads as every source or destination. */
class Anywhere implements IPeer {
  public toNetworkPolicyPeer(): NetworkPolicyPeer {
    throw new Error('Peer.anywhere() is not one NetworkPolicy peer: a rule with it omits from/to; use it in a rule of a policy construct');
  }

  public declaredWorkloads(): DeclaredWorkload[] {
    return [];
  }
}

const ANYWHERE = new Anywhere();

/** Peers that are not one selector or address range. */
export class Peer {
  /**
   * Every source or destination, in the cluster and outside it: the rule is written without
   * `from`/`to` (`ingress: [{}]`, or `[{ ports }]` with ports), not as a list of peers.
   */
  public static anywhere(): IPeer {
    return ANYWHERE;
  }

  private constructor() {}
}

/** True for `Peer.anywhere()`. */
export function isAnywhere(peer: IPeer): boolean {
  return peer === ANYWHERE;
}

/**
 * Normalizes peer inputs: cdk8s-plus workloads become a `Workload` read from the object, and
 * cdk8s-plus Services a `Service`.
 * `where` names the field for the error about anything else.
 */
export function toPeers(peers: PeersLike, where: string): IPeer[] {
  const list: readonly unknown[] = Array.isArray(peers) ? peers : [peers];
  return list.map((peer, index) => {
    if (isPeer(peer)) {
      return peer;
    }
    if (isCdk8sPlusWorkload(peer)) {
      return Workload.of(peer);
    }
    if (isCdk8sPlusService(peer)) {
      return Service.of(peer);
    }
    const at = Array.isArray(peers) ? `${where}[${index}]` : where;
    throw new Error(
      `${at}: not a peer: give a Workload, Namespaces, IpRange, Service, Peer.anywhere(), an IPeer or a cdk8s-plus ` +
        `Deployment, StatefulSet, DaemonSet, Job, Pod or Service; got ${describe(peer)}`,
    );
  });
}

function isPeer(value: unknown): value is IPeer {
  return typeof value === 'object' && value !== null && typeof (value as Partial<IPeer>).toNetworkPolicyPeer === 'function';
}

/** A short description of a wrong value for error messages. */
export function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? String(value);
  }
  return `an object of type ${value.constructor?.name ?? 'Object'}`;
}
