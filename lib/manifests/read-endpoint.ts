import { ContainerPort, Endpoint, MAX_PORT, MIN_PORT, PROTOCOLS, Protocol, isPortNumber, parseIp } from '../model';
import { JsonObject, isAbsent } from '../validate';
import { describeValue } from './manifest-error';
import { FieldReader } from './field-reader';

/** What identifies the object an endpoint is read from. */
export interface EndpointIdentity {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

function readContainerPort(reader: FieldReader, value: unknown, path: string): ContainerPort {
  const port = reader.mapping(value, path);
  const number = port.containerPort;
  if (!isPortNumber(number)) {
    reader.fail(`${path}.containerPort`, `must be an integer between ${MIN_PORT} and ${MAX_PORT}, inclusive`);
  }
  const protocol = reader.optionalString(port.protocol, `${path}.protocol`) ?? 'TCP';
  if (!PROTOCOLS.includes(protocol as Protocol)) {
    reader.fail(`${path}.protocol`, `unsupported value ${JSON.stringify(protocol)}: supported values: ${PROTOCOLS.join(', ')}`);
  }
  const name = reader.optionalString(port.name, `${path}.name`);
  return { ...(name ? { name } : {}), port: number, protocol: protocol as Protocol };
}

/** Pod IPs from status.podIP and status.podIPs[].ip, without repeats, in that order. */
function readPodIps(reader: FieldReader, status: JsonObject | undefined): string[] {
  const ips: string[] = [];
  const add = (value: unknown, path: string): void => {
    const ip = reader.optionalString(value, path);
    if (ip === undefined) {
      return;
    }
    if (!parseIp(ip)) {
      reader.fail(path, `must be an IPv4 or IPv6 address, got ${JSON.stringify(ip)}`);
    }
    if (!ips.includes(ip)) {
      ips.push(ip);
    }
  };
  add(status?.podIP, 'status.podIP');
  reader.list(status?.podIPs, 'status.podIPs').forEach((entry, index) => {
    const path = `status.podIPs[${index}]`;
    add(reader.mapping(entry, path).ip, `${path}.ip`);
  });
  return ips;
}

/** `spec.hostNetwork`: false when absent. */
function readHostNetwork(reader: FieldReader, spec: JsonObject | undefined, path: string): boolean {
  const value = spec?.hostNetwork;
  if (isAbsent(value)) {
    return false;
  }
  if (typeof value !== 'boolean') {
    reader.fail(path, `must be true or false, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Reads the endpoint a Pod or workload's template stands for: the pod labels as written,
 * the container ports (named ports keep their protocol, TCP by default), hostNetwork and,
 * for a Pod, its IPs. Labels the control plane adds come later (control-plane-labels.ts).
 * `templatePath` leads from the object to its pod template (`[]` for a Pod).
 */
export function readEndpoint(
  reader: FieldReader,
  object: JsonObject,
  identity: EndpointIdentity,
  templatePath: readonly string[],
): Endpoint {
  let pod = object;
  const walked: string[] = [];
  for (const field of templatePath) {
    walked.push(field);
    pod = reader.mapping(pod[field], walked.join('.'));
  }
  const prefix = walked.length > 0 ? `${walked.join('.')}.` : '';
  const metadata = reader.optionalMapping(pod.metadata, `${prefix}metadata`);
  const spec = reader.optionalMapping(pod.spec, `${prefix}spec`);
  const ports: ContainerPort[] = [];
  reader.list(spec?.containers, `${prefix}spec.containers`).forEach((container, index) => {
    const path = `${prefix}spec.containers[${index}]`;
    reader.list(reader.mapping(container, path).ports, `${path}.ports`).forEach((port, portIndex) => {
      ports.push(readContainerPort(reader, port, `${path}.ports[${portIndex}]`));
    });
  });
  const status = templatePath.length === 0 ? reader.optionalMapping(object.status, 'status') : undefined;
  const hostNetwork = readHostNetwork(reader, spec, `${prefix}spec.hostNetwork`);
  return {
    ...identity,
    labels: reader.labels(metadata?.labels, `${prefix}metadata.labels`),
    ports,
    ips: readPodIps(reader, status),
    source: reader.source,
    ...(hostNetwork ? { hostNetwork } : {}),
  };
}
