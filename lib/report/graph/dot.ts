import { textLine } from '../escape';
import { ConnectivityGraph, GraphTextOptions, drawnEdges, edgeLabel, isIngressOpen, namespaceGraph, namespaceNodeLabel, nodeGroups, pairCount } from './graph-model';

/**
 * A DOT double-quoted string showing the text: control characters and line breaks written
 * as text first (textLine), then backslashes and quotes escaped, so Graphviz reads no
 * escape (`\n`, `\N`) the input wrote.
 */
export function dotString(text: string): string {
  return `"${textLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An ambiguous edge is dotted: the verdict on its ports is undefined (see netpol explain). */
function edgeStyle(ambiguous: boolean): string {
  return ambiguous ? ', style=dotted' : '';
}

/**
 * A Graphviz digraph: one cluster per namespace and one for the external addresses, nodes
 * named by `namespace/name` (external ones by address), an edge for every ordered pair of
 * distinct nodes that allows some port, labelled with the ports, and a dotted one for the ports
 * whose verdict is ambiguous. Endpoints not isolated for
 * ingress are dashed. With `group: 'namespace'`, one node per namespace (and per outside peer)
 * and one edge per pair of them, labelled with the number of flows and their ports.
 */
export function renderDotGraph(graph: ConnectivityGraph, options: GraphTextOptions = {}): string {
  const lines = [
    'digraph netpol {',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded];',
  ];
  if (graph.probe) {
    lines.push(`  label=${dotString(`${graph.probe.protocol} ${graph.probe.port} only`)};`);
  }
  if (options.group === 'namespace') {
    const folded = namespaceGraph(graph);
    for (const node of folded.nodes) {
      lines.push(`  ${dotString(node.id)} [label=${dotString(namespaceNodeLabel(node))}];`);
    }
    for (const flow of folded.flows) {
      lines.push(`  ${dotString(flow.from)} -> ${dotString(flow.to)} [label=${dotString(edgeLabel(flow, `${pairCount(flow.pairs)}: `))}${edgeStyle(flow.ambiguous)}];`);
    }
    lines.push('}');
    return lines.join('\n') + '\n';
  }
  for (const group of nodeGroups(graph)) {
    // The `cluster` prefix makes Graphviz draw a box; a space cannot occur in a namespace name.
    lines.push(`  subgraph ${dotString(group.namespace === undefined ? 'cluster outside' : `cluster_${group.namespace}`)} {`);
    lines.push(`    label=${dotString(group.title)};`);
    for (const node of group.nodes) {
      const style = isIngressOpen(node) ? ', style="rounded,dashed"' : '';
      lines.push(`    ${dotString(node.id)} [label=${dotString(node.name)}${style}];`);
    }
    lines.push('  }');
  }
  for (const edge of drawnEdges(graph)) {
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edgeLabel(edge))}${edgeStyle(edge.ambiguous)}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
