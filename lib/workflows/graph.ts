import { Analyzer, PortMatrixEntry, PortProbe, PortSet, RuleTables, formatPortSet, intersectPortSets, isEmptyPortSet, keepsDestination, keepsSource, portRangeSet } from '../analysis';
import type { ManifestFinding } from '../manifests';
import { EndpointNotes, endpointNotes, parseEndpointId } from '../model';
import type { ConnectivityGraph, GraphNode } from '../report';
import { AnalysisModelLoad } from './analysis-model';
import { ReachScope, reachOnAllPorts } from './reach';

/** What a picture of who reaches whom shows: the reach scope, optionally one port. */
export interface GraphScope extends ReachScope {
  /**
   * Restrict every flow to this one port and protocol.
   * @default every port
   */
  readonly probe?: PortProbe;
}

/** A picture's content, and what a reader of it must also be told. */
export interface ConnectivityPicture {
  /** Who may reach whom. */
  readonly graph: ConnectivityGraph;
  /**
   * The load's findings every answer shows (objects left out, documents skipped, kinds not
   * evaluated, how pods became endpoints): each may make the picture differ from the cluster.
   */
  readonly findings: readonly ManifestFinding[];
  /** Caveats (hostNetwork, labels the input cannot know) of the endpoints drawn. */
  readonly caveats: EndpointNotes['caveats'];
  /**
   * What the HTML page's own answers leave out: the pairs with an ambiguous verdict (drawn
   * dotted in Mermaid and DOT), and, with admin-tier policies, that a click explains only the
   * NetworkPolicy rules.
   */
  readonly limits: readonly string[];
  /**
   * With admin-tier policies, the sentence the HTML page shows above each click explanation:
   * those explanations cover only the NetworkPolicy rules.
   */
  readonly explanationNote?: string;
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

/**
 * Who can reach whom (reachOnAllPorts: the endpoints the filter keeps and the outside
 * peers), every allowed port per ordered pair; with a probe, only that port. Nodes are the
 * endpoints sorted by id, then the outside peers in the order given; flows in flow order.
 */
export function buildConnectivityGraph(analyzer: Analyzer, scope: GraphScope = {}): ConnectivityGraph {
  const { probe, filter = {}, externals = [] } = scope;
  const matrix = reachOnAllPorts(analyzer, { filter, externals });
  const outsideLabels = new Set(externals.map((external) => external.label));
  const listed = new Set(matrix.endpoints);
  const endpoints = matrix.endpoints.filter((id) => !outsideLabels.has(id)).map((id) => endpointNode(analyzer, id));
  // An outside peer is drawn where the filter keeps it, as reach lists it (listedPeers).
  const outside = externals
    .filter((external) => listed.has(external.label))
    .map((external): GraphNode => ({ id: external.label, name: external.label, addresses: external.addresses, ingressPolicies: [], egressPolicies: [] }));
  const nodes = [...endpoints, ...outside];
  const restrict = (ports: PortSet): PortSet => (probe ? intersectPortSets(ports, portRangeSet(probe.protocol, probe.port)) : ports);
  const restrictFlow = (flow: PortMatrixEntry): PortMatrixEntry => {
    const ambiguousPorts = flow.ambiguousPorts && restrict(flow.ambiguousPorts);
    return { from: flow.from, to: flow.to, ports: restrict(flow.ports), ...(ambiguousPorts && !isEmptyPortSet(ambiguousPorts) ? { ambiguousPorts } : {}) };
  };
  const flows = probe
    ? matrix.flows.map(restrictFlow).filter((flow) => !isEmptyPortSet(flow.ports) || flow.ambiguousPorts !== undefined)
    : matrix.flows;
  return {
    probe,
    nodes,
    sources: nodes.filter((node) => keepsSource(filter, node.id)).map((node) => node.id),
    destinations: nodes.filter((node) => keepsDestination(filter, node.id)).map((node) => node.id),
    flows,
  };
}

/**
 * `netpol graph` once: the graph of a loaded model (which the analyzer was built on) and
 * everything the load found, so that wherever the picture is shown its warnings are too.
 */
export function connectivityPicture(analyzer: Analyzer, load: AnalysisModelLoad, scope: GraphScope = {}): ConnectivityPicture {
  const graph = buildConnectivityGraph(analyzer, scope);
  const drawn = new Set(graph.nodes.filter((node) => node.namespace !== undefined).map((node) => node.id));
  const tierPolicies = load.model.adminTierPolicies?.length ?? 0;
  const explanationNote =
    tierPolicies > 0
      ? `${tierPolicies} admin-tier ${tierPolicies === 1 ? 'policy decides' : 'policies decide'} flows before and after the NetworkPolicies: the arrows and the port matrix include their verdicts, but a click explains only the NetworkPolicy rules (netpol explain shows every tier)`
      : undefined;
  const limits = [
    ...(explanationNote ? [explanationNote] : []),
    ...graph.flows.flatMap((flow) =>
      flow.ambiguousPorts ? [`ambiguous: ${flow.from} -> ${flow.to} on ${formatPortSet(flow.ambiguousPorts)}: the network-policy-api leaves the verdict undefined (netpol explain says why)`] : [],
    ),
  ];
  return { graph, findings: load.verdictFindings, caveats: endpointNotes(load.model.endpoints, drawn).caveats, limits, ...(explanationNote ? { explanationNote } : {}) };
}

/** The rule tables an HTML page explains a clicked flow from, for the graph's endpoints and outside addresses. */
export function graphRuleTables(analyzer: Analyzer, graph: ConnectivityGraph): RuleTables {
  return analyzer.ruleTables(graph.nodes.flatMap((node) => node.addresses ?? []));
}
