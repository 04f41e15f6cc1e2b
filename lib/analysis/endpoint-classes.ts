import { ContainerPort, Endpoint, IpAddress, Labels, endpointId, parseIp } from '../model';
import { IpBlockMatcher } from './ip-block-matcher';
import { PolicyRelevance } from './policy-relevance';

/**
 * Endpoints that no policy can tell apart: same namespace, same pod labels, same container
 * ports, matched by the same ipBlocks, and (with admin-tier policies) alike in hostNetwork. The analyzer works on classes and expands to
 * endpoints only at the end.
 */
export interface EndpointClass {
  readonly index: number;
  readonly namespace: string;
  /** The pod labels some selector reads; the others cannot change a verdict. */
  readonly labels: Labels;
  /**
   * The container ports whose name some rule uses; only named ports resolve on endpoints.
   * Classes with equal lists share one array, so a list can key what is resolved on it.
   */
  readonly ports: readonly ContainerPort[];
  /** Indices (into the known ipBlocks) of the blocks that match an IP of these endpoints. */
  readonly ipBlocks: readonly number[];
  /** True for hostNetwork pods when admin-tier policies exist (they leave such pods out); false otherwise. */
  readonly hostNetwork: boolean;
}

export interface EndpointClasses {
  readonly classes: readonly EndpointClass[];
  /** The class of each endpoint, by the endpoint's position in the input. */
  readonly classOf: readonly number[];
  /** Class indices per namespace name, ascending. */
  readonly byNamespace: ReadonlyMap<string, readonly number[]>;
}

function relevantLabels(labels: Labels, keys: ReadonlySet<string>): Labels {
  return Object.fromEntries(Object.keys(labels).filter((key) => keys.has(key)).sort().map((key) => [key, labels[key]]));
}

function portsKey(ports: readonly ContainerPort[]): string {
  return JSON.stringify(ports.map((port) => [port.protocol, port.port, port.name ?? '']).sort());
}

function parseEndpointIps(endpoint: Endpoint): IpAddress[] {
  return endpoint.ips.map((text) => {
    const ip = parseIp(text);
    if (!ip) {
      throw new Error(`endpoint ${endpointId(endpoint)}: IP ${JSON.stringify(text)} is not an IPv4 or IPv6 address`);
    }
    return ip;
  });
}

/**
 * Groups endpoints into classes. A pod with several IPs (dual stack) is matched by an ipBlock
 * when any of its IPs is.
 */
export function groupEndpointClasses(
  endpoints: readonly Endpoint[],
  ipBlocks: readonly IpBlockMatcher[],
  relevance: PolicyRelevance,
): EndpointClasses {
  const classes: EndpointClass[] = [];
  const classOf: number[] = [];
  const byKey = new Map<string, number>();
  const portListsByKey = new Map<string, readonly ContainerPort[]>();
  const byNamespace = new Map<string, number[]>();
  for (const endpoint of endpoints) {
    const ips = parseEndpointIps(endpoint);
    const matchedBlocks = ips.length === 0 ? [] : ipBlocks.flatMap((block, index) => (ips.some((ip) => block.matches(ip)) ? [index] : []));
    const labels = relevantLabels(endpoint.labels, relevance.podLabelKeys);
    const ports = endpoint.ports.filter((port) => port.name !== undefined && relevance.portNames.has(port.name));
    const listKey = portsKey(ports);
    const hostNetwork = relevance.hostNetwork && endpoint.hostNetwork === true;
    const key = JSON.stringify([endpoint.namespace, labels, listKey, matchedBlocks, hostNetwork]);
    let index = byKey.get(key);
    if (index === undefined) {
      index = classes.length;
      byKey.set(key, index);
      if (!portListsByKey.has(listKey)) {
        portListsByKey.set(listKey, ports);
      }
      classes.push({ index, namespace: endpoint.namespace, labels, ports: portListsByKey.get(listKey)!, ipBlocks: matchedBlocks, hostNetwork });
      const siblings = byNamespace.get(endpoint.namespace) ?? [];
      siblings.push(index);
      byNamespace.set(endpoint.namespace, siblings);
    }
    classOf.push(index);
  }
  return { classes, classOf, byNamespace };
}
