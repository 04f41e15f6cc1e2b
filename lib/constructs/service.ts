import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicyPeer } from '../model';
import { findServicePort, isPortNumber, PROTOCOLS, Protocol, ServicePort } from '../model';
import { portNameErrors } from '../validate';
import { ConstructInputError } from './construct-input-error';
import type { DeclaredWorkload, IPeer } from './peer';
import { describeServicePort, Port } from './port';
import { Workload } from './workload';
import { checkProps, LABELS, optionalProp, satisfying, TEXT } from './props-check';

/**
 * A cdk8s-plus Service of any line, 28 to 33 and later, recognised by the public surface those
 * lines share (as workloads are, see `ICdk8sPlusWorkload`). Its selector and ports are read
 * from the object it renders, at synth, so ports bound later and escape-hatch patches (a
 * named `targetPort`) count.
 */
export interface ICdk8sPlusService {
  /** The Service's `metadata.name`. */
  readonly name: string;
  /** Its metadata; the namespace is read from it. */
  readonly metadata: { readonly namespace?: string };
  /** cdk8s-plus's resource type, `services` for a Service. */
  readonly resourceType: string;
  /** The ports bound so far. */
  readonly ports: readonly { readonly port: number }[];
  /** cdk8s-plus's method adding a label to the Service's selector. */
  selectLabel(key: string, value: string): void;
}

/** A `Service`, or a cdk8s-plus Service of any line. */
export type ServiceLike = Service | ICdk8sPlusService;

/** True for an object with the cdk8s-plus Service surface (see `ICdk8sPlusService`). */
export function isCdk8sPlusService(value: unknown): value is ICdk8sPlusService {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<Record<keyof ICdk8sPlusService, unknown>>;
  return (
    candidate.resourceType === 'services' &&
    typeof candidate.name === 'string' &&
    typeof candidate.metadata === 'object' &&
    Array.isArray(candidate.ports) &&
    typeof candidate.selectLabel === 'function'
  );
}

/** One entry of `ServiceSelectOptions.ports`, as in the Service's `spec.ports`. */
export interface ServicePortOptions {
  /** The port the Service exposes on its cluster IP: NOT the port a policy allows. */
  readonly port: number;
  /**
   * The port on the pods: a number, or the name of a container port looked up on each pod.
   * @default `port` (as the API server defaults it)
   */
  readonly targetPort?: number | string;
  /**
   * The protocol.
   * @default 'TCP'
   */
  readonly protocol?: Protocol;
  /**
   * The port's name, for `Port.service(name)`; required when the Service has several ports.
   * @default none
   */
  readonly name?: string;
}

/** Options for `Service.select`. */
export interface ServiceSelectOptions {
  /**
   * The namespace of the Service (and so of its pods).
   * @default the namespace of the policy that refers to the Service
   */
  readonly namespace?: string;
  /** The Service's `spec.selector`: its pods carry all these labels. */
  readonly selector: Readonly<Record<string, string>>;
  /** The Service's `spec.ports`. */
  readonly ports: readonly ServicePortOptions[];
}

/** A Service's selector and ports, with the API server's defaults applied. */
interface ServiceSpecParts {
  /** Empty when the Service has none. */
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
}

/**
 * A Service, as pods or as a peer: it stands for the pods its selector picks. A NetworkPolicy
 * is enforced on the pods, so what it must allow is each Service port's `targetPort` (the pod
 * port), never the Service's `port`:
 *
 * - as the `pods` of an ingress policy (`AllowFrom`, `NetworkPolicy`), its rules' ports
 *   default to the Service's target ports;
 * - as the `to` of an egress rule (`AllowTo`, `AllowTraffic`), the rule's ports default to
 *   them too (with several Services, each gets a rule with its own target ports);
 * - `Port.service('http')` picks one Service port by name (or number) and allows its
 *   `targetPort`; a named targetPort stays a named port, resolved on each pod by the
 *   container port of that name and the Service port's protocol, as the endpoints
 *   controller resolves it (so it is never guessed from one pod).
 *
 * A Service without a selector is refused: its endpoints are managed outside Kubernetes's
 * selector and are not pods a policy can select. A Service stands for no endpoint of its own
 * in tests (`declaredWorkloads`): declare its pods (the workload, or `Workload.select`).
 *
 * ```ts
 * const api = Service.select('api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
 * new AllowFrom(prod, 'api-from-web', { pods: api, from: web }); // ingress on TCP 8080
 * ```
 */
export class Service implements IPeer {
  /**
   * A Service defined elsewhere (another repository, a Helm chart), by its name, selector and
   * ports. The ports are checked as the API server checks them.
   */
  public static select(name: string, options: ServiceSelectOptions): Service {
    const where = `Service.select(${JSON.stringify(name)})`;
    if (typeof name !== 'string' || name.length === 0) {
      throw new ConstructInputError('INVALID_SERVICE', where, 'name', 'give the name of the Service');
    }
    // The types, for plain JavaScript; an empty selector and the ports' fields are refused below.
    checkProps<ServiceSelectOptions>(where, options, {
      namespace: optionalProp(TEXT),
      selector: optionalProp(LABELS),
      ports: optionalProp(satisfying(Array.isArray, 'a list of ports { port, targetPort?, protocol?, name? }')),
    });
    const given: Partial<ServiceSelectOptions> = options ?? {};
    const selector = { ...(given.selector ?? {}) };
    if (Object.keys(selector).length === 0) {
      throw withoutSelector(where, 'selector', 'the Service');
    }
    if (!Array.isArray(given.ports) || given.ports.length === 0) {
      throw new ConstructInputError('INVALID_SERVICE', where, 'ports', 'give at least one port ({ port, targetPort, protocol, name }); a Service has one');
    }
    const ports = given.ports.map((port, index) => servicePort(where, `ports[${index}]`, port));
    refusePortNameClashes(where, ports);
    return new Service(name, given.namespace, where, () => ({ selector, ports }));
  }

  /** A cdk8s-plus Service of any line; it is read from the object it renders, at synth. */
  public static of(service: ICdk8sPlusService): Service {
    const resource = Construct.isConstruct(service) ? service.node.tryFindChild('Resource') : undefined;
    if (!Construct.isConstruct(service) || !resource || !ApiObject.isApiObject(resource)) {
      throw new ConstructInputError('INVALID_SERVICE', `Service ${service.name}`, 'service', 'not a cdk8s-plus Service construct (no Resource API object to read)');
    }
    const where = service.node.path;
    return new Service(service.name, service.metadata.namespace, where, () => renderedParts(resource, where));
  }

  /** The Service's name. */
  public readonly name: string;
  /** The Service's namespace, when not the policy's own. */
  public readonly namespace: string | undefined;
  /** The pods the Service selects, as a workload (every port: no Service port semantics). */
  public readonly pods: Workload;
  private readonly where: string;
  private readonly parts: () => ServiceSpecParts;

  private constructor(name: string, namespace: string | undefined, where: string, parts: () => ServiceSpecParts) {
    this.name = name;
    this.namespace = namespace;
    this.where = where;
    this.parts = parts;
    this.pods = Workload.selectAtSynth(() => this.selector(), where, { namespace, name });
  }

  public toNetworkPolicyPeer(policyNamespace: string): NetworkPolicyPeer {
    return this.pods.toNetworkPolicyPeer(policyNamespace);
  }

  /** None: a Service is a selector over pods, not a pod; declare its pods to test them. */
  public declaredWorkloads(): DeclaredWorkload[] {
    return [];
  }

  /**
   * The ports a rule to this Service allows: `ports` with each `Port.service` entry replaced by
   * its Service port's targetPort, or, when `ports` is undefined, every target port of the
   * Service (once each). A Service port it does not have is refused as the `rule`'s field
   * (`ingress[0]`) of the construct at `path`.
   */
  public targetPorts(ports: readonly Port[] | undefined, path: string, rule: string): Port[] {
    const { ports: servicePorts } = this.parts();
    if (ports === undefined) {
      // Two Service ports may deliver to one pod port: allow it once.
      const byEntry = new Map(servicePorts.map(targetPortOf).map((port) => [JSON.stringify(port.toNetworkPolicyPort()), port]));
      return [...byEntry.values()];
    }
    return ports.map((port, index) => {
      if (port.servicePort === undefined) {
        return port;
      }
      const found = findServicePort({ ports: servicePorts }, port.servicePort);
      if (!found) {
        const known = servicePorts.map(describePort).join(', ');
        throw new ConstructInputError(
          'UNKNOWN_SERVICE_PORT',
          path,
          `${rule}.ports[${index}]`,
          `${describeServicePort(port.servicePort)}: the Service ${this.where} has no port ${typeof port.servicePort === 'number' ? 'numbered' : 'named'} ` +
            `${JSON.stringify(port.servicePort)}; its ports: ${known}`,
        );
      }
      return targetPortOf(found);
    });
  }

  /**
   * Refuses a Service without a selector as the `field` of the construct at `path`; checked
   * when the policy renders, since a cdk8s-plus Service may get its selector after the
   * policy is created.
   */
  public requireSelector(path: string, field: string): void {
    if (Object.keys(this.parts().selector).length === 0) {
      throw withoutSelector(path, field, `the Service ${this.where}`);
    }
  }

  private selector(): Readonly<Record<string, string>> {
    this.requireSelector(this.where, 'spec.selector');
    return this.parts().selector;
  }
}

/** True when some entry is a `Port.service` entry, which only a Service can resolve. */
export function needsService(ports: readonly Port[] | undefined): boolean {
  return (ports ?? []).some((port) => port.servicePort !== undefined);
}

function withoutSelector(path: string, field: string, service: string): ConstructInputError {
  return new ConstructInputError(
    'SERVICE_WITHOUT_SELECTOR',
    path,
    field,
    `${service} has no selector: its endpoints are managed outside Kubernetes (EndpointSlices written by hand or by a ` +
      'controller), not pods a NetworkPolicy can select; give the Service a selector, or select its backends with ' +
      'Workload.select (pods) or IpRange (addresses)',
  );
}

/** A Service port's targetPort as a policy port, with the Service port's protocol written out. */
function targetPortOf(port: ServicePort): Port {
  if (typeof port.targetPort === 'string') {
    return Port.named(port.targetPort, port.protocol);
  }
  return ONE_PORT[port.protocol](port.targetPort);
}

const ONE_PORT: Readonly<Record<Protocol, (port: number) => Port>> = { TCP: Port.tcp, UDP: Port.udp, SCTP: Port.sctp };

/** `http (80 -> 8080/TCP)`, the way errors list a Service's ports. */
function describePort(port: ServicePort): string {
  return `${port.name ?? '(unnamed)'} (${port.port} -> ${port.targetPort}/${port.protocol})`;
}

/** One `Service.select` port with the API server's defaults, refused as the API server would. */
function servicePort(where: string, field: string, options: ServicePortOptions): ServicePort {
  const fail = (at: string, detail: string): ConstructInputError => new ConstructInputError('INVALID_SERVICE', where, `${field}${at}`, detail);
  if (!isPortNumber(options.port)) {
    throw fail('.port', `must be an integer between 1 and 65535, inclusive, got ${JSON.stringify(options.port)}`);
  }
  const protocol = options.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) {
    throw fail('.protocol', `unsupported value ${JSON.stringify(protocol)}: supported values: ${PROTOCOLS.join(', ')}`);
  }
  const targetPort = options.targetPort ?? options.port;
  if (typeof targetPort === 'string' ? portNameErrors(targetPort).length > 0 : !isPortNumber(targetPort)) {
    const errors = typeof targetPort === 'string' ? `: ${portNameErrors(targetPort).join('; ')}` : '';
    throw fail('.targetPort', `must be a port number (1-65535) or a container port name, got ${JSON.stringify(targetPort)}${errors}`);
  }
  if (options.name !== undefined && portNameErrors(options.name).length > 0) {
    throw fail('.name', `${JSON.stringify(options.name)} is not a valid port name: ${portNameErrors(options.name).join('; ')}`);
  }
  return { ...(options.name === undefined ? {} : { name: options.name }), port: options.port, targetPort, protocol };
}

/** ValidateService: several ports must each have a name, and names are unique. */
function refusePortNameClashes(where: string, ports: readonly ServicePort[]): void {
  const names = new Set<string>();
  ports.forEach((port, index) => {
    if (ports.length > 1 && port.name === undefined) {
      throw new ConstructInputError('INVALID_SERVICE', where, `ports[${index}].name`, 'required: every port of a Service with more than one port must have a name');
    }
    if (port.name !== undefined && names.has(port.name)) {
      throw new ConstructInputError('INVALID_SERVICE', where, `ports[${index}].name`, `duplicate port name ${JSON.stringify(port.name)}`);
    }
    names.add(port.name ?? '');
  });
}

/**
 * The selector and ports of the object a cdk8s-plus Service renders (patches applied), with
 * the API server's defaults: `targetPort` absent, 0 or "" is `port`, protocol TCP.
 */
function renderedParts(resource: ApiObject, where: string): ServiceSpecParts {
  const spec = (resource.toJson() as { spec?: { selector?: unknown; ports?: unknown } }).spec ?? {};
  const selector = spec.selector ?? {};
  if (typeof selector !== 'object' || selector === null || Object.values(selector).some((value) => typeof value !== 'string')) {
    throw new ConstructInputError('INVALID_SERVICE', where, 'spec.selector', `must be a map of label values, got ${JSON.stringify(selector)}`);
  }
  const ports = Array.isArray(spec.ports) ? (spec.ports as ServicePortOptions[]) : [];
  return {
    selector: selector as Record<string, string>,
    ports: ports.map((port, index) => {
      const targetPort = (port.targetPort as unknown) === 0 || port.targetPort === '' ? undefined : port.targetPort;
      return servicePort(where, `spec.ports[${index}]`, { ...port, targetPort });
    }),
  };
}

/** The `Service` a value stands for: itself, a cdk8s-plus Service read with `Service.of`, or none. */
export function toService(value: unknown): Service | undefined {
  if (value instanceof Service) {
    return value;
  }
  return isCdk8sPlusService(value) ? Service.of(value) : undefined;
}
