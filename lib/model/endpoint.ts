import { Protocol } from './network-policy';
import { SourceRef } from './source';

/** A port a container listens on; named ports are what `port: http` in a policy resolves to. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * A thing traffic flows to and from inside the cluster: a Pod, or a workload's pod template
 * standing for all its replicas. Identified as `namespace/name`.
 */
export interface Endpoint {
  readonly namespace: string;
  readonly name: string;
  /** The object kind it was read from (Pod, Deployment, ...). */
  readonly kind: string;
  /** The pod labels (a workload's template labels). */
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /** Pod IPs from status.podIP(s), when known. */
  readonly ips: readonly string[];
  readonly source?: SourceRef;
}

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
