import type { WorkloadRef } from './endpoint';
import type { Protocol } from './network-policy';
import type { Labels } from './selector';

/**
 * One end of an observed flow, as the flow log named it: a pod by namespace and labels
 * (Hubble), a workload by `namespace/name` (the plain format), an address or a network.
 */
export type ObservedEnd = ObservedPod | ObservedWorkload | ObservedAddress | ObservedNetwork;

/** A pod the flow log identified by namespace and labels (pod names are never needed). */
export interface ObservedPod {
  readonly kind: 'pod';
  readonly namespace: string;
  /** Its labels without the source prefix (`k8s:app=web` is `app: web`), Cilium's own labels dropped. */
  readonly labels: Labels;
  /**
   * Its top controller, when the log names it (Hubble's `workloads`).
   * @default unknown
   */
  readonly workload?: WorkloadRef;
  /**
   * Labels of its namespace, when the log carries them (Cilium's `io.cilium.k8s.namespace.labels.*`).
   * @default unknown
   */
  readonly namespaceLabels?: Labels;
}

/** A workload named `namespace/name` (the plain format's `from` and `to`). */
export interface ObservedWorkload {
  readonly kind: 'workload';
  readonly namespace: string;
  readonly name: string;
}

/** One IP address with no pod identity: outside the cluster, a node, or a pod the log did not resolve. */
export interface ObservedAddress {
  readonly kind: 'address';
  readonly ip: string;
  /**
   * What the log calls the address (Cilium's reserved identity: `world`, `host`, `remote-node`,
   * `kube-apiserver`, ...).
   * @default none
   */
  readonly identity?: string;
}

/** A network (CIDR) standing for any of its addresses (the plain format). */
export interface ObservedNetwork {
  readonly kind: 'network';
  readonly cidr: string;
}

/** Observed flows with the same ends, destination port and protocol, counted. */
export interface ObservedFlowGroup {
  readonly from: ObservedEnd;
  readonly to: ObservedEnd;
  readonly port: number;
  readonly protocol: Protocol;
  /** How many observations (flow events or plain-format counts) the group stands for. */
  readonly count: number;
  /** Observations per verdict the log recorded (`FORWARDED`, `DROPPED`, ...); `unknown` when it records none. */
  readonly verdicts: Readonly<Record<string, number>>;
  /** The DNS names the log saw for the destination (Hubble's `destination_names`), sorted. */
  readonly destinationNames: readonly string[];
  /**
   * The Service the log saw the flow addressed to, `namespace/name` (Hubble's `destination_service`).
   * @default none
   */
  readonly destinationService?: string;
  /** Where the group was first seen: file and 1-based line. */
  readonly firstSeen: { readonly file: string; readonly line: number };
}

/** Observations the reader left out of the groups, by why, with a count each. */
export interface SkippedObservations {
  /** Why, in words (`reply (is_reply: true)`, `ICMP: NetworkPolicy ports are TCP, UDP or SCTP`, ...). */
  readonly reason: string;
  readonly count: number;
  /** Where the first one is: file and 1-based line. */
  readonly firstSeen: { readonly file: string; readonly line: number };
}

/** Everything read from flow files: the groups, and what was not a flow and why. */
export interface ObservedFlows {
  /** In the order each group was first seen. */
  readonly groups: readonly ObservedFlowGroup[];
  /** Observations not grouped, by reason, in the order each reason was first met. */
  readonly skipped: readonly SkippedObservations[];
  /** Lines read, blank lines included, over all files. */
  readonly lines: number;
  /** The flow files, as given. */
  readonly files: readonly string[];
}
