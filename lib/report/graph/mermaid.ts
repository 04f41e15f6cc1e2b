import { formatPortSet } from '../../analysis';
import { textLine } from '../escape';
import { ConnectivityGraph, GraphTextOptions, drawnFlows, isIngressOpen, namespaceGraph, namespaceNodeLabel, nodeGroups, pairCount } from './graph-model';

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
    lines.push(`  ${id(flow.from)} -->|${mermaidLabel(`${pairCount(flow.pairs)}: ${formatPortSet(flow.ports)}`)}| ${id(flow.to)}`);
  }
  return lines;
}

/**
 * A Mermaid flowchart (left to right) for pull-request comments: one subgraph per namespace
 * and one for the external addresses, an arrow for every ordered pair of distinct nodes that
 * allows some port, labelled with the ports (`all` for every port of every protocol). With
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
  for (const group of nodeGroups(graph)) {
    const id = group.namespace === undefined ? 'outside' : mermaidId('ns', group.namespace);
    lines.push(`  subgraph ${id} [${mermaidLabel(group.title)}]`);
    for (const node of group.nodes) {
      lines.push(`    ${mermaidId('n', node.id)}[${mermaidLabel(node.name)}]`);
    }
    lines.push('  end');
  }
  for (const flow of drawnFlows(graph)) {
    lines.push(`  ${mermaidId('n', flow.from)} -->|${mermaidLabel(formatPortSet(flow.ports))}| ${mermaidId('n', flow.to)}`);
  }
  const open = graph.nodes.filter(isIngressOpen);
  if (open.length > 0) {
    lines.push('  %% dashed outline: no policy isolates the endpoint for ingress');
    lines.push('  classDef ingressOpen stroke-dasharray: 5 5');
    lines.push(`  class ${open.map((node) => mermaidId('n', node.id)).join(',')} ingressOpen`);
  }
  return lines.join('\n') + '\n';
}
