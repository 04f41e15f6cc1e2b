import { ExternalTrafficPolicy, PROTOCOLS, Protocol, Service, ServicePort, ServiceType, isPortNumber } from '../model';
import { JsonObject, portNameErrors } from '../validate';
import { FieldReader } from './field-reader';
import { describeValue } from './manifest-error';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const TRAFFIC_POLICIES: readonly ExternalTrafficPolicy[] = ['Cluster', 'Local'];

/** One of `allowed`, or `fallback` when absent; anything else fails at `path`. */
function readEnum<T extends string>(reader: FieldReader, value: unknown, path: string, allowed: readonly T[], fallback: T): T {
  const given = reader.optionalString(value, path);
  if (given === undefined || given === '') {
    return fallback;
  }
  if (!allowed.includes(given as T)) {
    reader.fail(path, `unsupported value ${JSON.stringify(given)}: supported values: ${allowed.join(', ')}`);
  }
  return given as T;
}

/** A port number, as the API server validates a Service's `port` (1..65535). */
export function readPortNumber(reader: FieldReader, value: unknown, path: string): number {
  if (!isPortNumber(value)) {
    reader.fail(path, `must be an integer between 1 and 65535, inclusive, got ${describeValue(value)}`);
  }
  return value;
}

/** A port by number or by IANA service name (an int-or-string port of a Service or Ingress). */
export function readPortNumberOrName(reader: FieldReader, value: unknown, path: string): number | string {
  if (typeof value === 'string') {
    const errors = portNameErrors(value);
    if (errors.length > 0) {
      reader.fail(path, `${JSON.stringify(value)} is not a valid port name: ${errors.join('; ')}`);
    }
    return value;
  }
  return readPortNumber(reader, value, path);
}

/**
 * `targetPort`: absent, `0` or `""` default to `port` (kubernetes/kubernetes
 * pkg/apis/core/v1/defaults.go SetDefaults_Service: "if sp.TargetPort == intstr.FromInt32(0) ||
 * sp.TargetPort == intstr.FromString("") { sp.TargetPort = intstr.FromInt32(sp.Port) }").
 */
function readTargetPort(reader: FieldReader, value: unknown, path: string, port: number): number | string {
  if (value === undefined || value === null || value === 0 || value === '') {
    return port;
  }
  return readPortNumberOrName(reader, value, path);
}

function readServicePort(reader: FieldReader, value: unknown, path: string): ServicePort {
  const entry = reader.mapping(value, path);
  const port = readPortNumber(reader, entry.port, `${path}.port`);
  const protocol = readEnum<Protocol>(reader, entry.protocol, `${path}.protocol`, PROTOCOLS, 'TCP');
  const name = reader.optionalString(entry.name, `${path}.name`) || undefined;
  if (name !== undefined) {
    const errors = portNameErrors(name);
    if (errors.length > 0) {
      reader.fail(`${path}.name`, `${JSON.stringify(name)} is not a valid port name: ${errors.join('; ')}`);
    }
  }
  return { ...(name ? { name } : {}), port, targetPort: readTargetPort(reader, entry.targetPort, `${path}.targetPort`, port), protocol };
}

/**
 * Reads a core/v1 Service: its selector (a map; empty means none), its ports with their
 * defaults, type and externalTrafficPolicy (both defaulted as ServiceSpec documents). A port
 * that the API server would reject (a number outside 1..65535, an invalid name, a nameless
 * port in a multi-port Service, two ports of one name) fails the reader at its path.
 */
export function readService(reader: FieldReader, object: JsonObject, identity: { readonly namespace: string; readonly name: string }): Service {
  const spec = reader.optionalMapping(object.spec, 'spec') ?? {};
  const selector = reader.labels(spec.selector, 'spec.selector');
  const ports = reader.list(spec.ports, 'spec.ports').map((port, index) => readServicePort(reader, port, `spec.ports[${index}]`));
  const names = new Set<string>();
  ports.forEach((port, index) => {
    if (ports.length > 1 && port.name === undefined) {
      // ValidateService: "when multiple ports are specified, every port must have a name".
      reader.fail(`spec.ports[${index}].name`, 'required: every port of a Service with more than one port must have a name');
    }
    if (port.name !== undefined && names.has(port.name)) {
      reader.fail(`spec.ports[${index}].name`, `duplicate port name ${JSON.stringify(port.name)}`);
    }
    if (port.name !== undefined) {
      names.add(port.name);
    }
  });
  return {
    ...identity,
    ...(Object.keys(selector).length > 0 ? { selector } : {}),
    ports,
    // ServiceSpec.Type: "Defaults to ClusterIP."
    type: readEnum(reader, spec.type, 'spec.type', SERVICE_TYPES, 'ClusterIP'),
    // ServiceSpec.ExternalTrafficPolicy: defaulted to "Cluster" for NodePort and LoadBalancer.
    externalTrafficPolicy: readEnum(reader, spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', TRAFFIC_POLICIES, 'Cluster'),
    source: reader.source,
  };
}
