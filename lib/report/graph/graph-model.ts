import { PortMatrixEntry, PortProbe, PortSet, formatPortSet, isEmptyPortSet, unionPortSets } from '../../analysis';
import { plural } from '../findings';

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
  /**
   * Pairs that allow some port or whose verdict is ambiguous on some (`ambiguousPorts`, with
   * admin-tier policies), self pairs included, sorted by source then destination.
   */
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
export function nodeGroups(graph: Pick<ConnectivityGraph, 'nodes'>): NodeGroup[] {
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

/** One arrow of a picture: the ports a pair allows, or (drawn apart, dotted) those whose verdict is ambiguous. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly ports: PortSet;
  /** True for ports the network-policy-api leaves undefined between the two (see `netpol explain`). */
  readonly ambiguous: boolean;
}

/**
 * The arrows a picture draws: per pair of distinct nodes, one for the ports it allows and one
 * for the ports whose verdict is ambiguous, each only when not empty. A pod's traffic to
 * itself is left out (it would be a loop on every node); the port matrix still lists it.
 */
export function drawnEdges(graph: ConnectivityGraph): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const flow of graph.flows) {
    if (flow.from === flow.to) {
      continue;
    }
    if (!isEmptyPortSet(flow.ports)) {
      edges.push({ from: flow.from, to: flow.to, ports: flow.ports, ambiguous: false });
    }
    if (flow.ambiguousPorts && !isEmptyPortSet(flow.ambiguousPorts)) {
      edges.push({ from: flow.from, to: flow.to, ports: flow.ambiguousPorts, ambiguous: true });
    }
  }
  return edges;
}

/** What an arrow says: its ports, prefixed `ambiguous:` when the verdict on them is undefined. */
export function edgeLabel(edge: { readonly ports: PortSet; readonly ambiguous: boolean }, prefix = ''): string {
  return `${edge.ambiguous ? 'ambiguous: ' : ''}${prefix}${formatPortSet(edge.ports)}`;
}

/** The legend line of a picture with ambiguous arrows. */
export const AMBIGUOUS_EDGE_LEGEND = 'dotted arrow: the verdict on these ports is ambiguous (the network-policy-api leaves it undefined: see netpol explain)';

/** How a picture groups its nodes: one per endpoint, or one per namespace (`--group namespace`). */
export type GraphGrouping = 'endpoint' | 'namespace';

/** What renderMermaidGraph and renderDotGraph draw. */
export interface GraphTextOptions {
  /** One node per endpoint, or per namespace (edges folded, with counts). @default 'endpoint' */
  readonly group?: GraphGrouping;
}

/** The drawn edges between two namespaces (or a namespace and an outside peer), as one edge. */
export interface NamespaceFlow {
  /** A namespace, or an outside peer's id. */
  readonly from: string;
  readonly to: string;
  /** How many ordered pairs of distinct nodes it stands for. */
  readonly pairs: number;
  /** Every port any of those pairs allows (or, when `ambiguous`, has an ambiguous verdict on). */
  readonly ports: PortSet;
  /** True for the folded ambiguous edges, drawn apart from the allowed ones. */
  readonly ambiguous: boolean;
}

/** A namespace (or an outside peer) as one node: its endpoints and the flows among them. */
export interface NamespaceNode {
  /** The namespace, or the outside peer's id. */
  readonly id: string;
  /** Undefined for an outside peer. */
  readonly namespace?: string;
  readonly endpoints: number;
  /** Drawn flows between two endpoints of the namespace. */
  readonly internalPairs: number;
  /** Endpoints no policy isolates for ingress. */
  readonly ingressOpen: number;
}

/** The graph folded to one node per namespace: nodes in group order, flows between distinct groups in node order. */
export function namespaceGraph(graph: ConnectivityGraph): { nodes: NamespaceNode[]; flows: NamespaceFlow[] } {
  const unitOf = new Map<string, string>();
  const nodes: NamespaceNode[] = [];
  const internal = new Map<string, number>();
  for (const group of nodeGroups(graph)) {
    if (group.namespace === undefined) {
      for (const node of group.nodes) {
        unitOf.set(node.id, node.id);
        nodes.push({ id: node.id, endpoints: 0, internalPairs: 0, ingressOpen: 0 });
      }
      continue;
    }
    group.nodes.forEach((node) => unitOf.set(node.id, group.namespace!));
    nodes.push({ id: group.namespace, namespace: group.namespace, endpoints: group.nodes.length, internalPairs: 0, ingressOpen: group.nodes.filter(isIngressOpen).length });
  }
  const flows = new Map<string, { from: string; to: string; pairs: number; ports: PortSet[]; ambiguous: boolean }>();
  for (const edge of drawnEdges(graph)) {
    const from = unitOf.get(edge.from)!;
    const to = unitOf.get(edge.to)!;
    if (from === to) {
      if (!edge.ambiguous) {
        internal.set(from, (internal.get(from) ?? 0) + 1);
      }
      continue;
    }
    const key = `${from}\n${to}\n${edge.ambiguous}`;
    const entry = flows.get(key) ?? { from, to, pairs: 0, ports: [], ambiguous: edge.ambiguous };
    entry.pairs++;
    entry.ports.push(edge.ports);
    flows.set(key, entry);
  }
  const order = new Map(nodes.map((node, index) => [node.id, index]));
  return {
    nodes: nodes.map((node) => ({ ...node, internalPairs: internal.get(node.id) ?? 0 })),
    flows: [...flows.values()]
      .sort((a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)! || Number(a.ambiguous) - Number(b.ambiguous))
      .map((entry) => ({ from: entry.from, to: entry.to, pairs: entry.pairs, ports: unionPortSets(...entry.ports), ambiguous: entry.ambiguous })),
  };
}

/** `1 flow` / `3 flows`: the label of a folded edge or of a namespace's inner traffic. */
export function pairCount(pairs: number): string {
  return plural(pairs, 'flow');
}

/** What a folded node says: `namespace shop: 4 endpoints, 3 flows inside`, or `203.0.113.7 (outside)`. */
export function namespaceNodeLabel(node: NamespaceNode): string {
  if (node.namespace === undefined) {
    return `${node.id} (outside)`;
  }
  return `namespace ${node.id}: ${node.endpoints} ${node.endpoints === 1 ? 'endpoint' : 'endpoints'}, ${pairCount(node.internalPairs)} inside`;
}
