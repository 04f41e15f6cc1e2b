import { Analyzer } from '../../analysis/analyzer';
import { EndpointFilter, keepsDestination, keepsEither, keepsSource } from '../../analysis/endpoint-filter';
import { ExternalPeer, addressPeers, externalFlows } from '../../analysis/external-peers';
import { intersectPortSets, isEmptyPortSet, portRangeSet } from '../../analysis/port-set';
import { Peer, PortProbe, PortSet } from '../../analysis/types';
import { parseEndpointId } from '../../model';
import { ConnectivityGraph, GraphNode } from './graph-model';

/** What buildConnectivityGraph draws; by default every endpoint, every port, nothing outside. */
export interface GraphOptions {
  /** Restrict every flow to this one port and protocol. */
  readonly probe?: PortProbe;
  /** Which endpoints appear as sources and as destinations, as in `reach`. */
  readonly filter?: EndpointFilter;
  /** Addresses or networks outside the cluster to draw as nodes. */
  readonly externals?: readonly ExternalPeer[];
}

/** The node for an endpoint: which policies isolate it, each direction. */
function endpointNode(analyzer: Analyzer, id: string): GraphNode {
  return {
    id,
    ...parseEndpointId(id),
    ingressPolicies: analyzer.isolatingPolicies(id, 'ingress'),
    egressPolicies: analyzer.isolatingPolicies(id, 'egress'),
  };
}

function externalNode(external: ExternalPeer): GraphNode {
  return { id: external.label, name: external.label, addresses: external.addresses, ingressPolicies: [], egressPolicies: [] };
}

/** The analyzer peers a node stands for: the endpoint, or each probed external address. */
export function nodePeers(node: GraphNode): Peer[] {
  return node.addresses ? addressPeers(node.addresses) : [{ kind: 'endpoint', id: node.id }];
}

/**
 * Who can reach whom over the endpoints that pass the filters (and the given external
 * peers), every allowed port per ordered pair; with a probe, only that port.
 */
export function buildConnectivityGraph(analyzer: Analyzer, options: GraphOptions = {}): ConnectivityGraph {
  const { probe, filter = {}, externals = [] } = options;
  const restrict = (ports: PortSet): PortSet =>
    probe ? intersectPortSets(ports, portRangeSet(probe.protocol, probe.port)) : ports;
  const endpointIds = analyzer.endpointIds().filter((id) => keepsEither(filter, id));
  const endpoints = endpointIds.map((id) => endpointNode(analyzer, id));
  const outside = externals.map(externalNode);
  const nodes = [...endpoints, ...outside];
  // The port matrix comes sorted by source then destination; only flows to and from outside need placing.
  let flows = analyzer.portMatrix(filter);
  if (outside.length > 0) {
    const order = new Map(nodes.map((node, index) => [node.id, index]));
    flows = [...flows, ...externalFlows(analyzer, externals, filter)].sort(
      (a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)!,
    );
  }
  const allowed = probe
    ? flows.map((entry) => ({ ...entry, ports: restrict(entry.ports) })).filter((flow) => !isEmptyPortSet(flow.ports))
    : flows;
  return {
    probe,
    nodes,
    sources: nodes.filter((node) => node.namespace === undefined || keepsSource(filter, node.id)).map((node) => node.id),
    destinations: nodes.filter((node) => node.namespace === undefined || keepsDestination(filter, node.id)).map((node) => node.id),
    flows: allowed,
  };
}
