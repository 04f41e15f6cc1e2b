import { Analyzer } from '../analysis/analyzer';
import type { PortMatrixEntry } from '../analysis/analyzer';
import { PROTOCOLS } from '../model';
import { Explanation, Peer, PortProbe, PortSet } from '../analysis/types';
import { ConnectivityGraph, GraphNode, drawnFlows } from './graph-data';
import { nodePeers } from './graph-build';

/** A drawn flow with the analyzer's explanation at a few of its ports. */
export interface ExplainedFlow extends PortMatrixEntry {
  readonly explanations: readonly Explanation[];
}

/** Enough to show which rules open which ranges without bloating the page for wide-open pairs. */
export const EXPLAINED_PROBES_PER_FLOW = 6;

/** The first port of each allowed range, protocols in report order. */
export function representativeProbes(ports: PortSet): PortProbe[] {
  return PROTOCOLS.flatMap((protocol) => ports[protocol].map((range) => ({ protocol, port: range.from })));
}

/** For a network, the explanation at the first of its addresses the probe may pass (or the first). */
function explainAny(analyzer: Analyzer, sources: readonly Peer[], destinations: readonly Peer[], probe: PortProbe): Explanation {
  const explanations = sources.flatMap((from) => destinations.map((to) => analyzer.explain(from, to, probe)));
  return explanations.find((explanation) => explanation.allowed) ?? explanations[0];
}

/**
 * Every drawn flow explained: at the graph's probe when it has one, otherwise at the first
 * port of each allowed range (at most EXPLAINED_PROBES_PER_FLOW).
 */
export function explainFlows(analyzer: Analyzer, graph: ConnectivityGraph): ExplainedFlow[] {
  const nodes = new Map<string, GraphNode>(graph.nodes.map((node) => [node.id, node]));
  return drawnFlows(graph).map((flow) => {
    const probes = graph.probe ? [graph.probe] : representativeProbes(flow.ports).slice(0, EXPLAINED_PROBES_PER_FLOW);
    const sources = nodePeers(nodes.get(flow.from)!);
    const destinations = nodePeers(nodes.get(flow.to)!);
    return { ...flow, explanations: probes.map((probe) => explainAny(analyzer, sources, destinations, probe)) };
  });
}
