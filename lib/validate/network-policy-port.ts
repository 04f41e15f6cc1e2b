import { MAX_PORT, MIN_PORT, PROTOCOLS, isPortNumber } from '../model';
import { invalid, notSupported, warning } from './field-error';
import { childPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { portNameErrors } from './port-name';
import { isAbsent, isObject, unknownFields, wrongType } from './shape';

/** One entry of a rule's `ports`, as the API server's ValidateNetworkPolicyPort checks it. */

const RULE = 'api-port';
const PORT_FIELDS = ['protocol', 'port', 'endPort'];
const PORT_RANGE_ERROR = `must be between ${MIN_PORT} and ${MAX_PORT}, inclusive`;
const PORT_NUMBER = `an integer port number (${MIN_PORT}-${MAX_PORT})`;

function validateProtocol(protocol: unknown, path: string): FieldError[] {
  if (isAbsent(protocol) || PROTOCOLS.includes(protocol as never)) {
    return [];
  }
  return [notSupported(path, protocol, PROTOCOLS)];
}

function validateEndPort(endPort: unknown, port: unknown, path: string): FieldError[] {
  if (isAbsent(endPort)) {
    return [];
  }
  if (typeof endPort !== 'number' || !Number.isInteger(endPort)) {
    return [wrongType(path, endPort, PORT_NUMBER)];
  }
  if (isAbsent(port)) {
    return [invalid(path, endPort, 'may not be specified when `port` is not specified')];
  }
  if (typeof port === 'string') {
    return [invalid(path, endPort, 'may not be specified when `port` is non-numeric')];
  }
  if (typeof port !== 'number') {
    return [];
  }
  const findings: FieldError[] = [];
  if (endPort < port) {
    findings.push(invalid(path, endPort, 'must be greater than or equal to `port`'));
  }
  if (!isPortNumber(endPort)) {
    findings.push(invalid(path, endPort, PORT_RANGE_ERROR));
  }
  return findings;
}

function validatePort(port: unknown, path: string): FieldError[] {
  if (isAbsent(port)) {
    return [];
  }
  if (typeof port === 'string') {
    return portNameErrors(port).map((message) => invalid(path, port, message));
  }
  if (typeof port !== 'number') {
    return [wrongType(path, port, `a port number (${MIN_PORT}-${MAX_PORT}) or a port name such as "http"`)];
  }
  if (!Number.isInteger(port)) {
    return [wrongType(path, port, PORT_NUMBER)];
  }
  return isPortNumber(port) ? [] : [invalid(path, port, PORT_RANGE_ERROR)];
}

/** Validates an untrusted NetworkPolicyPort at `path` (e.g. `spec.ingress[0].ports[1]`). */
export function validateNetworkPolicyPort(value: unknown, path: string): Finding[] {
  if (isAbsent(value)) {
    // A null element of the []NetworkPolicyPort slice decodes as the zero port, which
    // defaulting (SetDefaults_NetworkPolicyPort) gives protocol TCP.
    return [warning(path, 'is null, which the API server stores as {protocol: TCP}: every TCP port (and no UDP or SCTP); write {protocol: TCP} if that is intended, or remove it', 'null-entry')];
  }
  if (!isObject(value)) {
    return inRule(RULE, [wrongType(path, value, 'an object with protocol, port and endPort')]);
  }
  return inRule(RULE, [
    ...validateProtocol(value.protocol, childPath(path, 'protocol')),
    ...validatePort(value.port, childPath(path, 'port')),
    ...validateEndPort(value.endPort, value.port, childPath(path, 'endPort')),
    ...unknownFields(value, path, PORT_FIELDS),
  ]);
}
