import { ClusterModel, parseCidr, parseIp } from '../model';
import type { Analyzer, PortMatrixEntry } from './analyzer';
import { EndpointFilter, keepsDestination, keepsSource } from './endpoint-filter';
import { addressText, ipBlockCidrs } from './outside-space';
import { isEmptyPortSet, subtractPortSets, unionPortSets } from './port-set';
import { Peer } from './types';

/**
 * An address or network outside the cluster, as one peer of a report: a flow to or from it
 * allows what any of `addresses` is allowed.
 */
export interface ExternalPeer {
  /** As the user wrote it; names the peer in reports. */
  readonly label: string;
  /** Addresses that stand for every verdict the network can get: one per run of addresses no ipBlock tells apart. */
  readonly addresses: readonly string[];
}

/**
 * The external peer for an IP, or for a CIDR standing for all its addresses; undefined when
 * `address` is neither. The ipBlock boundaries of every policy (admin-tier `networks` too)
 * split a network into runs with one verdict each, and one address per run is probed, so
 * "allowed" means allowed for at least one address of the network.
 */
export function externalPeerOf(address: string, model: ClusterModel): ExternalPeer | undefined {
  if (parseIp(address)) {
    return { label: address, addresses: [address] };
  }
  const network = parseCidr(address);
  if (!network) {
    return undefined;
  }
  const starts = new Set<bigint>([network.network]);
  for (const block of ipBlockCidrs(model)) {
    if (block.family === network.family) {
      for (const boundary of [block.network, block.last + 1n]) {
        if (network.network < boundary && boundary <= network.last) {
          starts.add(boundary);
        }
      }
    }
  }
  const addresses = [...starts].sort((a, b) => (a < b ? -1 : 1)).map((start) => addressText(network.family, start));
  return { label: address, addresses };
}

/** The analyzer peers probed for an external peer: one per address. */
export function addressPeers(addresses: readonly string[]): Peer[] {
  return addresses.map((ip) => ({ kind: 'external', ip }));
}

/**
 * Every flow between the endpoints and the external peers, both directions, with what any
 * address of the external peer is allowed: a flow is kept when the `from` filter keeps its
 * source and the `to` filter its destination, so `--from ns/a` keeps ns/a -> external and
 * drops external -> anything; pairs with nothing allowed are left out. Ordered by endpoint id, then external peer as given, outbound first.
 */
export function externalFlows(analyzer: Analyzer, externals: readonly ExternalPeer[], filter: EndpointFilter = {}): PortMatrixEntry[] {
  const flows: PortMatrixEntry[] = [];
  /** What any address allows; ambiguous what some address leaves undefined and none allows. */
  const add = (from: string, to: string, pairs: readonly (readonly [Peer, Peer])[]): void => {
    const ports = unionPortSets(...pairs.map(([source, destination]) => analyzer.allowedPorts(source, destination)));
    const ambiguous = subtractPortSets(unionPortSets(...pairs.map(([source, destination]) => analyzer.ambiguousPorts(source, destination))), ports);
    if (!isEmptyPortSet(ports) || !isEmptyPortSet(ambiguous)) {
      flows.push({ from, to, ports, ...(isEmptyPortSet(ambiguous) ? {} : { ambiguousPorts: ambiguous }) });
    }
  };
  const outsides = externals.map((external) => ({ label: external.label, peers: addressPeers(external.addresses) }));
  for (const id of analyzer.endpointIds()) {
    const endpoint: Peer = { kind: 'endpoint', id };
    for (const outside of outsides) {
      if (keepsSource(filter, id) && keepsDestination(filter, outside.label)) {
        add(id, outside.label, outside.peers.map((peer) => [endpoint, peer] as const));
      }
      if (keepsSource(filter, outside.label) && keepsDestination(filter, id)) {
        add(outside.label, id, outside.peers.map((peer) => [peer, endpoint] as const));
      }
    }
  }
  return flows;
}
