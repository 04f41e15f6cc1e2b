import { formatPortSet } from '../../analysis';
import { textLine } from '../escape';
import { ConnectivityGraph, GraphTextOptions, drawnFlows, isIngressOpen, namespaceGraph, namespaceNodeLabel, nodeGroups, pairCount } from './graph-model';

/**
 * A DOT double-quoted string showing the text: control characters and line breaks written
 * as text first (textLine), then backslashes and quotes escaped, so Graphviz reads no
 * escape (`\n`, `\N`) the input wrote.
 */
export function dotString(text: string): string {
  return `"${textLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A Graphviz digraph: one cluster per namespace and one for the external addresses, nodes
 * named by `namespace/name` (external ones by address), an edge for every ordered pair of
 * distinct nodes that allows some port, labelled with the ports. Endpoints not isolated for
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
      lines.push(`  ${dotString(flow.from)} -> ${dotString(flow.to)} [label=${dotString(`${pairCount(flow.pairs)}: ${formatPortSet(flow.ports)}`)}];`);
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
  for (const flow of drawnFlows(graph)) {
    lines.push(`  ${dotString(flow.from)} -> ${dotString(flow.to)} [label=${dotString(formatPortSet(flow.ports))}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
