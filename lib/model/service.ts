import { compareText } from './compare-text';
import { ContainerPort, Endpoint, endpointId } from './endpoint';
import { Protocol } from './network-policy';
import { SourceRef } from './source';

/**
 * Services and what sends traffic to them, as plain data, with the defaults the API server
 * applies (k8s.io/api core/v1 types.go, ServiceSpec and ServicePort doc comments).
 */

/** `spec.type`; "Defaults to ClusterIP" (ServiceSpec.Type). */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/**
 * `spec.externalTrafficPolicy`, for NodePort and LoadBalancer Services: `Cluster` (the
 * default, ServiceSpec.ExternalTrafficPolicy) masquerades the client to a node address;
 * `Local` keeps the client's address.
 */
export type ExternalTrafficPolicy = 'Cluster' | 'Local';

/** One entry of a Service's `spec.ports`. */
export interface ServicePort {
  /**
   * The port's name; required when a Service has more than one port.
   * @default none
   */
  readonly name?: string;
  /** The port the Service exposes (its cluster IP's port): NOT the port a policy must allow. */
  readonly port: number;
  /**
   * The port on the pods: a number, or the name of a container port looked up on each pod.
   * "If this is not specified, the value of the 'port' field is used" (ServicePort.TargetPort).
   */
  readonly targetPort: number | string;
  /** "Default is TCP" (ServicePort.Protocol). */
  readonly protocol: Protocol;
}

/** A core/v1 Service. */
export interface Service {
  readonly namespace: string;
  readonly name: string;
  /**
   * `spec.selector` (a map: equality only). Undefined when absent or empty: "the service is
   * assumed to have an external process managing its endpoints" (ServiceSpec.Selector), so
   * its endpoints are not pods a NetworkPolicy can select.
   */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  readonly type: ServiceType;
  /** Meaningful for NodePort and LoadBalancer Services only. */
  readonly externalTrafficPolicy: ExternalTrafficPolicy;
  readonly source?: SourceRef;
}

/** Who sends the traffic a reference to a Service stands for. */
export type ServiceCaller = 'ingress-controller' | 'api-server';

/** `Fail` (the admissionregistration.k8s.io/v1 default) or `Ignore`. */
export type WebhookFailurePolicy = 'Fail' | 'Ignore';

/**
 * An object sending traffic to a Service: an Ingress or Gateway API route backend (the
 * ingress controller or Gateway calls it) or an admission webhook (the API server calls it).
 */
export interface ServiceReference {
  /** The referring object's kind (`Ingress`, `HTTPRoute`, `GRPCRoute`, `ValidatingWebhookConfiguration`, ...). */
  readonly kind: string;
  /** The referring object's namespace; undefined for cluster-scoped webhook configurations. */
  readonly namespace?: string;
  readonly name: string;
  /** Where in the referring object, e.g. `spec.rules[0].http.paths[1].backend.service`. */
  readonly path: string;
  /** The Service, by namespace and name. */
  readonly service: { readonly namespace: string; readonly name: string };
  /** The Service port, by number or by name (an Ingress may name it). */
  readonly port: number | string;
  readonly caller: ServiceCaller;
  /**
   * For a webhook: its name and what the API server does when it cannot call it.
   * @default none: not a webhook
   */
  readonly webhook?: { readonly name: string; readonly failurePolicy: WebhookFailurePolicy };
  readonly source?: SourceRef;
}

/** `svc/namespace/name` (and `:port`), the way reports and the command line name a Service. */
export function serviceId(service: Pick<Service, 'namespace' | 'name'>, port?: number | string): string {
  return `svc/${service.namespace}/${service.name}${port === undefined ? '' : `:${port}`}`;
}

/**
 * The Service's port by number or name, as `kubectl port-forward svc/x` and an Ingress
 * backend name it. A number names `port`, never `targetPort`.
 */
export function findServicePort(service: Pick<Service, 'ports'>, port: number | string): ServicePort | undefined {
  return service.ports.find((entry) => (typeof port === 'number' ? entry.port === port : entry.name === port));
}

/** The endpoints a Service's selector picks: in its namespace, every selector label equal. None without a selector. */
export function servicePods(service: Service, endpoints: readonly Endpoint[]): Endpoint[] {
  const selector = service.selector;
  if (selector === undefined) {
    return [];
  }
  return endpoints
    .filter((endpoint) => endpoint.namespace === service.namespace && Object.entries(selector).every(([key, value]) => endpoint.labels[key] === value))
    .sort((a, b) => compareText(endpointId(a), endpointId(b)));
}

/**
 * The port number a Service port delivers to on one pod: a numeric targetPort as is; a named
 * one is the container port of that name AND the Service port's protocol, as the endpoints
 * controller looks it up (kubernetes/kubernetes pkg/api/v1/pod/util.go FindPort:
 * `port.Name == name && port.Protocol == svcPort.Protocol`). Undefined when the pod has no such
 * port: the controller then leaves the pod out of the Service's endpoints for that port.
 */
export function resolveTargetPort(servicePort: ServicePort, ports: readonly ContainerPort[]): number | undefined {
  const target = servicePort.targetPort;
  if (typeof target === 'number') {
    return target;
  }
  return ports.find((port) => port.name === target && port.protocol === servicePort.protocol)?.port;
}

/** Where one Service port delivers on one of its pods. */
export interface ServiceTarget {
  /** The endpoint id, `namespace/name`. */
  readonly endpoint: string;
  /** The pod port; undefined when a named targetPort does not resolve on it. */
  readonly port?: number;
  readonly protocol: Protocol;
}

/** Where a Service port delivers, per selected pod, sorted by endpoint id. */
export function serviceTargets(service: Service, servicePort: ServicePort, endpoints: readonly Endpoint[]): ServiceTarget[] {
  return servicePods(service, endpoints).map((endpoint) => {
    const port = resolveTargetPort(servicePort, endpoint.ports);
    return { endpoint: endpointId(endpoint), ...(port === undefined ? {} : { port }), protocol: servicePort.protocol };
  });
}
