import { compareText } from './compare-text';
import { Protocol } from './network-policy';
import { SourceRef } from './source';

/** A port a container listens on; named ports are what `port: http` in a policy resolves to. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** The controller a pod belongs to, by kind and name (its namespace is the pod's). */
export interface WorkloadRef {
  readonly kind: string;
  readonly name: string;
}

/**
 * A thing traffic flows to and from inside the cluster: a Pod, a workload standing for all
 * its pods (read from the pods, or from its pod template when no pod is given), or one
 * replica of a StatefulSet. Identified as `namespace/name`.
 */
export interface Endpoint {
  readonly namespace: string;
  readonly name: string;
  /** What it stands for: `Pod`, or the workload kind (Deployment, ReplicaSet, Job, ...). */
  readonly kind: string;
  /**
   * The pod labels: a workload's template labels plus the labels the control plane adds
   * whose value the input tells; for pods grouped under a workload, the labels all share.
   */
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /** Pod IPs from status.podIP(s), when known; a workload holds all its pods' IPs. */
  readonly ips: readonly string[];
  readonly source?: SourceRef;
  /**
   * The pods it stands for, by name, when read from pods of a workload.
   * @default none: a template, or a pod on its own
   */
  readonly pods?: readonly string[];
  /**
   * The top controller of a pod (or StatefulSet replica) that is an endpoint on its own.
   * @default none
   */
  readonly workload?: WorkloadRef;
  /**
   * True when its pods share the node's network namespace (`spec.hostNetwork`).
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Label keys the control plane sets on these pods with a value the input cannot tell
   * (`pod-template-hash` of a Deployment template, `controller-uid`, ...): they are absent
   * from `labels`.
   * @default none
   */
  readonly unknownLabels?: readonly string[];
  /**
   * Why a verdict involving this endpoint may not be what the cluster does, one sentence each.
   * @default none
   */
  readonly caveats?: readonly string[];
}

/**
 * The caveat on every verdict involving a hostNetwork pod. The Kubernetes docs
 * (concepts/services-networking/network-policies, "NetworkPolicy and hostNetwork pods"):
 * "NetworkPolicy behaviour for hostNetwork pods is undefined": a plugin either applies
 * policies to them like to other pods, or ignores them in podSelector and namespaceSelector
 * and treats their traffic as the node's ("the most common implementation").
 */
export const HOST_NETWORK_CAVEAT = 'hostNetwork: enforcement depends on the CNI';

/** A namespace with its labels, including the automatic `kubernetes.io/metadata.name`. */
export interface Namespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly source?: SourceRef;
}

/** The label Kubernetes sets on every namespace (GA in 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** `namespace/name`, the way endpoints are named in reports and on the command line. */
export function endpointId(endpoint: Pick<Endpoint, 'namespace' | 'name'>): string {
  return `${endpoint.namespace}/${endpoint.name}`;
}

/** The namespace and name of an endpoint id (`namespace/name`; names cannot hold a slash). */
export function parseEndpointId(id: string): { readonly namespace: string; readonly name: string } {
  const slash = id.indexOf('/');
  return { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}

/** A caveat on the verdicts involving one endpoint. */
export interface EndpointCaveat {
  /** The endpoint id, `namespace/name`. */
  readonly endpoint: string;
  readonly caveat: string;
}

/** What an endpoint stands for, when it is more than a pod on its own. */
export interface WorkloadNote {
  /** The endpoint id, `namespace/name`. */
  readonly endpoint: string;
  readonly kind: string;
  /** The top controller of a pod (or StatefulSet replica) that is an endpoint on its own. */
  readonly workload?: WorkloadRef;
  /** The pods a workload's endpoint was read from. */
  readonly pods?: readonly string[];
}

/** What reports say about the endpoints beside their ids: workloads and caveats. */
export interface EndpointNotes {
  /** Endpoints that are workloads or pods of one, by id. */
  readonly workloads: readonly WorkloadNote[];
  /** Every caveat, by endpoint id then text. */
  readonly caveats: readonly EndpointCaveat[];
}

/** The notes on the endpoints `ids` lists (all when undefined). */
export function endpointNotes(endpoints: readonly Endpoint[], ids?: ReadonlySet<string>): EndpointNotes {
  const listed = endpoints.map((endpoint) => ({ id: endpointId(endpoint), endpoint })).filter(({ id }) => !ids || ids.has(id));
  listed.sort((a, b) => compareText(a.id, b.id));
  const workloads = listed
    .filter(({ endpoint }) => endpoint.kind !== 'Pod' || endpoint.workload)
    .map(({ id, endpoint }) => ({
      endpoint: id,
      kind: endpoint.kind,
      ...(endpoint.workload ? { workload: endpoint.workload } : {}),
      ...(endpoint.pods ? { pods: endpoint.pods } : {}),
    }));
  const caveats = listed.flatMap(({ id, endpoint }) => (endpoint.caveats ?? []).map((caveat) => ({ endpoint: id, caveat })));
  return { workloads, caveats };
}
