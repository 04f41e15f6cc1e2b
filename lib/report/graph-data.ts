import type { PortMatrixEntry } from '../analysis/analyzer';
import { PortProbe } from '../analysis/types';

/** An endpoint (or an address outside the cluster) as a graph node. */
export interface GraphNode {
  /** `namespace/name` for an endpoint; the address or network as given for an external peer. */
  readonly id: string;
  /** Undefined for an address outside the cluster. */
  readonly namespace?: string;
  /** What the picture writes on the node: the endpoint's name, or the address. */
  readonly name: string;
  /** For an external peer: the addresses probed for it (one per run a network's ipBlocks tell apart). */
  readonly addresses?: readonly string[];
  /** Policies (`namespace/name`) that isolate it for ingress; empty when ingress is wide open. */
  readonly ingressPolicies: readonly string[];
  /** Policies (`namespace/name`) that isolate it for egress; empty when egress is wide open. */
  readonly egressPolicies: readonly string[];
}

/** Who can reach whom: the nodes and every ordered pair that allows some port. */
export interface ConnectivityGraph {
  /** Set when the graph was restricted to one port and protocol. */
  readonly probe?: PortProbe;
  /** Endpoints sorted by id, then external addresses in the order given. */
  readonly nodes: readonly GraphNode[];
  /** Node ids the source filter keeps, in node order: the rows of the port matrix. */
  readonly sources: readonly string[];
  /** Node ids the destination filter keeps, in node order: the columns of the port matrix. */
  readonly destinations: readonly string[];
  /** Allowed pairs with their ports, self pairs included, sorted by source then destination. */
  readonly flows: readonly PortMatrixEntry[];
}

/** One box of the picture: a namespace, or the addresses outside the cluster. */
export interface NodeGroup {
  /** The namespace; undefined for the outside group. */
  readonly namespace?: string;
  readonly title: string;
  readonly nodes: readonly GraphNode[];
}

/** True when no policy isolates an endpoint for ingress; never true for an external address. */
export function isIngressOpen(node: GraphNode): boolean {
  return node.namespace !== undefined && node.ingressPolicies.length === 0;
}

/** Nodes grouped by namespace (sorted by name), then the external addresses as their own group. */
export function nodeGroups(graph: ConnectivityGraph): NodeGroup[] {
  const byNamespace = new Map<string, GraphNode[]>();
  const outside: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (node.namespace === undefined) {
      outside.push(node);
      continue;
    }
    const nodes = byNamespace.get(node.namespace) ?? [];
    nodes.push(node);
    byNamespace.set(node.namespace, nodes);
  }
  const groups: NodeGroup[] = [...byNamespace.keys()]
    .sort()
    .map((namespace) => ({ namespace, title: `namespace ${namespace}`, nodes: byNamespace.get(namespace)! }));
  if (outside.length > 0) {
    groups.push({ title: 'outside the cluster', nodes: outside });
  }
  return groups;
}

/**
 * The flows a picture draws: a pod's traffic to itself is left out (it would be a loop on
 * every node); the port matrix still lists it.
 */
export function drawnFlows(graph: ConnectivityGraph): PortMatrixEntry[] {
  return graph.flows.filter((flow) => flow.from !== flow.to);
}
