import { ClusterModel, Service, ServicePort, ServiceReference, ServiceTarget, findServicePort, serviceId, serviceTargets } from '../model';
import { closestNames, dns1123LabelErrors } from '../validate';
import { EndpointReferenceError, labelTerms } from './endpoint-reference';

/** The prefix of a Service reference on the command line: `svc/namespace/name[:port]`, as kubectl writes `svc/name`. */
export const SERVICE_PREFIX = 'svc/';

/** Whether text names a Service (`svc/...`) rather than an endpoint. */
export function isServiceReference(value: string): boolean {
  return value.startsWith(SERVICE_PREFIX);
}

/** One port of a Service and where it delivers on each of the Service's pods. */
export interface ResolvedServicePort {
  readonly servicePort: ServicePort;
  /** Per selected pod, by endpoint id; `port` undefined where a named targetPort does not resolve. */
  readonly targets: readonly ServiceTarget[];
}

/** A Service named on the command line, with the port(s) asked for resolved on its pods. */
export interface ResolvedService {
  readonly service: Service;
  /** The port asked for, or every port of the Service when none was. */
  readonly ports: readonly ResolvedServicePort[];
}

/** Text naming a Service that is not in the inputs, has no selector, or lacks the port. */
export class ServiceReferenceError extends EndpointReferenceError {}

function fail(field: string, message: string): never {
  throw new ServiceReferenceError('UNKNOWN_ENDPOINT', `${field}: ${message}`);
}

/**
 * Reads `svc/namespace/name[:port]` (port: a Service port number or name) against the
 * model's Services, resolving the ports on the pods the Service selects. A Service without a
 * selector is refused: its endpoints are managed outside Kubernetes and are not pods a
 * NetworkPolicy can select. Errors name the field and suggest close names.
 */
export function resolveServiceReference(field: string, value: string, model: ClusterModel): ResolvedService {
  const text = value.slice(SERVICE_PREFIX.length);
  const colon = text.indexOf(':');
  const id = colon < 0 ? text : text.slice(0, colon);
  const portText = colon < 0 ? undefined : text.slice(colon + 1);
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1 || id.indexOf('/', slash + 1) >= 0) {
    fail(field, `${JSON.stringify(value)} is not a Service reference: expected svc/namespace/name or svc/namespace/name:port`);
  }
  const services = model.services ?? [];
  const service = services.find((candidate) => `${candidate.namespace}/${candidate.name}` === id);
  if (!service) {
    const known = services.map((candidate) => serviceId(candidate));
    const close = closestNames(`svc/${id}`, known);
    fail(field, `no Service ${JSON.stringify(`svc/${id}`)} in the inputs${close.length > 0 ? `; did you mean ${close.join(', ')}?` : `; known Services: ${known.slice(0, 10).join(', ') || '(none)'}`}`);
  }
  if (service.selector === undefined) {
    fail(field, `${serviceId(service)} has no selector: its endpoints are managed outside Kubernetes, not pods a NetworkPolicy can select`);
  }
  let ports = service.ports;
  if (portText !== undefined) {
    const wanted = /^[0-9]+$/.test(portText) ? Number(portText) : portText;
    const port = findServicePort(service, wanted);
    if (!port) {
      const known = service.ports.map((entry) => (entry.name ? `${entry.port} (${entry.name})` : String(entry.port)));
      fail(field, `${serviceId(service)} has no port ${JSON.stringify(portText)} (a Service port number or name); its ports: ${known.join(', ') || '(none)'}`);
    }
    ports = [port];
  }
  if (ports.length === 0) {
    fail(field, `${serviceId(service)} has no ports`);
  }
  return { service, ports: ports.map((servicePort) => ({ servicePort, targets: serviceTargets(service, servicePort, model.endpoints) })) };
}

/** The ingress controller's pods as `--ingress-controller namespace/key=value,...` names them. */
export interface IngressControllerRef {
  readonly namespace: string;
  /** Equality terms, all of which a controller pod's labels have. */
  readonly labels: Readonly<Record<string, string>>;
}

/** `--ingress-controller` text that is not `namespace/key=value[,key=value...]`. */
export class IngressControllerError extends Error {
  readonly code = 'INVALID_INGRESS_CONTROLLER';

  constructor(field: string, value: string, detail: string) {
    super(`${field}: ${JSON.stringify(value)} ${detail}; expected namespace/key=value[,key=value...], e.g. ingress-nginx/app.kubernetes.io/name=ingress-nginx`);
    this.name = 'IngressControllerError';
  }
}

/** Reads `namespace/key=value[,key=value...]`; label keys may hold a slash of their own (`app.kubernetes.io/name`). */
export function parseIngressController(field: string, value: string): IngressControllerRef {
  const slash = value.indexOf('/');
  if (slash <= 0) {
    throw new IngressControllerError(field, value, 'names no namespace');
  }
  const namespace = value.slice(0, slash);
  const namespaceErrors = dns1123LabelErrors(namespace);
  if (namespaceErrors.length > 0) {
    throw new IngressControllerError(field, value, `names an invalid namespace: ${namespaceErrors.join('; ')}`);
  }
  const labels = labelTerms(value.slice(slash + 1));
  if (typeof labels === 'string') {
    throw new IngressControllerError(field, value, labels);
  }
  return { namespace, labels };
}

/** What a reference to a Service (an Ingress or route backend, a webhook) reaches in the model. */
export interface ReferencedService {
  /** The Service; undefined when it is not in the inputs. */
  readonly service?: Service;
  /** The Service port referred to; undefined when the Service has no such port. */
  readonly servicePort?: ServicePort;
  /** Where that port delivers, per pod the Service selects; empty without a selector. */
  readonly targets: readonly ServiceTarget[];
}

/** The Service, port and pod ports a reference reaches. */
export function referencedService(model: ClusterModel, reference: ServiceReference): ReferencedService {
  const service = (model.services ?? []).find((candidate) => candidate.namespace === reference.service.namespace && candidate.name === reference.service.name);
  const servicePort = service ? findServicePort(service, reference.port) : undefined;
  return { service, servicePort, targets: service && servicePort ? serviceTargets(service, servicePort, model.endpoints) : [] };
}
