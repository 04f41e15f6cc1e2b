import { textLine } from '../escape';
import { AMBIGUOUS_EDGE_LEGEND, ConnectivityGraph, GraphNode, GraphTextOptions, drawnEdges, edgeLabel, isIngressOpen, namespaceGraph, namespaceNodeLabel, nodeGroups, pairCount } from './graph-model';

/**
 * A Mermaid id for any text: letters and digits kept, every other character written as
 * `_` plus its code point in hex and `_`, so distinct texts never share an id and no id
 * is a Mermaid keyword (`end`, `graph`, ...) thanks to the prefix.
 */
export function mermaidId(prefix: string, text: string): string {
  const escaped = [...text]
    .map((char) => (/^[A-Za-z0-9]$/.test(char) ? char : `_${char.codePointAt(0)!.toString(16)}_`))
    .join('');
  return `${prefix}_${escaped}`;
}

const LABEL_ENTITIES: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  // A label in backticks is Markdown to Mermaid.
  '`': '#96;',
};

/**
 * A quoted Mermaid label; control characters and line breaks written as text (textLine),
 * and characters that could end the label or open markup as entity codes.
 */
export function mermaidLabel(text: string): string {
  return `"${textLine(text).replace(/["#<>&`]/g, (char) => LABEL_ENTITIES[char])}"`;
}

/** One subgraph per namespace and one for the addresses outside the cluster, with their nodes (ids `mermaidId('n', node.id)`). */
export function mermaidNodeLines(nodes: readonly GraphNode[]): string[] {
  const lines: string[] = [];
  for (const group of nodeGroups({ nodes })) {
    const id = group.namespace === undefined ? 'outside' : mermaidId('ns', group.namespace);
    lines.push(`  subgraph ${id} [${mermaidLabel(group.title)}]`);
    for (const node of group.nodes) {
      lines.push(`    ${mermaidId('n', node.id)}[${mermaidLabel(node.name)}]`);
    }
    lines.push('  end');
  }
  return lines;
}

/** An allowed arrow is solid, an ambiguous one dotted. */
function arrow(ambiguous: boolean): string {
  return ambiguous ? '-.->' : '-->';
}

function ambiguousLegend(edges: readonly { readonly ambiguous: boolean }[]): string[] {
  return edges.some((edge) => edge.ambiguous) ? [`  %% ${AMBIGUOUS_EDGE_LEGEND}`] : [];
}

/**
 * One node per namespace and per outside peer, an arrow per pair of them that some flow
 * joins, labelled with the number of flows and every port they allow; a namespace's node
 * counts its endpoints and the flows among them.
 */
function namespaceLines(graph: ConnectivityGraph): string[] {
  const folded = namespaceGraph(graph);
  const id = (unit: string): string => mermaidId('n', unit);
  const lines = folded.nodes.map((node) => `  ${id(node.id)}[${mermaidLabel(namespaceNodeLabel(node))}]`);
  for (const flow of folded.flows) {
    lines.push(`  ${id(flow.from)} ${arrow(flow.ambiguous)}|${mermaidLabel(edgeLabel(flow, `${pairCount(flow.pairs)}: `))}| ${id(flow.to)}`);
  }
  return [...lines, ...ambiguousLegend(folded.flows)];
}

/**
 * A Mermaid flowchart (left to right) for pull-request comments: one subgraph per namespace
 * and one for the external addresses, an arrow for every ordered pair of distinct nodes that
 * allows some port, labelled with the ports (`all` for every port of every protocol), and a
 * dotted one for ports whose verdict is ambiguous (admin tier). With
 * `group: 'namespace'`, one node per namespace instead (see namespaceLines).
 */
export function renderMermaidGraph(graph: ConnectivityGraph, options: GraphTextOptions = {}): string {
  const lines = ['flowchart LR'];
  if (graph.probe) {
    lines.push(`  %% restricted to ${graph.probe.protocol} ${graph.probe.port}`);
  }
  if (options.group === 'namespace') {
    return [...lines, ...namespaceLines(graph)].join('\n') + '\n';
  }
  lines.push(...mermaidNodeLines(graph.nodes));
  const edges = drawnEdges(graph);
  for (const edge of edges) {
    lines.push(`  ${mermaidId('n', edge.from)} ${arrow(edge.ambiguous)}|${mermaidLabel(edgeLabel(edge))}| ${mermaidId('n', edge.to)}`);
  }
  lines.push(...ambiguousLegend(edges));
  const open = graph.nodes.filter(isIngressOpen);
  if (open.length > 0) {
    lines.push('  %% dashed outline: no policy isolates the endpoint for ingress');
    lines.push('  classDef ingressOpen stroke-dasharray: 5 5');
    lines.push(`  class ${open.map((node) => mermaidId('n', node.id)).join(',')} ingressOpen`);
  }
  return lines.join('\n') + '\n';
}
