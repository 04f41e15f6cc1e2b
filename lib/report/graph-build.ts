import { Analyzer, EndpointFilter } from '../analysis/analyzer';
import { PortFlow } from '../analysis/diff';
import { intersectPortSets, isEmptyPortSet, portRangeSet } from '../analysis/port-set';
import { Peer, PortProbe, PortSet } from '../analysis/types';
import { ConnectivityGraph, GraphNode } from './graph-data';

export interface GraphOptions {
  /** Restrict every flow to this one port and protocol. */
  readonly probe?: PortProbe;
  /** Which endpoints appear as sources and as destinations, as in `reach`. */
  readonly filter?: EndpointFilter;
  /** Addresses outside the cluster to draw as nodes, e.g. `203.0.113.10`. */
  readonly externals?: readonly string[];
}

/** Any probe does: isolation and the isolating policies do not depend on the port. */
const ISOLATION_PROBE: PortProbe = { port: 1, protocol: 'TCP' };

/** The node for an endpoint or an external address: which policies isolate it, each direction. */
export function graphNode(analyzer: Analyzer, peer: Peer): GraphNode {
  if (peer.kind === 'external') {
    return { id: peer.ip, name: peer.ip, ingressPolicies: [], egressPolicies: [] };
  }
  const self = analyzer.explain(peer, peer, ISOLATION_PROBE);
  const slash = peer.id.indexOf('/');
  return {
    id: peer.id,
    namespace: peer.id.slice(0, slash),
    name: peer.id.slice(slash + 1),
    ingressPolicies: self.ingress?.selectedBy ?? [],
    egressPolicies: self.egress?.selectedBy ?? [],
  };
}

/** The graph node's analyzer peer: endpoints have a namespace, external addresses do not. */
export function nodePeer(node: GraphNode): Peer {
  return node.namespace === undefined ? { kind: 'external', ip: node.id } : { kind: 'endpoint', id: node.id };
}

/**
 * Who can reach whom over the endpoints that pass the filters (and the given external
 * addresses), every allowed port per ordered pair; with a probe, only that port.
 */
export function buildConnectivityGraph(analyzer: Analyzer, options: GraphOptions = {}): ConnectivityGraph {
  const { probe, filter = {}, externals = [] } = options;
  const restrict = (ports: PortSet): PortSet =>
    probe ? intersectPortSets(ports, portRangeSet(probe.protocol, probe.port)) : ports;
  const keep = (id: string, test: ((id: string) => boolean) | undefined): boolean => test === undefined || test(id);

  const endpointIds = analyzer.endpointIds().filter((id) => keep(id, filter.from) || keep(id, filter.to));
  const endpoints = endpointIds.map((id) => graphNode(analyzer, { kind: 'endpoint', id }));
  const outside = [...new Set(externals)].map((ip) => graphNode(analyzer, { kind: 'external', ip }));

  const flows: PortFlow[] = analyzer.portMatrix(filter).map((entry) => ({ ...entry, ports: restrict(entry.ports) }));
  for (const endpoint of endpoints) {
    for (const external of outside) {
      if (keep(endpoint.id, filter.from)) {
        flows.push({ from: endpoint.id, to: external.id, ports: restrict(analyzer.allowedPorts(nodePeer(endpoint), nodePeer(external))) });
      }
      if (keep(endpoint.id, filter.to)) {
        flows.push({ from: external.id, to: endpoint.id, ports: restrict(analyzer.allowedPorts(nodePeer(external), nodePeer(endpoint))) });
      }
    }
  }
  const nodes = [...endpoints, ...outside];
  const order = new Map(nodes.map((node, index) => [node.id, index]));
  const allowed = flows
    .filter((flow) => !isEmptyPortSet(flow.ports))
    .sort((a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)!);
  return {
    probe,
    nodes,
    sources: nodes.filter((node) => node.namespace === undefined || keep(node.id, filter.from)).map((node) => node.id),
    destinations: nodes.filter((node) => node.namespace === undefined || keep(node.id, filter.to)).map((node) => node.id),
    flows: allowed,
  };
}
