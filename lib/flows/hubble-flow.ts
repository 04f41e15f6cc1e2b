import type { ObservedEnd, Protocol } from '../model';
import { parseIp } from '../model';
import { parseHubbleLabels } from './hubble-labels';
import {
  FieldError,
  JsonObject,
  fieldPath,
  boolField,
  enumField,
  isObject,
  objectField,
  stringField,
  stringListField,
  unsignedField,
} from './json-field';
import type { Observation } from './observation';

/**
 * One line of Hubble output, per Cilium's api/v1/flow/flow.proto and observer.proto in the
 * proto3 JSON mapping: `hubble observe -o json` writes the Flow itself, `-o jsonpb` and the
 * Hubble exporter a GetFlowsResponse (`{"flow": {...}, "node_name": ..., "time": ...}`).
 * Hubble writes proto field names (`pod_name`, `destination_port`, `is_reply`); proto3 JSON
 * also allows the lowerCamelCase JSON names (`podName`, `destinationPort`, `isReply`), and
 * enums as names or numbers, unsigned integers as numbers or decimal strings: all are read.
 */

/** Verdict values by number (flow.proto `enum Verdict`). */
const VERDICTS = ['VERDICT_UNKNOWN', 'FORWARDED', 'DROPPED', 'ERROR', 'AUDIT', 'REDIRECTED', 'TRACED', 'TRANSLATED'];

/** GetFlowsResponse's other response types (observer.proto): events, not flows. */
const OTHER_RESPONSES: ReadonlyArray<readonly [string, string]> = [
  ['node_status', 'nodeStatus'],
  ['lost_events', 'lostEvents'],
  ['agent_event', 'agentEvent'],
  ['debug_event', 'debugEvent'],
];

/** Fields only a Flow has: a line with one of them and no `flow` is a bare Flow (`-o json`). */
const FLOW_FIELDS = ['IP', 'l4', 'source', 'destination', 'verdict', 'Type', 'traffic_direction', 'trafficDirection'];

/** Whether a decoded JSON line is Hubble's: a GetFlowsResponse or a Flow. */
export function isHubbleLine(line: JsonObject): boolean {
  return 'flow' in line || OTHER_RESPONSES.some((names) => names.some((name) => name in line)) || FLOW_FIELDS.some((name) => name in line);
}

/**
 * Decodes Hubble lines. The ends of a file's flows are few identities seen again and again:
 * each is read once and shared (`ObservedEnd` objects are then equal by identity), and each
 * address is checked once.
 */
export class HubbleDecoder {
  private readonly ends = new Map<string, ObservedEnd>();
  private readonly addresses = new Set<string>();

  /** The flow of one Hubble line, or why it is not one. Throws FieldError for a field of the wrong type. */
  decode(line: JsonObject): Observation {
    const envelope = objectField(line, ['flow'], '');
    if (!envelope) {
      const other = OTHER_RESPONSES.find((names) => names.some((name) => line[name] !== undefined && line[name] !== null));
      if (other) {
        return { kind: 'skip', reason: `Hubble ${other[0]} event: not a flow` };
      }
    }
    return decodeFlow(envelope?.value ?? line, envelope ? 'flow' : '', this);
  }

  /** `text` if it is an IP address, checked once per address. */
  address(ip: JsonObject, name: 'source' | 'destination', path: string): string | undefined {
    const text = stringField(ip, [name], path);
    if (text === undefined || text === '' || this.addresses.has(text)) {
      return text || undefined;
    }
    if (!parseIp(text)) {
      throw new FieldError(`${fieldPath(path, name)}: ${JSON.stringify(text)} is not an IPv4 or IPv6 address`);
    }
    this.addresses.add(text);
    return text;
  }

  /** One end of a flow, shared with every earlier flow of the same identity. */
  end(flow: JsonObject, names: readonly string[], ip: string | undefined, path: string): ObservedEnd | undefined {
    const endpoint = objectField(flow, names, path);
    const at = endpoint ? fieldPath(path, endpoint.name) : path;
    const namespace = endpoint && stringField(endpoint.value, ['namespace'], at);
    const labels = endpoint ? stringListField(endpoint.value, ['labels'], at) : [];
    const workloads = endpoint?.value.workloads;
    // Cheap to key on when well formed; anything else is read (and refused) without the cache.
    const first = Array.isArray(workloads) && workloads.every(isObject) ? (workloads[0] as JsonObject | undefined) : undefined;
    if (namespace && workloads !== undefined && workloads !== null && !Array.isArray(workloads)) {
      return readEnd(namespace, labels, workloads, ip, at);
    }
    const key = namespace ? `${namespace}\n${labels.join('\n')}\n${first?.name}\n${first?.kind}` : `${ip}\n${labels.join('\n')}`;
    let end = this.ends.get(key);
    if (!end) {
      end = readEnd(namespace, labels, workloads, ip, at);
      if (end) {
        this.ends.set(key, end);
      }
    }
    return end;
  }
}

function decodeFlow(flow: JsonObject, path: string, decoder: HubbleDecoder): Observation {
  const at = (name: string): string => fieldPath(path, name);
  const l4 = objectField(flow, ['l4'], path);
  const ports = l4 && layer4(l4.value, at(l4.name));
  if (!ports) {
    return { kind: 'skip', reason: 'no TCP, UDP or SCTP port (l4 absent)' };
  }
  if (ports.kind === 'icmp') {
    return { kind: 'skip', reason: 'ICMP: NetworkPolicy ports are TCP, UDP or SCTP' };
  }
  if (ports.port === 0) {
    return { kind: 'skip', reason: 'destination port 0' };
  }
  const ip = objectField(flow, ['IP'], path);
  const fromIp = ip && decoder.address(ip.value, 'source', at('IP'));
  const toIp = ip && decoder.address(ip.value, 'destination', at('IP'));
  const from = decoder.end(flow, ['source'], fromIp, path);
  const to = decoder.end(flow, ['destination'], toIp, path);
  if (!from || !to) {
    return { kind: 'skip', reason: 'an end with neither a pod (namespace) nor an IP address' };
  }
  const isReply = boolField(flow, ['is_reply', 'isReply'], path);
  // `reply` is deprecated: false may mean unknown (flow.proto), so only true is believed.
  const reply = isReply ?? (boolField(flow, ['reply'], path) === true ? true : undefined);
  const service = objectField(flow, ['destination_service', 'destinationService'], path);
  const serviceName = service && stringField(service.value, ['name'], at(service.name));
  const serviceNamespace = service && stringField(service.value, ['namespace'], at(service.name));
  return {
    kind: 'flow',
    flow: {
      from,
      to,
      ...(fromIp ? { fromIp } : {}),
      ...(toIp ? { toIp } : {}),
      ...(ports.sourcePort !== undefined ? { sourcePort: ports.sourcePort } : {}),
      port: ports.port,
      protocol: ports.protocol,
      reply,
      verdict: enumField(flow, ['verdict'], path, VERDICTS) ?? 'unknown',
      count: 1,
      destinationNames: stringListField(flow, ['destination_names', 'destinationNames'], path),
      ...(serviceName ? { destinationService: serviceNamespace ? `${serviceNamespace}/${serviceName}` : serviceName } : {}),
    },
  };
}

type Layer4 = { readonly kind: 'icmp' } | { readonly kind: 'port'; readonly protocol: Protocol; readonly port: number; readonly sourcePort?: number };

/** Layer4's oneof protocol: TCP, UDP, SCTP with ports; ICMPv4 and ICMPv6 without. */
function layer4(l4: JsonObject, path: string): Layer4 | undefined {
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    const found = objectField(l4, [protocol], path);
    if (found) {
      const at = fieldPath(path, found.name);
      const port = unsignedField(found.value, ['destination_port', 'destinationPort'], at) ?? 0;
      if (port > 65535) {
        throw new FieldError(`${at}.destination_port: ${port} is not a port (1-65535)`);
      }
      return { kind: 'port', protocol, port, sourcePort: unsignedField(found.value, ['source_port', 'sourcePort'], at) };
    }
  }
  return objectField(l4, ['ICMPv4'], path) || objectField(l4, ['ICMPv6'], path) ? { kind: 'icmp' } : undefined;
}

/**
 * One end: a pod when Hubble names its namespace (labels and workload from the Endpoint),
 * else its address with Cilium's reserved identity (`world`, `host`, ...) if any.
 */
function readEnd(namespace: string | undefined, labelTexts: readonly string[], workloads: unknown, ip: string | undefined, at: string): ObservedEnd | undefined {
  const labels = parseHubbleLabels(labelTexts);
  if (namespace) {
    if (workloads !== undefined && workloads !== null && (!Array.isArray(workloads) || !workloads.every(isObject))) {
      throw new FieldError(`${at}.workloads: expected a list of {name, kind}, got ${JSON.stringify(workloads)}`);
    }
    const first = Array.isArray(workloads) ? (workloads[0] as JsonObject | undefined) : undefined;
    const workloadName = first && stringField(first, ['name'], `${at}.workloads[0]`);
    const workloadKind = first && stringField(first, ['kind'], `${at}.workloads[0]`);
    return {
      kind: 'pod',
      namespace,
      labels: labels.pod,
      ...(workloadName ? { workload: { kind: workloadKind ?? '', name: workloadName } } : {}),
      ...(Object.keys(labels.namespace).length > 0 ? { namespaceLabels: labels.namespace } : {}),
    };
  }
  if (!ip) {
    return undefined;
  }
  return labels.reserved.length > 0 ? { kind: 'address', ip, identity: labels.reserved[0] } : { kind: 'address', ip };
}
